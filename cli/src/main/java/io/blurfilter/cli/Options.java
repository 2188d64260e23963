package io.blurfilter.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed command line: flags ({@code --quiet}), options with a value ({@code --threads 4} or
 * {@code --threads=4}) and positional arguments. {@code --} ends the options. Every mistake is a
 * {@link UsageException} whose message names the option.
 */
final class Options {
    private final String command;
    private final Set<String> flags = new HashSet<>();
    private final Map<String, String> values = new HashMap<>();
    private final List<String> positionals = new ArrayList<>();

    private Options(String command) {
        this.command = command;
    }

    /**
     * @param knownFlags options without a value, spelled with their dashes
     * @param knownValued options that take a value
     */
    static Options parse(String command, List<String> args, Set<String> knownFlags, Set<String> knownValued)
            throws UsageException {
        return parse(command, args, knownFlags, knownValued, Map.of());
    }

    /** @param aliases short spellings and what they stand for, e.g. {@code -r -> --recursive} */
    static Options parse(String command, List<String> args, Set<String> knownFlags, Set<String> knownValued,
            Map<String, String> aliases) throws UsageException {
        Options o = new Options(command);
        boolean optionsEnded = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (optionsEnded || !arg.startsWith("-") || arg.equals("-")) {
                o.positionals.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                optionsEnded = true;
                continue;
            }
            String name = arg;
            String inlineValue = null;
            if (aliases.containsKey(arg)) {
                name = aliases.get(arg);
            }
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0 && !aliases.containsKey(arg)) {
                name = arg.substring(0, eq);
                inlineValue = arg.substring(eq + 1);
            }
            if (knownFlags.contains(name)) {
                if (inlineValue != null) {
                    throw new UsageException(command + ": option " + name + " takes no value");
                }
                o.flags.add(name);
            } else if (knownValued.contains(name)) {
                String value = inlineValue;
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        throw new UsageException(command + ": option " + name + " needs a value");
                    }
                    value = args.get(++i);
                }
                if (o.values.containsKey(name)) {
                    throw new UsageException(command + ": option " + name + " given twice");
                }
                o.values.put(name, value);
            } else {
                throw new UsageException(command + ": unknown option " + name + " (see blurfilter " + command
                        + " --help)");
            }
        }
        return o;
    }

    boolean has(String flag) {
        return flags.contains(flag) || values.containsKey(flag);
    }

    /** The option's value, or null when not given. */
    String value(String option) {
        return values.get(option);
    }

    Path path(String option) {
        String v = values.get(option);
        return v == null ? null : Path.of(v);
    }

    List<String> positionals() {
        return positionals;
    }

    int intValue(String option, int fallback, int min, int max) throws UsageException {
        String v = values.get(option);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                throw new UsageException(command + ": " + option + " must be between " + min + " and " + max
                        + ", got " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(command + ": " + option + " needs a whole number, got '" + v + "'");
        }
    }

    double doubleValue(String option, double fallback, double min, double max) throws UsageException {
        String v = values.get(option);
        if (v == null) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(v.trim());
            if (!(d >= min && d <= max)) {
                throw new UsageException(command + ": " + option + " must be between " + min + " and " + max
                        + ", got " + v);
            }
            return d;
        } catch (NumberFormatException e) {
            throw new UsageException(command + ": " + option + " needs a number, got '" + v + "'");
        }
    }

    /** The value when it is one of {@code allowed}. */
    String choice(String option, String fallback, List<String> allowed) throws UsageException {
        String v = values.getOrDefault(option, fallback);
        if (!allowed.contains(v)) {
            throw new UsageException(command + ": " + option + " must be one of " + String.join(", ", allowed)
                    + ", got '" + v + "'");
        }
        return v;
    }

    void requireExclusive(String a, String b) throws UsageException {
        if (has(a) && has(b)) {
            throw new UsageException(command + ": " + a + " and " + b + " cannot be used together");
        }
    }
}
