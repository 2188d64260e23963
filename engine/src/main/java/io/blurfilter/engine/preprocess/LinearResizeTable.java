package io.blurfilter.engine.preprocess;

/**
 * Source positions and fixed-point weights of OpenCV's INTER_LINEAR resize along one axis, for the
 * output positions {@code [from, from + count)}. Follows cv::resize for 8-bit images: half-pixel
 * centers, {@code scale = 1 / (dst / src)}, positions computed in float, borders clamped with weight 0,
 * weights rounded to 11-bit fixed point (INTER_RESIZE_COEF_SCALE = 2048).
 */
final class LinearResizeTable {
    static final int COEF_SCALE = 2048;

    final int[] index0;
    final int[] index1;
    final int[] weight0;
    final int[] weight1;

    LinearResizeTable(int src, int dst, int from, int count) {
        index0 = new int[count];
        index1 = new int[count];
        weight0 = new int[count];
        weight1 = new int[count];
        double scale = 1.0 / ((double) dst / src);
        for (int i = 0; i < count; i++) {
            int d = from + i;
            float f = (float) ((d + 0.5) * scale - 0.5);
            int s = (int) Math.floor(f);
            f -= s;
            if (s < 0) {
                f = 0;
                s = 0;
            }
            if (s >= src - 1) {
                f = 0;
                s = src - 1;
            }
            index0[i] = s;
            index1[i] = Math.min(s + 1, src - 1);
            weight0[i] = (int) Math.rint((1f - f) * COEF_SCALE);
            weight1[i] = (int) Math.rint(f * COEF_SCALE);
        }
    }
}
