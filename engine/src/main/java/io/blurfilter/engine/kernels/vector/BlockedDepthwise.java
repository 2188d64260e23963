package io.blurfilter.engine.kernels.vector;

import static io.blurfilter.engine.kernels.vector.Lanes.L;
import static io.blurfilter.engine.kernels.vector.Lanes.S;

import io.blurfilter.engine.kernels.ConvParams;
import io.blurfilter.engine.kernels.fast.FusedActivation;
import io.blurfilter.engine.kernels.fast.PlainDepthwise;
import io.blurfilter.engine.runtime.SplittableLayer;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * 5x5 stride-1 depthwise convolution on small maps (PP-LCNet's 14x14 and 7x7 layers), NHWC in and
 * out, through a zero-padded copy of the input in channel blocks: [C / L][H][W][L], one plane of pixels
 * per channel vector. In a plane consecutive pixels are L floats apart, a constant, so the twelve
 * input loads and five weight loads of a kernel row share one index with constant displacements.
 * Reading the NHWC padded copy instead (pixels C apart), C2 computes every address and bounds check
 * apart, and the 14x14 layers ran 1.5 times slower on JDK 17 (2 times in a standalone test, JDK 25
 * alike; bench/RESULTS.md, round 5). The copy costs what the NHWC padding did. Eight output pixels per
 * block, a row's last block overlapping the one before (same sums rewritten), hard-swish applied in
 * registers. Results are bit-identical to {@link VectorDepthwise}: each output is its bias plus the 25
 * products in tap order.
 */
final class BlockedDepthwise implements SplittableLayer {
    private static final int K = 5;
    private static final int PIXELS = 8;
    private final ConvParams p;
    private final int in;
    private final int out;
    private final int scratch;
    /** [C / L][25][L]. */
    private final float[] w;
    private final float[] bias;
    private final int srcH;
    private final int srcW;
    private final int plane;
    private final int[] blockStarts;
    private final boolean hardSwish;
    /** Whether blocks store their eighth pixel (rows of seven pixels do not have one). */
    private final boolean eighth;
    private final VectorActivation act;

    /**
     * Channel vectors, a 5x5 window at stride 1 without dilation, rows of at least seven pixels (a
     * seven-pixel row computes one block of eight from a plane one column wider and stores seven).
     */
    static boolean supports(ConvParams p) {
        return p.inC % L == 0 && p.kH == K && p.kW == K && p.strideH == 1 && p.strideW == 1 && p.dilH == 1
                && p.dilW == 1 && p.outW >= PIXELS - 1;
    }

    static int scratchFloats(ConvParams p) {
        return VectorDepthwise.paddedH(p) * srcW(p) * p.inC;
    }

    /** The NHWC copy's width, or wide enough for one block of eight on a row of seven. */
    private static int srcW(ConvParams p) {
        return Math.max(VectorDepthwise.paddedW(p), PIXELS + K - 1);
    }

    BlockedDepthwise(ConvParams p, int in, int out, int scratch) {
        this.p = p;
        this.in = in;
        this.out = out;
        this.scratch = scratch;
        int c = p.inC;
        float[] tapMajor = PlainDepthwise.packTapMajor(p);
        this.w = new float[K * K * c];
        for (int cb = 0; cb < c; cb += L) {
            for (int t = 0; t < K * K; t++) {
                System.arraycopy(tapMajor, t * c + cb, w, cb * K * K + t * L, L);
            }
        }
        this.bias = p.bias.clone();
        this.srcH = VectorDepthwise.paddedH(p);
        this.srcW = srcW(p);
        this.plane = srcH * srcW * L;
        int count = (p.outW + PIXELS - 1) / PIXELS;
        this.blockStarts = new int[count];
        for (int i = 0; i < count; i++) {
            blockStarts[i] = Math.max(0, Math.min(i * PIXELS, p.outW - PIXELS));
        }
        this.eighth = p.outW >= PIXELS;
        this.act = new VectorActivation(new FusedActivation(p.act));
        this.hardSwish = act.isHardSwish();
    }

    @Override
    public void forward(float[][] slots) {
        for (int n = 0; n < p.batch; n++) {
            pad(slots[in], n * p.inH * p.inW * p.inC, slots[scratch]);
            rows(slots[scratch], slots[out], n, 0, p.outH);
        }
    }

    /** Split by output rows, one image only: {@link #prepare} pads it once for all parts. */
    @Override
    public int partsFor(int parallelism) {
        return p.batch > 1 ? 1 : SplittableLayer.parts(parallelism, p.multiplyAdds(), p.outH, 2);
    }

    @Override
    public void prepare(float[][] slots) {
        pad(slots[in], 0, slots[scratch]);
    }

    @Override
    public void forwardPart(float[][] slots, int part, int parts) {
        rows(slots[scratch], slots[out], 0, SplittableLayer.boundary(p.outH, part, parts, 1),
                SplittableLayer.boundary(p.outH, part + 1, parts, 1));
    }

    /** Image {@code n}'s input into the channel planes, borders zeroed (again: the slot is shared). */
    private void pad(float[] x, int xImage, float[] dst) {
        int c = p.inC;
        int rowLen = srcW * L;
        int left = p.padLeft * L;
        int right = (srcW - p.padLeft - p.inW) * L;
        for (int cb = 0; cb < c; cb += L) {
            int planeStart = (cb / L) * plane;
            Arrays.fill(dst, planeStart, planeStart + p.padTop * rowLen, 0f);
            for (int iy = 0; iy < p.inH; iy++) {
                int row = planeStart + (p.padTop + iy) * rowLen;
                Arrays.fill(dst, row, row + left, 0f);
                int from = xImage + iy * p.inW * c + cb;
                for (int ix = 0, to = row + left; ix < p.inW; ix++, from += c, to += L) {
                    FloatVector.fromArray(S, x, from).intoArray(dst, to);
                }
                Arrays.fill(dst, row + rowLen - right, row + rowLen, 0f);
            }
            Arrays.fill(dst, planeStart + (p.padTop + p.inH) * rowLen, planeStart + plane, 0f);
        }
    }

    /** Output rows [from, to) of image {@code n} from its padded planes {@code src}. */
    private void rows(float[] src, float[] y, int n, int from, int to) {
        int c = p.inC;
        int yImage = n * p.outH * p.outW * c;
        for (int oy = from; oy < to; oy++) {
            int yr = yImage + oy * p.outW * c;
            for (int cb = 0; cb < c; cb += L) {
                int xr = (cb / L) * plane + oy * srcW * L;
                for (int ox : blockStarts) {
                    block(src, xr + ox * L, cb * K * K, y, yr + ox * c + cb, cb);
                }
            }
            if (!hardSwish) {
                act.apply(y, yr, yr + p.outW * c);
            }
        }
    }

    /** Eight pixels of one channel vector: per kernel row, twelve input vectors and five weights feed 40 FMAs. */
    private void block(float[] x, int xi, int wi, float[] y, int yo, int cv) {
        int c = p.inC;
        int rowStep = srcW * L;
        FloatVector a0 = FloatVector.fromArray(S, bias, cv);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        FloatVector a4 = a0;
        FloatVector a5 = a0;
        FloatVector a6 = a0;
        FloatVector a7 = a0;
        for (int ky = 0; ky < K; ky++) {
            int i = xi + ky * rowStep;
            int wo = wi + ky * K * L;
            FloatVector w0 = FloatVector.fromArray(S, w, wo);
            FloatVector w1 = FloatVector.fromArray(S, w, wo + L);
            FloatVector w2 = FloatVector.fromArray(S, w, wo + 2 * L);
            FloatVector w3 = FloatVector.fromArray(S, w, wo + 3 * L);
            FloatVector w4 = FloatVector.fromArray(S, w, wo + 4 * L);
            FloatVector xj = FloatVector.fromArray(S, x, i);
            a0 = xj.fma(w0, a0);
            xj = FloatVector.fromArray(S, x, i + L);
            a0 = xj.fma(w1, a0);
            a1 = xj.fma(w0, a1);
            xj = FloatVector.fromArray(S, x, i + 2 * L);
            a0 = xj.fma(w2, a0);
            a1 = xj.fma(w1, a1);
            a2 = xj.fma(w0, a2);
            xj = FloatVector.fromArray(S, x, i + 3 * L);
            a0 = xj.fma(w3, a0);
            a1 = xj.fma(w2, a1);
            a2 = xj.fma(w1, a2);
            a3 = xj.fma(w0, a3);
            xj = FloatVector.fromArray(S, x, i + 4 * L);
            a0 = xj.fma(w4, a0);
            a1 = xj.fma(w3, a1);
            a2 = xj.fma(w2, a2);
            a3 = xj.fma(w1, a3);
            a4 = xj.fma(w0, a4);
            xj = FloatVector.fromArray(S, x, i + 5 * L);
            a1 = xj.fma(w4, a1);
            a2 = xj.fma(w3, a2);
            a3 = xj.fma(w2, a3);
            a4 = xj.fma(w1, a4);
            a5 = xj.fma(w0, a5);
            xj = FloatVector.fromArray(S, x, i + 6 * L);
            a2 = xj.fma(w4, a2);
            a3 = xj.fma(w3, a3);
            a4 = xj.fma(w2, a4);
            a5 = xj.fma(w1, a5);
            a6 = xj.fma(w0, a6);
            xj = FloatVector.fromArray(S, x, i + 7 * L);
            a3 = xj.fma(w4, a3);
            a4 = xj.fma(w3, a4);
            a5 = xj.fma(w2, a5);
            a6 = xj.fma(w1, a6);
            a7 = xj.fma(w0, a7);
            xj = FloatVector.fromArray(S, x, i + 8 * L);
            a4 = xj.fma(w4, a4);
            a5 = xj.fma(w3, a5);
            a6 = xj.fma(w2, a6);
            a7 = xj.fma(w1, a7);
            xj = FloatVector.fromArray(S, x, i + 9 * L);
            a5 = xj.fma(w4, a5);
            a6 = xj.fma(w3, a6);
            a7 = xj.fma(w2, a7);
            xj = FloatVector.fromArray(S, x, i + 10 * L);
            a6 = xj.fma(w4, a6);
            a7 = xj.fma(w3, a7);
            xj = FloatVector.fromArray(S, x, i + 11 * L);
            a7 = xj.fma(w4, a7);
        }
        // stored here, in two branches: a shared store method is too large for C2 to inline and the
        // vectors passed to it would be boxed (as would a vector assigned in an if and used after it);
        // hard-swish's constants are loaded after the tap loop, as in RowBlock
        if (hardSwish) {
            FloatVector k3 = FloatVector.fromArray(S, RowBlock.HARD_SWISH, 0);
            FloatVector k0 = FloatVector.fromArray(S, RowBlock.HARD_SWISH, L);
            FloatVector k6 = FloatVector.fromArray(S, RowBlock.HARD_SWISH, 2 * L);
            FloatVector kSixth = FloatVector.fromArray(S, RowBlock.HARD_SWISH, 3 * L);
            FloatVector t;
            t = a0.add(k3);
            t = t.blend(k0, t.compare(VectorOperators.LE, k0));
            a0.mul(t.blend(k6, t.compare(VectorOperators.GE, k6))).mul(kSixth).intoArray(y, yo);
            t = a1.add(k3);
            t = t.blend(k0, t.compare(VectorOperators.LE, k0));
            a1.mul(t.blend(k6, t.compare(VectorOperators.GE, k6))).mul(kSixth).intoArray(y, yo + c);
            t = a2.add(k3);
            t = t.blend(k0, t.compare(VectorOperators.LE, k0));
            a2.mul(t.blend(k6, t.compare(VectorOperators.GE, k6))).mul(kSixth).intoArray(y, yo + 2 * c);
            t = a3.add(k3);
            t = t.blend(k0, t.compare(VectorOperators.LE, k0));
            a3.mul(t.blend(k6, t.compare(VectorOperators.GE, k6))).mul(kSixth).intoArray(y, yo + 3 * c);
            t = a4.add(k3);
            t = t.blend(k0, t.compare(VectorOperators.LE, k0));
            a4.mul(t.blend(k6, t.compare(VectorOperators.GE, k6))).mul(kSixth).intoArray(y, yo + 4 * c);
            t = a5.add(k3);
            t = t.blend(k0, t.compare(VectorOperators.LE, k0));
            a5.mul(t.blend(k6, t.compare(VectorOperators.GE, k6))).mul(kSixth).intoArray(y, yo + 5 * c);
            t = a6.add(k3);
            t = t.blend(k0, t.compare(VectorOperators.LE, k0));
            a6.mul(t.blend(k6, t.compare(VectorOperators.GE, k6))).mul(kSixth).intoArray(y, yo + 6 * c);
            if (eighth) {
                t = a7.add(k3);
                t = t.blend(k0, t.compare(VectorOperators.LE, k0));
                a7.mul(t.blend(k6, t.compare(VectorOperators.GE, k6))).mul(kSixth).intoArray(y, yo + 7 * c);
            }
        } else {
            a0.intoArray(y, yo);
            a1.intoArray(y, yo + c);
            a2.intoArray(y, yo + 2 * c);
            a3.intoArray(y, yo + 3 * c);
            a4.intoArray(y, yo + 4 * c);
            a5.intoArray(y, yo + 5 * c);
            a6.intoArray(y, yo + 6 * c);
            if (eighth) {
                a7.intoArray(y, yo + 7 * c);
            }
        }
    }
}
