package io.blurfilter.engine;

import java.util.Arrays;

/** Small shape helpers shared by the graph, the format reader and the kernels. */
public final class Shapes {
    private Shapes() {}

    /** Product of the dims; throws on a negative dim or on overflow past {@code Long.MAX_VALUE}. */
    public static long elementCount(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, (long) d); // the (long, int) overload is missing on Android
        }
        return n;
    }

    public static String format(int[] shape) {
        return Arrays.toString(shape);
    }
}
