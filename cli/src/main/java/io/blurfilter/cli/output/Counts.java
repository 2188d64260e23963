package io.blurfilter.cli.output;

/** A count with its noun in the right number: "1 image", "2 images", "0 images". */
public final class Counts {
    private Counts() {}

    public static String of(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }
}
