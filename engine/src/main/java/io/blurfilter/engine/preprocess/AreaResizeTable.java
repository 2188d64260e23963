package io.blurfilter.engine.preprocess;

/**
 * Source indices and weights of OpenCV's INTER_AREA shrink along one axis, for the output positions
 * {@code [from, from + count)}. Output pixel {@code d} averages the source interval
 * {@code [d * scale, (d + 1) * scale)} with {@code scale = src / dst}: whole pixels weigh
 * {@code 1 / cellWidth}, the partly covered pixels at either end their covered fraction, exactly as
 * cv::resize's {@code computeResizeAreaTab} (float weights, fractions under 1e-3 dropped).
 * Entries of output {@code i} are {@code [start[i], start[i + 1])} in {@link #index} and
 * {@link #weight}, in increasing source order (the order OpenCV sums them in).
 */
final class AreaResizeTable {
    final int[] start;
    final int[] index;
    final float[] weight;

    AreaResizeTable(int src, int dst, int from, int count) {
        if (dst > src) {
            throw new IllegalArgumentException("area resize only shrinks: " + src + " -> " + dst);
        }
        double scale = 1.0 / ((double) dst / src);
        int capacity = count * ((int) Math.ceil(scale) + 2);
        int[] idx = new int[capacity];
        float[] w = new float[capacity];
        start = new int[count + 1];
        int k = 0;
        for (int i = 0; i < count; i++) {
            start[i] = k;
            double fs1 = (from + i) * scale;
            double fs2 = fs1 + scale;
            double cellWidth = Math.min(scale, src - fs1);
            int s1 = (int) Math.ceil(fs1);
            int s2 = Math.min((int) Math.floor(fs2), src - 1);
            s1 = Math.min(s1, s2);
            if (s1 - fs1 > 1e-3) {
                idx[k] = s1 - 1;
                w[k++] = (float) ((s1 - fs1) / cellWidth);
            }
            for (int s = s1; s < s2; s++) {
                idx[k] = s;
                w[k++] = (float) (1.0 / cellWidth);
            }
            if (fs2 - s2 > 1e-3) {
                idx[k] = s2;
                w[k++] = (float) (Math.min(Math.min(fs2 - s2, 1.0), cellWidth) / cellWidth);
            }
        }
        start[count] = k;
        index = java.util.Arrays.copyOf(idx, k);
        weight = java.util.Arrays.copyOf(w, k);
    }
}
