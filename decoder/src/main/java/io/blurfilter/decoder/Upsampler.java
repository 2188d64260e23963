package io.blurfilter.decoder;

/**
 * Brings a subsampled component to the output size. The filters are libjpeg's "fancy" ones (a
 * triangle filter: each output sample weighs its nearer input 3:1) for 2x across, 2x down and 2x2,
 * with libjpeg's rounding, and box replication for other ratios and at 1/8 scale, where libjpeg has
 * no fancy upsampling either; so the output matches {@code djpeg}'s default. Edges repeat the last
 * real sample, not the block padding.
 */
final class Upsampler {
    /**
     * Parts of the 2x2 fancy filter giving exactly the plain code's values; each returns the index
     * where the plain loop goes on (it did {@code from} up to there).
     */
    interface Fancy {
        /** {@code sums[x] = 3 * near[x] + far[x]} for x from {@code from} up to the returned index. */
        int columnSums(byte[] in, int near, int far, int[] sums, int from, int to);

        /** Output pairs i from {@code from} up to the returned index (at most {@code end}) of the 2x2 filter. */
        int bothPairs(int[] sums, int from, int end, byte[] out, int o);
    }

    /** The Vector API parts where the JVM has them, else null (the plain code below). */
    private static final Fancy VECTOR = VectorPaths.upsamplerOrNull();

    private Upsampler() {}

    static byte[] upsample(FrameComponent c, int hr, int vr, boolean fancy, Window window) {
        return upsample(c, hr, vr, fancy, window, VECTOR);
    }

    /**
     * The component's samples brought to output size, for the output pixels in {@code window} only:
     * {@code window.width()} samples per row.
     */
    static byte[] upsample(FrameComponent c, int hr, int vr, boolean fancy, Window window, Fancy vector) {
        int x0 = window.x();
        int y0 = window.y();
        int w = window.width();
        int h = window.height();
        byte[] out = new byte[w * h];
        byte[] in = c.samples;
        int stride = c.samplesStride;
        int n = c.sampleWidth;
        int lastRow = c.sampleHeight - 1;
        if (hr == 1 && vr == 1) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(in, (y0 + y) * stride + x0, out, y * w, w);
            }
        } else if (fancy && hr == 2 && vr == 1 && n > 2) {
            // only the input columns the window's pixels are made from, whole output pairs
            int first = x0 >> 1;
            int last = (x0 + w - 1) >> 1;
            byte[] row = new byte[2 * (last - first + 1)];
            for (int y = 0; y < h; y++) {
                acrossRow(in, (y0 + y) * stride, n, first, last, row);
                System.arraycopy(row, x0 & 1, out, y * w, w);
            }
        } else if (fancy && hr == 2 && vr == 2 && n > 2) {
            int first = x0 >> 1;
            int last = (x0 + w - 1) >> 1;
            int lo = Math.max(first - 1, 0);
            int hi = Math.min(last + 1, n - 1);
            int[] sums = new int[n];
            byte[] row = new byte[2 * (last - first + 1)];
            for (int y = 0; y < h; y++) {
                int r = (y0 + y) >> 1;
                int other = ((y0 + y) & 1) == 0 ? Math.max(r - 1, 0) : Math.min(r + 1, lastRow);
                int x = vector == null ? lo : vector.columnSums(in, r * stride, other * stride, sums, lo, hi + 1);
                for (; x <= hi; x++) {
                    sums[x] = 3 * (in[r * stride + x] & 0xFF) + (in[other * stride + x] & 0xFF);
                }
                bothRow(sums, n, first, last, row, vector);
                System.arraycopy(row, x0 & 1, out, y * w, w);
            }
        } else if (fancy && hr == 1 && vr == 2) {
            for (int y = 0; y < h; y++) {
                int r = (y0 + y) >> 1;
                boolean upper = ((y0 + y) & 1) == 0;
                int other = upper ? Math.max(r - 1, 0) : Math.min(r + 1, lastRow);
                int bias = upper ? 1 : 2;
                for (int x = 0; x < w; x++) {
                    out[y * w + x] = (byte) ((3 * (in[r * stride + x0 + x] & 0xFF)
                            + (in[other * stride + x0 + x] & 0xFF) + bias) >> 2);
                }
            }
        } else {
            for (int y = 0; y < h; y++) {
                int from = ((y0 + y) / vr) * stride;
                for (int x = 0; x < w; x++) {
                    out[y * w + x] = in[from + (x0 + x) / hr];
                }
            }
        }
        return out;
    }

    /** Output pairs {@code first .. last} (of input samples {@code first .. last}) of one row filtered across. */
    private static void acrossRow(byte[] in, int at, int n, int first, int last, byte[] out) {
        int o = -2 * first;
        if (first == 0) {
            int v = in[at] & 0xFF;
            out[0] = (byte) v;
            out[1] = (byte) ((v * 3 + (in[at + 1] & 0xFF) + 2) >> 2);
        }
        for (int i = Math.max(first, 1), end = Math.min(last, n - 2); i <= end; i++) {
            int v = 3 * (in[at + i] & 0xFF);
            out[o + 2 * i] = (byte) ((v + (in[at + i - 1] & 0xFF) + 1) >> 2);
            out[o + 2 * i + 1] = (byte) ((v + (in[at + i + 1] & 0xFF) + 2) >> 2);
        }
        if (last == n - 1) {
            int v = in[at + n - 1] & 0xFF;
            out[o + 2 * n - 2] = (byte) ((v * 3 + (in[at + n - 2] & 0xFF) + 1) >> 2);
            out[o + 2 * n - 1] = (byte) v;
        }
    }

    /** Output pairs {@code first .. last} of the 2x2 filter from the column sums (3 x nearer row + farther row). */
    private static void bothRow(int[] sums, int n, int first, int last, byte[] out, Fancy vector) {
        int o = -2 * first;
        if (first == 0) {
            out[0] = (byte) ((sums[0] * 4 + 8) >> 4);
            out[1] = (byte) ((sums[0] * 3 + sums[1] + 7) >> 4);
        }
        int i = Math.max(first, 1);
        int end = Math.min(last, n - 2);
        if (vector != null) {
            i = vector.bothPairs(sums, i, end, out, o);
        }
        for (; i <= end; i++) {
            out[o + 2 * i] = (byte) ((sums[i] * 3 + sums[i - 1] + 8) >> 4);
            out[o + 2 * i + 1] = (byte) ((sums[i] * 3 + sums[i + 1] + 7) >> 4);
        }
        if (last == n - 1) {
            out[o + 2 * n - 2] = (byte) ((sums[n - 1] * 3 + sums[n - 2] + 8) >> 4);
            out[o + 2 * n - 1] = (byte) ((sums[n - 1] * 4 + 7) >> 4);
        }
    }
}
