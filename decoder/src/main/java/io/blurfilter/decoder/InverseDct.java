package io.blurfilter.decoder;

/**
 * Dequantisation and inverse DCT of one 8x8 block into 8x8, 4x4, 2x2 or 1x1 samples, in the same
 * integer arithmetic as libjpeg's "slow but accurate" IDCT ({@code jidctint.c}, Loeffler-Ligtenberg-
 * Moschytz with 13-bit constants) and its reduced-size variants ({@code jidctred.c}), so the samples
 * equal {@code djpeg -dct int}'s, at full and at reduced scale. Reducing in the DCT domain takes the
 * low-frequency coefficients only: a 1/8 decode needs no IDCT at all.
 */
final class InverseDct {
    private static final int CONST_BITS = 13;
    private static final int PASS1_BITS = 2;

    private static final int F0_211 = fix(0.211164243);
    private static final int F0_298 = fix(0.298631336);
    private static final int F0_390 = fix(0.390180644);
    private static final int F0_509 = fix(0.509795579);
    private static final int F0_541 = fix(0.541196100);
    private static final int F0_601 = fix(0.601344887);
    private static final int F0_720 = fix(0.720959822);
    private static final int F0_765 = fix(0.765366865);
    private static final int F0_850 = fix(0.850430095);
    private static final int F0_899 = fix(0.899976223);
    private static final int F1_061 = fix(1.061594337);
    private static final int F1_175 = fix(1.175875602);
    private static final int F1_272 = fix(1.272758580);
    private static final int F1_451 = fix(1.451774981);
    private static final int F1_501 = fix(1.501321110);
    private static final int F1_847 = fix(1.847759065);
    private static final int F1_961 = fix(1.961570560);
    private static final int F2_053 = fix(2.053119869);
    private static final int F2_172 = fix(2.172734803);
    private static final int F2_562 = fix(2.562915447);
    private static final int F3_072 = fix(3.072711026);
    private static final int F3_624 = fix(3.624509785);

    /**
     * Sample for an IDCT output (centred on 0) masked to 10 bits: libjpeg's range-limit table, which
     * clamps moderate overshoot and wraps wild values; the same table keeps corrupt blocks identical.
     */
    private static final byte[] RANGE = new byte[1024];

    static {
        for (int i = 0; i < 1024; i++) {
            int v = i < 128 ? i + 128 : i < 512 ? 255 : i < 896 ? 0 : i - 896;
            RANGE[i] = (byte) v;
        }
    }

    private final int[] work = new int[64];
    private final int[] row = new int[8];

    private static int fix(double x) {
        return (int) (x * (1 << CONST_BITS) + 0.5);
    }

    private static int descale(int x, int n) {
        return (x + (1 << (n - 1))) >> n;
    }

    private static byte sample(int x) {
        return RANGE[x & 1023];
    }

    /** Writes {@code size x size} samples (size 8, 4, 2 or 1) of the block at {@code in[at..at+63]}. */
    void transform(int size, short[] in, int at, int[] q, byte[] out, int outAt, int stride) {
        switch (size) {
            case 8:
                full(in, at, q, out, outAt, stride);
                break;
            case 4:
                quarter(in, at, q, out, outAt, stride);
                break;
            case 2:
                sixteenth(in, at, q, out, outAt, stride);
                break;
            default:
                out[outAt] = sample(descale(in[at] * q[0], 3));
                break;
        }
    }

    /**
     * A block whose AC coefficients are all zero: every sample is the DC's, the value both passes
     * would give (libjpeg's own shortcut for such columns and rows, taken for the whole block).
     */
    static void dcOnly(int size, short[] in, int at, int[] q, byte[] out, int outAt, int stride) {
        byte dc = sample(descale(in[at] * q[0], 3));
        for (int r = 0; r < size; r++) {
            int o = outAt + r * stride;
            for (int c = 0; c < size; c++) {
                out[o + c] = dc;
            }
        }
    }

    private void full(short[] in, int at, int[] q, byte[] out, int outAt, int stride) {
        int[] ws = work;
        for (int c = 0; c < 8; c++) {
            int i = at + c;
            // one test of the OR, not seven branches: whether a column is empty is data, not predictable
            if ((in[i + 8] | in[i + 16] | in[i + 24] | in[i + 32] | in[i + 40] | in[i + 48] | in[i + 56]) == 0) {
                int dc = in[i] * q[c] << PASS1_BITS;
                for (int r = 0; r < 8; r++) {
                    ws[r * 8 + c] = dc;
                }
                continue;
            }
            lanes(in[i] * q[c], in[i + 8] * q[c + 8], in[i + 16] * q[c + 16], in[i + 24] * q[c + 24],
                    in[i + 32] * q[c + 32], in[i + 40] * q[c + 40], in[i + 48] * q[c + 48], in[i + 56] * q[c + 56],
                    ws, c, 8, CONST_BITS - PASS1_BITS);
        }
        for (int r = 0; r < 8; r++) {
            int w = r * 8;
            int o = outAt + r * stride;
            if ((ws[w + 1] | ws[w + 2] | ws[w + 3] | ws[w + 4] | ws[w + 5] | ws[w + 6] | ws[w + 7]) == 0) {
                byte dc = sample(descale(ws[w], PASS1_BITS + 3));
                for (int c = 0; c < 8; c++) {
                    out[o + c] = dc;
                }
                continue;
            }
            rowOut(ws[w], ws[w + 1], ws[w + 2], ws[w + 3], ws[w + 4], ws[w + 5], ws[w + 6], ws[w + 7], out, o);
        }
    }

    /** One 8-point 1-D IDCT of the first pass, results descaled into {@code ws[first + k * step]}. */
    private static void lanes(int d0, int d1, int d2, int d3, int d4, int d5, int d6, int d7,
            int[] ws, int first, int step, int shift) {
        int z1 = (d2 + d6) * F0_541;
        int tmp2 = z1 - d6 * F1_847;
        int tmp3 = z1 + d2 * F0_765;
        int tmp0 = (d0 + d4) << CONST_BITS;
        int tmp1 = (d0 - d4) << CONST_BITS;
        int tmp10 = tmp0 + tmp3;
        int tmp13 = tmp0 - tmp3;
        int tmp11 = tmp1 + tmp2;
        int tmp12 = tmp1 - tmp2;

        int z5 = (d7 + d3 + d5 + d1) * F1_175;
        int za = -(d7 + d1) * F0_899;
        int zb = -(d5 + d3) * F2_562;
        int zc = -(d7 + d3) * F1_961 + z5;
        int zd = -(d5 + d1) * F0_390 + z5;
        int o0 = d7 * F0_298 + za + zc;
        int o1 = d5 * F2_053 + zb + zd;
        int o2 = d3 * F3_072 + zb + zc;
        int o3 = d1 * F1_501 + za + zd;

        ws[first] = descale(tmp10 + o3, shift);
        ws[first + 7 * step] = descale(tmp10 - o3, shift);
        ws[first + step] = descale(tmp11 + o2, shift);
        ws[first + 6 * step] = descale(tmp11 - o2, shift);
        ws[first + 2 * step] = descale(tmp12 + o1, shift);
        ws[first + 5 * step] = descale(tmp12 - o1, shift);
        ws[first + 3 * step] = descale(tmp13 + o0, shift);
        ws[first + 4 * step] = descale(tmp13 - o0, shift);
    }

    private void rowOut(int d0, int d1, int d2, int d3, int d4, int d5, int d6, int d7, byte[] out, int o) {
        lanes(d0, d1, d2, d3, d4, d5, d6, d7, row, 0, 1, CONST_BITS + PASS1_BITS + 3);
        for (int c = 0; c < 8; c++) {
            out[o + c] = sample(row[c]);
        }
    }

    private void quarter(short[] in, int at, int[] q, byte[] out, int outAt, int stride) {
        int[] ws = work;
        for (int c = 0; c < 8; c++) {
            if (c == 4) {
                continue; // the second pass does not read column 4
            }
            int i = at + c;
            if ((in[i + 8] | in[i + 16] | in[i + 24] | in[i + 40] | in[i + 48] | in[i + 56]) == 0) {
                int dc = in[i] * q[c] << PASS1_BITS;
                for (int r = 0; r < 4; r++) {
                    ws[r * 8 + c] = dc;
                }
                continue;
            }
            quarterLanes(in[i] * q[c], in[i + 8] * q[c + 8], in[i + 16] * q[c + 16], in[i + 24] * q[c + 24],
                    in[i + 40] * q[c + 40], in[i + 48] * q[c + 48], in[i + 56] * q[c + 56],
                    ws, c, 8, CONST_BITS - PASS1_BITS + 1);
        }
        for (int r = 0; r < 4; r++) {
            int w = r * 8;
            int o = outAt + r * stride;
            if ((ws[w + 1] | ws[w + 2] | ws[w + 3] | ws[w + 5] | ws[w + 6] | ws[w + 7]) == 0) {
                byte dc = sample(descale(ws[w], PASS1_BITS + 3));
                for (int c = 0; c < 4; c++) {
                    out[o + c] = dc;
                }
                continue;
            }
            quarterLanes(ws[w], ws[w + 1], ws[w + 2], ws[w + 3], ws[w + 5], ws[w + 6], ws[w + 7],
                    row, 0, 1, CONST_BITS + PASS1_BITS + 3 + 1);
            for (int c = 0; c < 4; c++) {
                out[o + c] = sample(row[c]);
            }
        }
    }

    /** 8 inputs (the 4th unused) to the 4 averages of adjacent output pairs. */
    private static void quarterLanes(int d0, int d1, int d2, int d3, int d5, int d6, int d7,
            int[] ws, int first, int step, int shift) {
        int even0 = d0 << (CONST_BITS + 1);
        int even2 = d2 * F1_847 - d6 * F0_765;
        int tmp10 = even0 + even2;
        int tmp12 = even0 - even2;
        int odd0 = -d7 * F0_211 + d5 * F1_451 - d3 * F2_172 + d1 * F1_061;
        int odd2 = -d7 * F0_509 - d5 * F0_601 + d3 * F0_899 + d1 * F2_562;
        ws[first] = descale(tmp10 + odd2, shift);
        ws[first + 3 * step] = descale(tmp10 - odd2, shift);
        ws[first + step] = descale(tmp12 + odd0, shift);
        ws[first + 2 * step] = descale(tmp12 - odd0, shift);
    }

    private void sixteenth(short[] in, int at, int[] q, byte[] out, int outAt, int stride) {
        int[] ws = work;
        for (int c = 0; c < 8; c++) {
            if (c == 2 || c == 4 || c == 6) {
                continue; // the second pass reads only the odd columns and the first
            }
            int i = at + c;
            if ((in[i + 8] | in[i + 24] | in[i + 40] | in[i + 56]) == 0) {
                int dc = in[i] * q[c] << PASS1_BITS;
                ws[c] = dc;
                ws[8 + c] = dc;
                continue;
            }
            pairLanes(in[i] * q[c], in[i + 8] * q[c + 8], in[i + 24] * q[c + 24], in[i + 40] * q[c + 40],
                    in[i + 56] * q[c + 56], ws, c, 8, CONST_BITS - PASS1_BITS + 2);
        }
        for (int r = 0; r < 2; r++) {
            int w = r * 8;
            int o = outAt + r * stride;
            if ((ws[w + 1] | ws[w + 3] | ws[w + 5] | ws[w + 7]) == 0) {
                byte dc = sample(descale(ws[w], PASS1_BITS + 3));
                out[o] = dc;
                out[o + 1] = dc;
                continue;
            }
            pairLanes(ws[w], ws[w + 1], ws[w + 3], ws[w + 5], ws[w + 7], row, 0, 1, CONST_BITS + PASS1_BITS + 3 + 2);
            out[o] = sample(row[0]);
            out[o + 1] = sample(row[1]);
        }
    }

    /** DC and the odd inputs to the 2 averages of output quadruples. */
    private static void pairLanes(int d0, int d1, int d3, int d5, int d7, int[] ws, int first, int step, int shift) {
        int tmp10 = d0 << (CONST_BITS + 2);
        int tmp0 = -d7 * F0_720 + d5 * F0_850 - d3 * F1_272 + d1 * F3_624;
        ws[first] = descale(tmp10 + tmp0, shift);
        ws[first + step] = descale(tmp10 - tmp0, shift);
    }
}
