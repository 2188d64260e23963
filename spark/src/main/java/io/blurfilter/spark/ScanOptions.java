package io.blurfilter.spark;

import java.util.List;
import java.util.Locale;

/**
 * {@link SparkScan}'s command line: {@code IN OUT [--format parquet|csv|jsonl] [--threshold T |
 * --strictness NAME] [--model M] [--max-bytes N]}. A mistake is an {@link IllegalArgumentException}
 * saying what is wrong.
 *
 * @param threshold NaN when not given
 * @param strictness null when not given
 * @param model null for the embedded default
 */
record ScanOptions(String input, String output, String format, double threshold, String strictness, String model,
        long maxBytes) {
    static final String USAGE = String.join("\n",
            "usage: SparkScan IN OUT [--format parquet|csv|jsonl] [--threshold T | --strictness NAME] [--model M.bfm]"
                    + " [--max-bytes N]",
            "",
            "Scores every image file under IN (a folder, file or glob on any Hadoop file system, sub-folders",
            "too) and writes one row per file to the new folder OUT: path, blur_score, label, width, height,",
            "error. A file that cannot be read or decoded is a row with an error, never a failed job.",
            "",
            "  --format F          parquet (default), csv (with a header) or jsonl",
            "  --threshold T       label as blurred at score >= T (default: the model's own)",
            "  --strictness NAME   the model's named threshold instead (see blurfilter scan --help)",
            "  --model M.bfm       a converted model on any Hadoop file system instead of the embedded default",
            "  --max-bytes N       files longer than N bytes are rows with an error, not read (default "
                    + BlurFilterSpark.DEFAULT_MAX_BYTES + ")",
            "",
            "Exit codes: 0 written (failed files are rows), 2 usage error, 3 fatal error (OUT exists, bad model).");
    static final List<String> FORMATS = List.of("parquet", "csv", "jsonl");

    /** The help was asked for: the caller prints {@link #USAGE} and stops. */
    static final class HelpRequested extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HelpRequested() {
            super(USAGE, null, false, false);
        }
    }

    static ScanOptions parse(String... args) {
        String input = null;
        String output = null;
        String format = "parquet";
        double threshold = Double.NaN;
        String strictness = null;
        String model = null;
        long maxBytes = BlurFilterSpark.DEFAULT_MAX_BYTES;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help", "-h" -> throw new HelpRequested();
                case "--format" -> format = value(args, ++i, a).toLowerCase(Locale.ROOT);
                case "--threshold" -> threshold = threshold(value(args, ++i, a));
                case "--strictness" -> strictness = value(args, ++i, a);
                case "--model" -> model = value(args, ++i, a);
                case "--max-bytes" -> maxBytes = bytes(value(args, ++i, a));
                default -> {
                    if (a.startsWith("-") && a.length() > 1) {
                        throw new IllegalArgumentException("unknown option " + a);
                    } else if (input == null) {
                        input = a;
                    } else if (output == null) {
                        output = a;
                    } else {
                        throw new IllegalArgumentException("unexpected argument " + a + " (IN and OUT are already "
                                + input + " and " + output + ")");
                    }
                }
            }
        }
        if (output == null) {
            throw new IllegalArgumentException(input == null ? "IN and OUT are required" : "OUT is required");
        }
        if (!FORMATS.contains(format)) {
            throw new IllegalArgumentException("--format must be one of " + String.join(", ", FORMATS) + ", not "
                    + format);
        }
        if (strictness != null && !Double.isNaN(threshold)) {
            throw new IllegalArgumentException("--threshold and --strictness cannot be used together");
        }
        return new ScanOptions(input, output, format, threshold, strictness, model, maxBytes);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static double threshold(String value) {
        double t;
        try {
            t = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--threshold needs a number in [0, 1], not " + value);
        }
        if (!(t >= 0 && t <= 1)) {
            throw new IllegalArgumentException("--threshold must be in [0, 1], not " + value);
        }
        return t;
    }

    private static long bytes(String value) {
        long n;
        try {
            n = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--max-bytes needs a whole number of bytes, not " + value);
        }
        if (n < 0) {
            throw new IllegalArgumentException("--max-bytes must not be negative, not " + value);
        }
        return n;
    }
}
