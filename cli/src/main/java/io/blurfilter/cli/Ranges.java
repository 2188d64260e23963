package io.blurfilter.cli;

/** Bounds of numeric options, checked after parsing; a value outside them is a usage error naming the option. */
final class Ranges {
    private Ranges() {}

    static int check(String command, String option, int value, int min, int max) throws UsageException {
        if (value < min || value > max) {
            throw new UsageException(command + ": " + option + " must be between " + min + " and " + max + ", got "
                    + value);
        }
        return value;
    }

    static double check(String command, String option, double value, double min, double max) throws UsageException {
        if (!(value >= min && value <= max)) {
            throw new UsageException(command + ": " + option + " must be between " + min + " and " + max + ", got "
                    + value);
        }
        return value;
    }
}
