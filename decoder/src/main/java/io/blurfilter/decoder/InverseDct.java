package io.blurfilter.decoder;

/**
 * Dequantisation and inverse DCT of one 8x8 block into 8x8, 4x4, 2x2 or 1x1 samples, in the same
 * integer arithmetic as libjpeg's "slow but accurate" IDCT ({@code jidctint.c}, Loeffler-Ligtenberg-
 * Moschytz with 13-bit constants) and its reduced-size variants ({@code jidctred.c}), so the samples
 * equal {@code djpeg -dct int}'s, at full and at reduced scale. Reducing in the DCT domain takes the
 * low-frequency coefficients only: a 1/8 decode needs no IDCT at all.
 */
final class InverseDct {
    // package-private: VectorInverseDct computes with the same constants
    static final int CONST_BITS = 13;
    static final int PASS1_BITS = 2;
    /** The 8x8 passes' descaling: shifts, and the rounding half folded into the even part. */
    static final int PASS1_SHIFT = CONST_BITS - PASS1_BITS;
    static final int PASS1_ROUND = 1 << (PASS1_SHIFT - 1);
    static final int PASS2_SHIFT = CONST_BITS + PASS1_BITS + 3;
    static final int PASS2_ROUND = 1 << (PASS2_SHIFT - 1);
    /** The same for the 4x4 IDCT, whose sums carry one bit more. */
    static final int QUARTER1_SHIFT = PASS1_SHIFT + 1;
    static final int QUARTER1_ROUND = 1 << (QUARTER1_SHIFT - 1);
    private static final int QUARTER2_SHIFT = PASS2_SHIFT + 1;
    private static final int QUARTER2_ROUND = 1 << (QUARTER2_SHIFT - 1);

    static final int F0_211 = fix(0.211164243);
    static final int F0_298 = fix(0.298631336);
    static final int F0_390 = fix(0.390180644);
    static final int F0_509 = fix(0.509795579);
    static final int F0_541 = fix(0.541196100);
    static final int F0_601 = fix(0.601344887);
    static final int F0_720 = fix(0.720959822);
    static final int F0_765 = fix(0.765366865);
    static final int F0_850 = fix(0.850430095);
    static final int F0_899 = fix(0.899976223);
    static final int F1_061 = fix(1.061594337);
    static final int F1_175 = fix(1.175875602);
    static final int F1_272 = fix(1.272758580);
    static final int F1_451 = fix(1.451774981);
    static final int F1_501 = fix(1.501321110);
    static final int F1_847 = fix(1.847759065);
    static final int F1_961 = fix(1.961570560);
    static final int F2_053 = fix(2.053119869);
    static final int F2_172 = fix(2.172734803);
    static final int F2_562 = fix(2.562915447);
    static final int F3_072 = fix(3.072711026);
    static final int F3_624 = fix(3.624509785);

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

    /** 8x8 and 4x4 IDCTs giving exactly {@link InverseDct}'s samples; {@code ws} is 64 ints of scratch. */
    interface Vector {
        void full(short[] in, int at, int[] q, byte[] out, int outAt, int stride, int[] ws);

        void quarter(short[] in, int at, int[] q, byte[] out, int outAt, int stride, int[] ws);
    }

    private final int[] work = new int[64];
    private final int[] row = new int[8];
    /** The Vector API IDCTs where the JVM has them, else null (the plain code below). */
    private final Vector vector;

    InverseDct() {
        this(VectorPaths.idctOrNull());
    }

    /** With given vector IDCTs (null: the plain code), for tests comparing the two. */
    InverseDct(Vector vector) {
        this.vector = vector;
    }

    static int fix(double x) {
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
                if (vector != null) {
                    vector.full(in, at, q, out, outAt, stride, work);
                } else {
                    full(in, at, q, out, outAt, stride);
                }
                break;
            case 4:
                if (vector != null) {
                    vector.quarter(in, at, q, out, outAt, stride, work);
                } else {
                    quarter(in, at, q, out, outAt, stride);
                }
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

    /**
     * The 8x8 IDCT written out in one method, each pass on locals: as separate 1-D calls it was too
     * big for C2 to inline and cost a call per column and row. The two passes repeat the butterfly on
     * purpose, as jidctint.c does: a shared helper small enough to inline needs a scratch row, and
     * that measured slower. Int arithmetic wraps the same in any order of sums, so only the
     * descaling shifts have to stay where libjpeg has them.
     */
    private void full(short[] in, int at, int[] q, byte[] out, int outAt, int stride) {
        int[] ws = work;
        for (int c = 0; c < 8; c++) {
            int i = at + c;
            int d1 = in[i + 8];
            int d2 = in[i + 16];
            int d3 = in[i + 24];
            int d4 = in[i + 32];
            int d5 = in[i + 40];
            int d6 = in[i + 48];
            int d7 = in[i + 56];
            int d0 = in[i] * q[c];
            // one test of the OR, not seven branches: whether a column is empty is data, not predictable
            if ((d1 | d2 | d3 | d4 | d5 | d6 | d7) == 0) {
                int dc = d0 << PASS1_BITS;
                ws[c] = dc;
                ws[8 + c] = dc;
                ws[16 + c] = dc;
                ws[24 + c] = dc;
                ws[32 + c] = dc;
                ws[40 + c] = dc;
                ws[48 + c] = dc;
                ws[56 + c] = dc;
                continue;
            }
            d1 *= q[c + 8];
            d2 *= q[c + 16];
            d3 *= q[c + 24];
            d4 *= q[c + 32];
            d5 *= q[c + 40];
            d6 *= q[c + 48];
            d7 *= q[c + 56];
            int z1 = (d2 + d6) * F0_541;
            int tmp2 = z1 - d6 * F1_847;
            int tmp3 = z1 + d2 * F0_765;
            int tmp0 = (d0 + d4) << CONST_BITS;
            int tmp1 = (d0 - d4) << CONST_BITS;
            int tmp10 = tmp0 + tmp3 + PASS1_ROUND;
            int tmp13 = tmp0 - tmp3 + PASS1_ROUND;
            int tmp11 = tmp1 + tmp2 + PASS1_ROUND;
            int tmp12 = tmp1 - tmp2 + PASS1_ROUND;
            int z5 = (d7 + d3 + d5 + d1) * F1_175;
            int za = -(d7 + d1) * F0_899;
            int zb = -(d5 + d3) * F2_562;
            int zc = -(d7 + d3) * F1_961 + z5;
            int zd = -(d5 + d1) * F0_390 + z5;
            int o0 = d7 * F0_298 + za + zc;
            int o1 = d5 * F2_053 + zb + zd;
            int o2 = d3 * F3_072 + zb + zc;
            int o3 = d1 * F1_501 + za + zd;
            ws[c] = (tmp10 + o3) >> PASS1_SHIFT;
            ws[56 + c] = (tmp10 - o3) >> PASS1_SHIFT;
            ws[8 + c] = (tmp11 + o2) >> PASS1_SHIFT;
            ws[48 + c] = (tmp11 - o2) >> PASS1_SHIFT;
            ws[16 + c] = (tmp12 + o1) >> PASS1_SHIFT;
            ws[40 + c] = (tmp12 - o1) >> PASS1_SHIFT;
            ws[24 + c] = (tmp13 + o0) >> PASS1_SHIFT;
            ws[32 + c] = (tmp13 - o0) >> PASS1_SHIFT;
        }
        byte[] range = RANGE;
        for (int w = 0, o = outAt; w < 64; w += 8, o += stride) {
            int d0 = ws[w];
            int d1 = ws[w + 1];
            int d2 = ws[w + 2];
            int d3 = ws[w + 3];
            int d4 = ws[w + 4];
            int d5 = ws[w + 5];
            int d6 = ws[w + 6];
            int d7 = ws[w + 7];
            if ((d1 | d2 | d3 | d4 | d5 | d6 | d7) == 0) {
                byte dc = sample(descale(d0, PASS1_BITS + 3));
                out[o] = dc;
                out[o + 1] = dc;
                out[o + 2] = dc;
                out[o + 3] = dc;
                out[o + 4] = dc;
                out[o + 5] = dc;
                out[o + 6] = dc;
                out[o + 7] = dc;
                continue;
            }
            int z1 = (d2 + d6) * F0_541;
            int tmp2 = z1 - d6 * F1_847;
            int tmp3 = z1 + d2 * F0_765;
            int tmp0 = (d0 + d4) << CONST_BITS;
            int tmp1 = (d0 - d4) << CONST_BITS;
            int tmp10 = tmp0 + tmp3 + PASS2_ROUND;
            int tmp13 = tmp0 - tmp3 + PASS2_ROUND;
            int tmp11 = tmp1 + tmp2 + PASS2_ROUND;
            int tmp12 = tmp1 - tmp2 + PASS2_ROUND;
            int z5 = (d7 + d3 + d5 + d1) * F1_175;
            int za = -(d7 + d1) * F0_899;
            int zb = -(d5 + d3) * F2_562;
            int zc = -(d7 + d3) * F1_961 + z5;
            int zd = -(d5 + d1) * F0_390 + z5;
            int o0 = d7 * F0_298 + za + zc;
            int o1 = d5 * F2_053 + zb + zd;
            int o2 = d3 * F3_072 + zb + zc;
            int o3 = d1 * F1_501 + za + zd;
            out[o] = range[((tmp10 + o3) >> PASS2_SHIFT) & 1023];
            out[o + 7] = range[((tmp10 - o3) >> PASS2_SHIFT) & 1023];
            out[o + 1] = range[((tmp11 + o2) >> PASS2_SHIFT) & 1023];
            out[o + 6] = range[((tmp11 - o2) >> PASS2_SHIFT) & 1023];
            out[o + 2] = range[((tmp12 + o1) >> PASS2_SHIFT) & 1023];
            out[o + 5] = range[((tmp12 - o1) >> PASS2_SHIFT) & 1023];
            out[o + 3] = range[((tmp13 + o0) >> PASS2_SHIFT) & 1023];
            out[o + 4] = range[((tmp13 - o0) >> PASS2_SHIFT) & 1023];
        }
    }

    /** The 4x4 reduced IDCT, written out on locals like {@link #full}. */
    private void quarter(short[] in, int at, int[] q, byte[] out, int outAt, int stride) {
        int[] ws = work;
        for (int c = 0; c < 8; c++) {
            if (c == 4) {
                continue; // the second pass does not read column 4
            }
            int i = at + c;
            int d1 = in[i + 8];
            int d2 = in[i + 16];
            int d3 = in[i + 24];
            int d5 = in[i + 40];
            int d6 = in[i + 48];
            int d7 = in[i + 56];
            int d0 = in[i] * q[c];
            if ((d1 | d2 | d3 | d5 | d6 | d7) == 0) {
                int dc = d0 << PASS1_BITS;
                ws[c] = dc;
                ws[8 + c] = dc;
                ws[16 + c] = dc;
                ws[24 + c] = dc;
                continue;
            }
            d1 *= q[c + 8];
            d2 *= q[c + 16];
            d3 *= q[c + 24];
            d5 *= q[c + 40];
            d6 *= q[c + 48];
            d7 *= q[c + 56];
            int even0 = (d0 << (CONST_BITS + 1)) + QUARTER1_ROUND;
            int even2 = d2 * F1_847 - d6 * F0_765;
            int tmp10 = even0 + even2;
            int tmp12 = even0 - even2;
            int odd0 = -d7 * F0_211 + d5 * F1_451 - d3 * F2_172 + d1 * F1_061;
            int odd2 = -d7 * F0_509 - d5 * F0_601 + d3 * F0_899 + d1 * F2_562;
            ws[c] = (tmp10 + odd2) >> QUARTER1_SHIFT;
            ws[24 + c] = (tmp10 - odd2) >> QUARTER1_SHIFT;
            ws[8 + c] = (tmp12 + odd0) >> QUARTER1_SHIFT;
            ws[16 + c] = (tmp12 - odd0) >> QUARTER1_SHIFT;
        }
        quarterRows(ws, out, outAt, stride);
    }

    /** The 4x4 IDCT's second pass: rows 0..3 of {@code ws} (8 ints apart, column 4 unread) to samples. */
    static void quarterRows(int[] ws, byte[] out, int outAt, int stride) {
        byte[] range = RANGE;
        for (int w = 0, o = outAt; w < 32; w += 8, o += stride) {
            int d0 = ws[w];
            int d1 = ws[w + 1];
            int d2 = ws[w + 2];
            int d3 = ws[w + 3];
            int d5 = ws[w + 5];
            int d6 = ws[w + 6];
            int d7 = ws[w + 7];
            if ((d1 | d2 | d3 | d5 | d6 | d7) == 0) {
                byte dc = sample(descale(d0, PASS1_BITS + 3));
                out[o] = dc;
                out[o + 1] = dc;
                out[o + 2] = dc;
                out[o + 3] = dc;
                continue;
            }
            int even0 = (d0 << (CONST_BITS + 1)) + QUARTER2_ROUND;
            int even2 = d2 * F1_847 - d6 * F0_765;
            int tmp10 = even0 + even2;
            int tmp12 = even0 - even2;
            int odd0 = -d7 * F0_211 + d5 * F1_451 - d3 * F2_172 + d1 * F1_061;
            int odd2 = -d7 * F0_509 - d5 * F0_601 + d3 * F0_899 + d1 * F2_562;
            out[o] = range[((tmp10 + odd2) >> QUARTER2_SHIFT) & 1023];
            out[o + 3] = range[((tmp10 - odd2) >> QUARTER2_SHIFT) & 1023];
            out[o + 1] = range[((tmp12 + odd0) >> QUARTER2_SHIFT) & 1023];
            out[o + 2] = range[((tmp12 - odd0) >> QUARTER2_SHIFT) & 1023];
        }
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
