package io.blurfilter.engine.preprocess;

import io.blurfilter.engine.Image;
import io.blurfilter.engine.PixelRegion;

/**
 * OpenCV's INTER_AREA shrink of 8-bit RGB, restricted to a crop window of the resized image: each
 * output pixel is the area-weighted mean of the source pixels its cell covers. Summation follows
 * cv::resize's generic area path (float horizontal sums per source row, then the rows weighted and
 * added in source order, rounded half to even), so results match OpenCV to the last bit or within
 * one level where its build contracts multiply-adds.
 */
final class AreaResize {
    private AreaResize() {
    }

    /**
     * Pixels {@code [x0, x0 + cw) x [y0, y0 + ch)} of {@code image} shrunk to {@code rw x rh}, packed
     * {@code 0xRRGGBB}, row-major.
     */
    static int[] crop(Image image, int rw, int rh, int x0, int y0, int cw, int ch) {
        int fx = image.width() / rw;
        int fy = image.height() / rh;
        if (fx * rw == image.width() && fy * rh == image.height()) {
            return integerFactorCrop(image, fx, fy, x0, y0, cw, ch);
        }
        AreaResizeTable tx = new AreaResizeTable(image.width(), rw, x0, cw);
        AreaResizeTable ty = new AreaResizeTable(image.height(), rh, y0, ch);
        int[] out = new int[cw * ch];
        float[] row = new float[3 * cw];
        // a source row on the border of two output rows counts for both: its sums are still in row
        int rowSource = -1;
        float[] sum = new float[3 * cw];
        for (int y = 0; y < ch; y++) {
            for (int j = ty.start[y]; j < ty.start[y + 1]; j++) {
                if (ty.index[j] != rowSource) {
                    rowSource = ty.index[j];
                    horizontal(image, rowSource, tx, row);
                }
                weightedAdd(sum, row, ty.weight[j], j == ty.start[y]);
            }
            for (int x = 0; x < cw; x++) {
                out[y * cw + x] = level(sum[3 * x]) << 16 | level(sum[3 * x + 1]) << 8 | level(sum[3 * x + 2]);
            }
        }
        return out;
    }

    /** sum = beta * row, or sum += beta * row: two plain loops the JIT vectorizes. */
    private static void weightedAdd(float[] sum, float[] row, float beta, boolean first) {
        if (first) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] = beta * row[i];
            }
        } else {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += beta * row[i];
            }
        }
    }

    /** The pixels {@link #crop} reads for the same arguments (an image's size instead of the image). */
    static PixelRegion pixelsRead(int width, int height, int rw, int rh, int x0, int y0, int cw, int ch) {
        int fx = width / rw;
        int fy = height / rh;
        if (fx * rw == width && fy * rh == height) {
            return new PixelRegion(x0 * fx, y0 * fy, (x0 + cw) * fx, (y0 + ch) * fy);
        }
        AreaResizeTable tx = new AreaResizeTable(width, rw, x0, cw);
        AreaResizeTable ty = new AreaResizeTable(height, rh, y0, ch);
        return new PixelRegion(tx.index[0], ty.index[0], tx.index[tx.index.length - 1] + 1,
                ty.index[ty.index.length - 1] + 1);
    }

    /**
     * OpenCV's fast path for whole-number factors: integer sums of each fx x fy cell; its SIMD code
     * rounds 2x2 means half up, the general case multiplies by the float 1 / area and rounds half
     * to even.
     */
    private static int[] integerFactorCrop(Image image, int fx, int fy, int x0, int y0, int cw, int ch) {
        int area = fx * fy;
        float inverse = 1f / area;
        boolean halves = fx == 2 && fy == 2;
        int[] out = new int[cw * ch];
        for (int y = 0; y < ch; y++) {
            int sy = (y0 + y) * fy;
            for (int x = 0; x < cw; x++) {
                int sx = (x0 + x) * fx;
                int r = 0;
                int g = 0;
                int b = 0;
                for (int dy = 0; dy < fy; dy++) {
                    for (int dx = 0; dx < fx; dx++) {
                        int p = image.rgb(sx + dx, sy + dy);
                        r += p >>> 16 & 0xFF;
                        g += p >>> 8 & 0xFF;
                        b += p & 0xFF;
                    }
                }
                out[y * cw + x] = halves ? (r + 2) >> 2 << 16 | (g + 2) >> 2 << 8 | (b + 2) >> 2
                        : level(r * inverse) << 16 | level(g * inverse) << 8 | level(b * inverse);
            }
        }
        return out;
    }

    /** Area-weighted horizontal sums of source row {@code sy} for every output column. */
    private static void horizontal(Image image, int sy, AreaResizeTable tx, float[] row) {
        for (int x = 0; x < tx.start.length - 1; x++) {
            float r = 0;
            float g = 0;
            float b = 0;
            for (int k = tx.start[x]; k < tx.start[x + 1]; k++) {
                int p = image.rgb(tx.index[k], sy);
                float a = tx.weight[k];
                r += (p >>> 16 & 0xFF) * a;
                g += (p >>> 8 & 0xFF) * a;
                b += (p & 0xFF) * a;
            }
            row[3 * x] = r;
            row[3 * x + 1] = g;
            row[3 * x + 2] = b;
        }
    }

    /** cv::saturate_cast&lt;uchar&gt;(float): round half to even, clamp to 0..255. */
    private static int level(float v) {
        return (int) Math.max(0, Math.min(255, Math.rint(v)));
    }
}
