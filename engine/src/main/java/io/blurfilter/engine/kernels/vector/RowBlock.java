package io.blurfilter.engine.kernels.vector;

import static io.blurfilter.engine.kernels.vector.Lanes.L;
import static io.blurfilter.engine.kernels.vector.Lanes.S;

import io.blurfilter.engine.kernels.ConvParams;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Four adjacent output pixels of one interior depthwise row, every channel vector in turn (C a
 * multiple of the vector length). Depthwise is load-bound: one output vector per pixel and tap costs
 * an input load and a weight load for a single FMA. Here a weight vector is loaded once per tap for
 * the four pixels; for 3x3 and 5x5 at stride 1 and 3x3 at stride 2 (no dilation) the loop runs over
 * kernel rows with the kx taps unrolled, so each input vector of the row is loaded once and used by
 * every pixel whose window holds it. Every
 * vector lives inside one method and one flat loop (JDK 17 boxes vectors carried across nested loops).
 * The seven- and eight-pixel kernels step through a kernel row's inputs with one running index
 * ({@code at += c}) instead of addressing each at {@code i + k * c}: with the k * c offsets C2 kept
 * them on the stack and spent about seven instructions per input load on JDK 17 (address, offset
 * reload, bounds check; disassembled), and the depthwise layers ran 8-15% slower on both JDKs.
 */
final class RowBlock {
    static final int PIXELS = 4;
    /** Pixels of a {@link #runWide} block. */
    static final int WIDE_PIXELS = 8;
    /**
     * 3, 0, 6 and 1/6, one vector each: hard-swish applied in registers before the stores, clamped by
     * compare and blend as in {@link VectorActivation} (three statements per vector: a helper method
     * taking vectors would not be inlined into kernels this large, and would box them).
     */
    static final float[] HARD_SWISH = new float[4 * L];

    static {
        java.util.Arrays.fill(HARD_SWISH, 0, L, 3f);
        java.util.Arrays.fill(HARD_SWISH, 2 * L, 3 * L, 6f);
        java.util.Arrays.fill(HARD_SWISH, 3 * L, 4 * L, 1f / 6f);
    }

    private final int c;
    private final int kH;
    private final int kW;
    private final int rowWidth;
    private final int srcPadLeft;
    private final int strideW;
    private final int[] tapOffset;
    /** Distance between two input rows of the window (source row length times dilation). */
    private final int kyStep;
    private final boolean slides3;
    private final boolean slides5;
    private final boolean strides3;
    private final boolean strides5;
    /**
     * Whether the blocks store hard-swish'ed values (the layer's fused activation) rather than raw
     * sums: saves the layer a second pass over its output. Each kernel stores in two branches because
     * a vector assigned in an if and used after it is boxed on JDK 17.
     */
    private final boolean hardSwish;

    RowBlock(ConvParams p, int c, int rowWidth, int srcPadLeft, int[] tapOffset, int srcRowLen, boolean hardSwish) {
        this.hardSwish = hardSwish;
        this.c = c;
        this.kH = p.kH;
        this.kW = p.kW;
        this.rowWidth = rowWidth;
        this.srcPadLeft = srcPadLeft;
        this.strideW = p.strideW;
        this.tapOffset = tapOffset;
        this.kyStep = srcRowLen * p.dilH;
        boolean slides = p.strideW == 1 && p.dilW == 1;
        this.slides3 = slides && kW == 3;
        this.slides5 = slides && kW == 5;
        this.strides3 = p.strideW == 2 && p.dilW == 1 && kW == 3;
        this.strides5 = p.strideW == 2 && p.dilW == 1 && kW == 5;
    }

    /** Raw sums (bias included) of output pixels [ox, ox + 4) of the row whose window starts at xr. */
    void run(float[] x, int xr, float[] w, float[] bias, float[] y, int yr, int ox) {
        int xi = xr + (ox * strideW - srcPadLeft) * c;
        int yo = yr + ox * c;
        for (int cv = 0; cv < c; cv += L) {
            if (slides3) {
                slide3(x, xi + cv, w, bias, y, yo + cv, cv);
            } else if (slides5) {
                slide5(x, xi + cv, w, bias, y, yo + cv, cv);
            } else if (strides3) {
                stride2Width3(x, xi + cv, w, bias, y, yo + cv, cv);
            } else {
                anyTaps(x, xi + cv, w, bias, y, yo + cv, cv);
            }
        }
    }

    /** Whether {@link #runWide} has an eight-pixel kernel for this window (else use {@link #run}). */
    /** Pixels of a {@link #runSeven} block: a whole 7-wide row (7x7 maps, common at the end of a net). */
    static final int SEVEN_PIXELS = 7;

    /** Whether {@link #runSeven} has a seven-pixel kernel for this window. */
    boolean hasSeven() {
        return slides3 || slides5 || strides3 || strides5;
    }

    /**
     * Like {@link #run} for output pixels [ox, ox + 7); only when {@link #hasSeven}. A 7-wide row is
     * one block with seven accumulator chains, instead of two overlapping four-pixel blocks.
     */
    void runSeven(float[] x, int xr, float[] w, float[] bias, float[] y, int yr, int ox) {
        int xi = xr + (ox * strideW - srcPadLeft) * c;
        int yo = yr + ox * c;
        for (int cv = 0; cv < c; cv += L) {
            if (slides3) {
                slide3x7(x, xi + cv, w, bias, y, yo + cv, cv);
            } else if (slides5) {
                slide5x7(x, xi + cv, w, bias, y, yo + cv, cv);
            } else if (strides3) {
                stride2Width3x7(x, xi + cv, w, bias, y, yo + cv, cv);
            } else {
                stride2Width5x7(x, xi + cv, w, bias, y, yo + cv, cv);
            }
        }
    }

    /** Seven pixels (a 7-wide row in one block), 3 wide, stride 1. */
    private void slide3x7(float[] x, int xi, float[] w, float[] bias, float[] y, int yo, int cv) {
        FloatVector a0 = FloatVector.fromArray(S, bias, cv);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        FloatVector a4 = a0;
        FloatVector a5 = a0;
        FloatVector a6 = a0;
        for (int ky = 0; ky < kH; ky++) {
            int i = xi + ky * kyStep;
            int wo = ky * 3 * rowWidth + cv;
            FloatVector w0 = FloatVector.fromArray(S, w, wo);
            FloatVector w1 = FloatVector.fromArray(S, w, wo + rowWidth);
            FloatVector w2 = FloatVector.fromArray(S, w, wo + 2 * rowWidth);
            int at = i;
            FloatVector xj = FloatVector.fromArray(S, x, at);
            a0 = xj.fma(w0, a0);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a0 = xj.fma(w1, a0);
            a1 = xj.fma(w0, a1);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a0 = xj.fma(w2, a0);
            a1 = xj.fma(w1, a1);
            a2 = xj.fma(w0, a2);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a1 = xj.fma(w2, a1);
            a2 = xj.fma(w1, a2);
            a3 = xj.fma(w0, a3);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a2 = xj.fma(w2, a2);
            a3 = xj.fma(w1, a3);
            a4 = xj.fma(w0, a4);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a3 = xj.fma(w2, a3);
            a4 = xj.fma(w1, a4);
            a5 = xj.fma(w0, a5);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a4 = xj.fma(w2, a4);
            a5 = xj.fma(w1, a5);
            a6 = xj.fma(w0, a6);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a5 = xj.fma(w2, a5);
            a6 = xj.fma(w1, a6);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a6 = xj.fma(w2, a6);
        }
        if (hardSwish) {
            // constants loaded after the loop, not broadcast: C2 would hoist broadcasts into the loop's registers
            FloatVector k3 = FloatVector.fromArray(S, HARD_SWISH, 0);
            FloatVector k0 = FloatVector.fromArray(S, HARD_SWISH, L);
            FloatVector k6 = FloatVector.fromArray(S, HARD_SWISH, 2 * L);
            FloatVector kSixth = FloatVector.fromArray(S, HARD_SWISH, 3 * L);
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
        } else {
            a0.intoArray(y, yo);
            a1.intoArray(y, yo + c);
            a2.intoArray(y, yo + 2 * c);
            a3.intoArray(y, yo + 3 * c);
            a4.intoArray(y, yo + 4 * c);
            a5.intoArray(y, yo + 5 * c);
            a6.intoArray(y, yo + 6 * c);
        }
    }

    /** Seven pixels, 5 wide, stride 1: eleven input vectors and five weights per kernel row feed 35 FMAs. */
    private void slide5x7(float[] x, int xi, float[] w, float[] bias, float[] y, int yo, int cv) {
        FloatVector a0 = FloatVector.fromArray(S, bias, cv);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        FloatVector a4 = a0;
        FloatVector a5 = a0;
        FloatVector a6 = a0;
        for (int ky = 0; ky < kH; ky++) {
            int i = xi + ky * kyStep;
            int wo = ky * 5 * rowWidth + cv;
            FloatVector w0 = FloatVector.fromArray(S, w, wo);
            FloatVector w1 = FloatVector.fromArray(S, w, wo + rowWidth);
            FloatVector w2 = FloatVector.fromArray(S, w, wo + 2 * rowWidth);
            FloatVector w3 = FloatVector.fromArray(S, w, wo + 3 * rowWidth);
            FloatVector w4 = FloatVector.fromArray(S, w, wo + 4 * rowWidth);
            int at = i;
            FloatVector xj = FloatVector.fromArray(S, x, at);
            a0 = xj.fma(w0, a0);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a0 = xj.fma(w1, a0);
            a1 = xj.fma(w0, a1);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a0 = xj.fma(w2, a0);
            a1 = xj.fma(w1, a1);
            a2 = xj.fma(w0, a2);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a0 = xj.fma(w3, a0);
            a1 = xj.fma(w2, a1);
            a2 = xj.fma(w1, a2);
            a3 = xj.fma(w0, a3);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a0 = xj.fma(w4, a0);
            a1 = xj.fma(w3, a1);
            a2 = xj.fma(w2, a2);
            a3 = xj.fma(w1, a3);
            a4 = xj.fma(w0, a4);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a1 = xj.fma(w4, a1);
            a2 = xj.fma(w3, a2);
            a3 = xj.fma(w2, a3);
            a4 = xj.fma(w1, a4);
            a5 = xj.fma(w0, a5);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a2 = xj.fma(w4, a2);
            a3 = xj.fma(w3, a3);
            a4 = xj.fma(w2, a4);
            a5 = xj.fma(w1, a5);
            a6 = xj.fma(w0, a6);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a3 = xj.fma(w4, a3);
            a4 = xj.fma(w3, a4);
            a5 = xj.fma(w2, a5);
            a6 = xj.fma(w1, a6);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a4 = xj.fma(w4, a4);
            a5 = xj.fma(w3, a5);
            a6 = xj.fma(w2, a6);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a5 = xj.fma(w4, a5);
            a6 = xj.fma(w3, a6);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a6 = xj.fma(w4, a6);
        }
        if (hardSwish) {
            // constants loaded after the loop, not broadcast: C2 would hoist broadcasts into the loop's registers
            FloatVector k3 = FloatVector.fromArray(S, HARD_SWISH, 0);
            FloatVector k0 = FloatVector.fromArray(S, HARD_SWISH, L);
            FloatVector k6 = FloatVector.fromArray(S, HARD_SWISH, 2 * L);
            FloatVector kSixth = FloatVector.fromArray(S, HARD_SWISH, 3 * L);
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
        } else {
            a0.intoArray(y, yo);
            a1.intoArray(y, yo + c);
            a2.intoArray(y, yo + 2 * c);
            a3.intoArray(y, yo + 3 * c);
            a4.intoArray(y, yo + 4 * c);
            a5.intoArray(y, yo + 5 * c);
            a6.intoArray(y, yo + 6 * c);
        }
    }

    /** Seven pixels, 3 wide, stride 2. */
    private void stride2Width3x7(float[] x, int xi, float[] w, float[] bias, float[] y, int yo, int cv) {
        FloatVector a0 = FloatVector.fromArray(S, bias, cv);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        FloatVector a4 = a0;
        FloatVector a5 = a0;
        FloatVector a6 = a0;
        for (int ky = 0; ky < kH; ky++) {
            int i = xi + ky * kyStep;
            int wo = ky * 3 * rowWidth + cv;
            FloatVector w0 = FloatVector.fromArray(S, w, wo);
            FloatVector w1 = FloatVector.fromArray(S, w, wo + rowWidth);
            FloatVector w2 = FloatVector.fromArray(S, w, wo + 2 * rowWidth);
            int at = i;
            FloatVector xj = FloatVector.fromArray(S, x, at);
            a0 = xj.fma(w0, a0);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a0 = xj.fma(w1, a0);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a0 = xj.fma(w2, a0);
            a1 = xj.fma(w0, a1);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a1 = xj.fma(w1, a1);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a1 = xj.fma(w2, a1);
            a2 = xj.fma(w0, a2);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a2 = xj.fma(w1, a2);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a2 = xj.fma(w2, a2);
            a3 = xj.fma(w0, a3);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a3 = xj.fma(w1, a3);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a3 = xj.fma(w2, a3);
            a4 = xj.fma(w0, a4);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a4 = xj.fma(w1, a4);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a4 = xj.fma(w2, a4);
            a5 = xj.fma(w0, a5);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a5 = xj.fma(w1, a5);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a5 = xj.fma(w2, a5);
            a6 = xj.fma(w0, a6);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a6 = xj.fma(w1, a6);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a6 = xj.fma(w2, a6);
        }
        if (hardSwish) {
            // constants loaded after the loop, not broadcast: C2 would hoist broadcasts into the loop's registers
            FloatVector k3 = FloatVector.fromArray(S, HARD_SWISH, 0);
            FloatVector k0 = FloatVector.fromArray(S, HARD_SWISH, L);
            FloatVector k6 = FloatVector.fromArray(S, HARD_SWISH, 2 * L);
            FloatVector kSixth = FloatVector.fromArray(S, HARD_SWISH, 3 * L);
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
        } else {
            a0.intoArray(y, yo);
            a1.intoArray(y, yo + c);
            a2.intoArray(y, yo + 2 * c);
            a3.intoArray(y, yo + 3 * c);
            a4.intoArray(y, yo + 4 * c);
            a5.intoArray(y, yo + 5 * c);
            a6.intoArray(y, yo + 6 * c);
        }
    }

    /** Seven pixels, 5 wide, stride 2: seventeen input vectors and five weights per kernel row feed 35 FMAs. */
    private void stride2Width5x7(float[] x, int xi, float[] w, float[] bias, float[] y, int yo, int cv) {
        FloatVector a0 = FloatVector.fromArray(S, bias, cv);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        FloatVector a4 = a0;
        FloatVector a5 = a0;
        FloatVector a6 = a0;
        for (int ky = 0; ky < kH; ky++) {
            int i = xi + ky * kyStep;
            int wo = ky * 5 * rowWidth + cv;
            FloatVector w0 = FloatVector.fromArray(S, w, wo);
            FloatVector w1 = FloatVector.fromArray(S, w, wo + rowWidth);
            FloatVector w2 = FloatVector.fromArray(S, w, wo + 2 * rowWidth);
            FloatVector w3 = FloatVector.fromArray(S, w, wo + 3 * rowWidth);
            FloatVector w4 = FloatVector.fromArray(S, w, wo + 4 * rowWidth);
            int at = i;
            FloatVector xj = FloatVector.fromArray(S, x, at);
            a0 = xj.fma(w0, a0);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a0 = xj.fma(w1, a0);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a0 = xj.fma(w2, a0);
            a1 = xj.fma(w0, a1);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a0 = xj.fma(w3, a0);
            a1 = xj.fma(w1, a1);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a0 = xj.fma(w4, a0);
            a1 = xj.fma(w2, a1);
            a2 = xj.fma(w0, a2);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a1 = xj.fma(w3, a1);
            a2 = xj.fma(w1, a2);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a1 = xj.fma(w4, a1);
            a2 = xj.fma(w2, a2);
            a3 = xj.fma(w0, a3);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a2 = xj.fma(w3, a2);
            a3 = xj.fma(w1, a3);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a2 = xj.fma(w4, a2);
            a3 = xj.fma(w2, a3);
            a4 = xj.fma(w0, a4);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a3 = xj.fma(w3, a3);
            a4 = xj.fma(w1, a4);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a3 = xj.fma(w4, a3);
            a4 = xj.fma(w2, a4);
            a5 = xj.fma(w0, a5);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a4 = xj.fma(w3, a4);
            a5 = xj.fma(w1, a5);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a4 = xj.fma(w4, a4);
            a5 = xj.fma(w2, a5);
            a6 = xj.fma(w0, a6);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a5 = xj.fma(w3, a5);
            a6 = xj.fma(w1, a6);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a5 = xj.fma(w4, a5);
            a6 = xj.fma(w2, a6);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a6 = xj.fma(w3, a6);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a6 = xj.fma(w4, a6);
        }
        if (hardSwish) {
            // constants loaded after the loop, not broadcast: C2 would hoist broadcasts into the loop's registers
            FloatVector k3 = FloatVector.fromArray(S, HARD_SWISH, 0);
            FloatVector k0 = FloatVector.fromArray(S, HARD_SWISH, L);
            FloatVector k6 = FloatVector.fromArray(S, HARD_SWISH, 2 * L);
            FloatVector kSixth = FloatVector.fromArray(S, HARD_SWISH, 3 * L);
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
        } else {
            a0.intoArray(y, yo);
            a1.intoArray(y, yo + c);
            a2.intoArray(y, yo + 2 * c);
            a3.intoArray(y, yo + 3 * c);
            a4.intoArray(y, yo + 4 * c);
            a5.intoArray(y, yo + 5 * c);
            a6.intoArray(y, yo + 6 * c);
        }
    }


    boolean hasWide() {
        return slides3 || slides5 || strides3;
    }

    /** Like {@link #run} for output pixels [ox, ox + 8); only when {@link #hasWide}. */
    void runWide(float[] x, int xr, float[] w, float[] bias, float[] y, int yr, int ox) {
        int xi = xr + (ox * strideW - srcPadLeft) * c;
        int yo = yr + ox * c;
        for (int cv = 0; cv < c; cv += L) {
            if (slides3) {
                slide3x8(x, xi + cv, w, bias, y, yo + cv, cv);
            } else if (slides5) {
                slide5x8(x, xi + cv, w, bias, y, yo + cv, cv);
            } else {
                stride2Width3x8(x, xi + cv, w, bias, y, yo + cv, cv);
            }
        }
    }

    /**
     * Eight pixels, 3 wide, stride 1: per kernel row ten input vectors and three weights feed 24 FMAs.
     * Eight independent accumulators keep both FMA units busy (with four, each FMA waits on the
     * previous one's four-cycle latency). Inputs are streamed: each is loaded, used by every pixel
     * whose window holds it, and dropped, so 8 sums + 3 weights + 1 input fit AVX2's 16 registers.
     */
    private void slide3x8(float[] x, int xi, float[] w, float[] bias, float[] y, int yo, int cv) {
        FloatVector a0 = FloatVector.fromArray(S, bias, cv);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        FloatVector a4 = a0;
        FloatVector a5 = a0;
        FloatVector a6 = a0;
        FloatVector a7 = a0;
        for (int ky = 0; ky < kH; ky++) {
            int i = xi + ky * kyStep;
            int wo = ky * 3 * rowWidth + cv;
            FloatVector w0 = FloatVector.fromArray(S, w, wo);
            FloatVector w1 = FloatVector.fromArray(S, w, wo + rowWidth);
            FloatVector w2 = FloatVector.fromArray(S, w, wo + 2 * rowWidth);
            int at = i;
            FloatVector xj = FloatVector.fromArray(S, x, at);
            a0 = xj.fma(w0, a0);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a0 = xj.fma(w1, a0);
            a1 = xj.fma(w0, a1);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a0 = xj.fma(w2, a0);
            a1 = xj.fma(w1, a1);
            a2 = xj.fma(w0, a2);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a1 = xj.fma(w2, a1);
            a2 = xj.fma(w1, a2);
            a3 = xj.fma(w0, a3);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a2 = xj.fma(w2, a2);
            a3 = xj.fma(w1, a3);
            a4 = xj.fma(w0, a4);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a3 = xj.fma(w2, a3);
            a4 = xj.fma(w1, a4);
            a5 = xj.fma(w0, a5);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a4 = xj.fma(w2, a4);
            a5 = xj.fma(w1, a5);
            a6 = xj.fma(w0, a6);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a5 = xj.fma(w2, a5);
            a6 = xj.fma(w1, a6);
            a7 = xj.fma(w0, a7);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a6 = xj.fma(w2, a6);
            a7 = xj.fma(w1, a7);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a7 = xj.fma(w2, a7);
        }
        if (hardSwish) {
            // constants loaded after the loop, not broadcast: C2 would hoist broadcasts into the loop's registers
            FloatVector k3 = FloatVector.fromArray(S, HARD_SWISH, 0);
            FloatVector k0 = FloatVector.fromArray(S, HARD_SWISH, L);
            FloatVector k6 = FloatVector.fromArray(S, HARD_SWISH, 2 * L);
            FloatVector kSixth = FloatVector.fromArray(S, HARD_SWISH, 3 * L);
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
            t = a7.add(k3);
            t = t.blend(k0, t.compare(VectorOperators.LE, k0));
            a7.mul(t.blend(k6, t.compare(VectorOperators.GE, k6))).mul(kSixth).intoArray(y, yo + 7 * c);
        } else {
            a0.intoArray(y, yo);
            a1.intoArray(y, yo + c);
            a2.intoArray(y, yo + 2 * c);
            a3.intoArray(y, yo + 3 * c);
            a4.intoArray(y, yo + 4 * c);
            a5.intoArray(y, yo + 5 * c);
            a6.intoArray(y, yo + 6 * c);
            a7.intoArray(y, yo + 7 * c);
        }
    }

    /** Eight pixels, 5 wide, stride 1: per kernel row twelve input vectors and five weights feed 40 FMAs. */
    private void slide5x8(float[] x, int xi, float[] w, float[] bias, float[] y, int yo, int cv) {
        FloatVector a0 = FloatVector.fromArray(S, bias, cv);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        FloatVector a4 = a0;
        FloatVector a5 = a0;
        FloatVector a6 = a0;
        FloatVector a7 = a0;
        for (int ky = 0; ky < kH; ky++) {
            int i = xi + ky * kyStep;
            int wo = ky * 5 * rowWidth + cv;
            FloatVector w0 = FloatVector.fromArray(S, w, wo);
            FloatVector w1 = FloatVector.fromArray(S, w, wo + rowWidth);
            FloatVector w2 = FloatVector.fromArray(S, w, wo + 2 * rowWidth);
            FloatVector w3 = FloatVector.fromArray(S, w, wo + 3 * rowWidth);
            FloatVector w4 = FloatVector.fromArray(S, w, wo + 4 * rowWidth);
            int at = i;
            FloatVector xj = FloatVector.fromArray(S, x, at);
            a0 = xj.fma(w0, a0);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a0 = xj.fma(w1, a0);
            a1 = xj.fma(w0, a1);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a0 = xj.fma(w2, a0);
            a1 = xj.fma(w1, a1);
            a2 = xj.fma(w0, a2);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a0 = xj.fma(w3, a0);
            a1 = xj.fma(w2, a1);
            a2 = xj.fma(w1, a2);
            a3 = xj.fma(w0, a3);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a0 = xj.fma(w4, a0);
            a1 = xj.fma(w3, a1);
            a2 = xj.fma(w2, a2);
            a3 = xj.fma(w1, a3);
            a4 = xj.fma(w0, a4);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a1 = xj.fma(w4, a1);
            a2 = xj.fma(w3, a2);
            a3 = xj.fma(w2, a3);
            a4 = xj.fma(w1, a4);
            a5 = xj.fma(w0, a5);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a2 = xj.fma(w4, a2);
            a3 = xj.fma(w3, a3);
            a4 = xj.fma(w2, a4);
            a5 = xj.fma(w1, a5);
            a6 = xj.fma(w0, a6);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a3 = xj.fma(w4, a3);
            a4 = xj.fma(w3, a4);
            a5 = xj.fma(w2, a5);
            a6 = xj.fma(w1, a6);
            a7 = xj.fma(w0, a7);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a4 = xj.fma(w4, a4);
            a5 = xj.fma(w3, a5);
            a6 = xj.fma(w2, a6);
            a7 = xj.fma(w1, a7);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a5 = xj.fma(w4, a5);
            a6 = xj.fma(w3, a6);
            a7 = xj.fma(w2, a7);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a6 = xj.fma(w4, a6);
            a7 = xj.fma(w3, a7);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a7 = xj.fma(w4, a7);
        }
        if (hardSwish) {
            // constants loaded after the loop, not broadcast: C2 would hoist broadcasts into the loop's registers
            FloatVector k3 = FloatVector.fromArray(S, HARD_SWISH, 0);
            FloatVector k0 = FloatVector.fromArray(S, HARD_SWISH, L);
            FloatVector k6 = FloatVector.fromArray(S, HARD_SWISH, 2 * L);
            FloatVector kSixth = FloatVector.fromArray(S, HARD_SWISH, 3 * L);
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
            t = a7.add(k3);
            t = t.blend(k0, t.compare(VectorOperators.LE, k0));
            a7.mul(t.blend(k6, t.compare(VectorOperators.GE, k6))).mul(kSixth).intoArray(y, yo + 7 * c);
        } else {
            a0.intoArray(y, yo);
            a1.intoArray(y, yo + c);
            a2.intoArray(y, yo + 2 * c);
            a3.intoArray(y, yo + 3 * c);
            a4.intoArray(y, yo + 4 * c);
            a5.intoArray(y, yo + 5 * c);
            a6.intoArray(y, yo + 6 * c);
            a7.intoArray(y, yo + 7 * c);
        }
    }

    /** Eight pixels, 3 wide, stride 2: per kernel row seventeen input vectors and three weights feed 24 FMAs. */
    private void stride2Width3x8(float[] x, int xi, float[] w, float[] bias, float[] y, int yo, int cv) {
        FloatVector a0 = FloatVector.fromArray(S, bias, cv);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        FloatVector a4 = a0;
        FloatVector a5 = a0;
        FloatVector a6 = a0;
        FloatVector a7 = a0;
        for (int ky = 0; ky < kH; ky++) {
            int i = xi + ky * kyStep;
            int wo = ky * 3 * rowWidth + cv;
            FloatVector w0 = FloatVector.fromArray(S, w, wo);
            FloatVector w1 = FloatVector.fromArray(S, w, wo + rowWidth);
            FloatVector w2 = FloatVector.fromArray(S, w, wo + 2 * rowWidth);
            int at = i;
            FloatVector xj = FloatVector.fromArray(S, x, at);
            a0 = xj.fma(w0, a0);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a0 = xj.fma(w1, a0);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a0 = xj.fma(w2, a0);
            a1 = xj.fma(w0, a1);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a1 = xj.fma(w1, a1);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a1 = xj.fma(w2, a1);
            a2 = xj.fma(w0, a2);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a2 = xj.fma(w1, a2);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a2 = xj.fma(w2, a2);
            a3 = xj.fma(w0, a3);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a3 = xj.fma(w1, a3);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a3 = xj.fma(w2, a3);
            a4 = xj.fma(w0, a4);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a4 = xj.fma(w1, a4);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a4 = xj.fma(w2, a4);
            a5 = xj.fma(w0, a5);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a5 = xj.fma(w1, a5);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a5 = xj.fma(w2, a5);
            a6 = xj.fma(w0, a6);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a6 = xj.fma(w1, a6);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a6 = xj.fma(w2, a6);
            a7 = xj.fma(w0, a7);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a7 = xj.fma(w1, a7);
            at += c;
            xj = FloatVector.fromArray(S, x, at);
            a7 = xj.fma(w2, a7);
        }
        if (hardSwish) {
            // constants loaded after the loop, not broadcast: C2 would hoist broadcasts into the loop's registers
            FloatVector k3 = FloatVector.fromArray(S, HARD_SWISH, 0);
            FloatVector k0 = FloatVector.fromArray(S, HARD_SWISH, L);
            FloatVector k6 = FloatVector.fromArray(S, HARD_SWISH, 2 * L);
            FloatVector kSixth = FloatVector.fromArray(S, HARD_SWISH, 3 * L);
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
            t = a7.add(k3);
            t = t.blend(k0, t.compare(VectorOperators.LE, k0));
            a7.mul(t.blend(k6, t.compare(VectorOperators.GE, k6))).mul(kSixth).intoArray(y, yo + 7 * c);
        } else {
            a0.intoArray(y, yo);
            a1.intoArray(y, yo + c);
            a2.intoArray(y, yo + 2 * c);
            a3.intoArray(y, yo + 3 * c);
            a4.intoArray(y, yo + 4 * c);
            a5.intoArray(y, yo + 5 * c);
            a6.intoArray(y, yo + 6 * c);
            a7.intoArray(y, yo + 7 * c);
        }
    }


    /** Any window, stride and dilation: one weight load per tap, four input loads, four FMAs. */
    private void anyTaps(float[] x, int xi, float[] w, float[] bias, float[] y, int yo, int cv) {
        int step = strideW * c;
        FloatVector a0 = FloatVector.fromArray(S, bias, cv);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        for (int t = 0; t < tapOffset.length; t++) {
            int i = xi + tapOffset[t];
            FloatVector wt = FloatVector.fromArray(S, w, t * rowWidth + cv);
            a0 = FloatVector.fromArray(S, x, i).fma(wt, a0);
            a1 = FloatVector.fromArray(S, x, i + step).fma(wt, a1);
            a2 = FloatVector.fromArray(S, x, i + 2 * step).fma(wt, a2);
            a3 = FloatVector.fromArray(S, x, i + 3 * step).fma(wt, a3);
        }
        if (hardSwish) {
            // constants loaded after the loop, not broadcast: C2 would hoist broadcasts into the loop's registers
            FloatVector k3 = FloatVector.fromArray(S, HARD_SWISH, 0);
            FloatVector k0 = FloatVector.fromArray(S, HARD_SWISH, L);
            FloatVector k6 = FloatVector.fromArray(S, HARD_SWISH, 2 * L);
            FloatVector kSixth = FloatVector.fromArray(S, HARD_SWISH, 3 * L);
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
        } else {
            a0.intoArray(y, yo);
            a1.intoArray(y, yo + c);
            a2.intoArray(y, yo + 2 * c);
            a3.intoArray(y, yo + 3 * c);
        }
    }

    /** 3 wide, stride 1: per kernel row, six input vectors and three weights feed twelve FMAs. */
    private void slide3(float[] x, int xi, float[] w, float[] bias, float[] y, int yo, int cv) {
        FloatVector a0 = FloatVector.fromArray(S, bias, cv);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        for (int ky = 0; ky < kH; ky++) {
            int i = xi + ky * kyStep;
            int wo = ky * 3 * rowWidth + cv;
            FloatVector w0 = FloatVector.fromArray(S, w, wo);
            FloatVector w1 = FloatVector.fromArray(S, w, wo + rowWidth);
            FloatVector w2 = FloatVector.fromArray(S, w, wo + 2 * rowWidth);
            FloatVector x0 = FloatVector.fromArray(S, x, i);
            FloatVector x1 = FloatVector.fromArray(S, x, i + c);
            FloatVector x2 = FloatVector.fromArray(S, x, i + 2 * c);
            FloatVector x3 = FloatVector.fromArray(S, x, i + 3 * c);
            FloatVector x4 = FloatVector.fromArray(S, x, i + 4 * c);
            FloatVector x5 = FloatVector.fromArray(S, x, i + 5 * c);
            a0 = x2.fma(w2, x1.fma(w1, x0.fma(w0, a0)));
            a1 = x3.fma(w2, x2.fma(w1, x1.fma(w0, a1)));
            a2 = x4.fma(w2, x3.fma(w1, x2.fma(w0, a2)));
            a3 = x5.fma(w2, x4.fma(w1, x3.fma(w0, a3)));
        }
        if (hardSwish) {
            // constants loaded after the loop, not broadcast: C2 would hoist broadcasts into the loop's registers
            FloatVector k3 = FloatVector.fromArray(S, HARD_SWISH, 0);
            FloatVector k0 = FloatVector.fromArray(S, HARD_SWISH, L);
            FloatVector k6 = FloatVector.fromArray(S, HARD_SWISH, 2 * L);
            FloatVector kSixth = FloatVector.fromArray(S, HARD_SWISH, 3 * L);
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
        } else {
            a0.intoArray(y, yo);
            a1.intoArray(y, yo + c);
            a2.intoArray(y, yo + 2 * c);
            a3.intoArray(y, yo + 3 * c);
        }
    }

    /**
     * 3 wide, stride 2: per kernel row, nine input vectors and three weights feed twelve FMAs (the
     * column shared by two neighbouring windows is loaded once).
     */
    private void stride2Width3(float[] x, int xi, float[] w, float[] bias, float[] y, int yo, int cv) {
        FloatVector a0 = FloatVector.fromArray(S, bias, cv);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        for (int ky = 0; ky < kH; ky++) {
            int i = xi + ky * kyStep;
            int wo = ky * 3 * rowWidth + cv;
            FloatVector w0 = FloatVector.fromArray(S, w, wo);
            FloatVector w1 = FloatVector.fromArray(S, w, wo + rowWidth);
            FloatVector w2 = FloatVector.fromArray(S, w, wo + 2 * rowWidth);
            FloatVector x2 = FloatVector.fromArray(S, x, i + 2 * c);
            a0 = x2.fma(w2, FloatVector.fromArray(S, x, i + c).fma(w1, FloatVector.fromArray(S, x, i).fma(w0, a0)));
            FloatVector x4 = FloatVector.fromArray(S, x, i + 4 * c);
            a1 = x4.fma(w2, FloatVector.fromArray(S, x, i + 3 * c).fma(w1, x2.fma(w0, a1)));
            FloatVector x6 = FloatVector.fromArray(S, x, i + 6 * c);
            a2 = x6.fma(w2, FloatVector.fromArray(S, x, i + 5 * c).fma(w1, x4.fma(w0, a2)));
            a3 = FloatVector.fromArray(S, x, i + 8 * c).fma(w2, FloatVector.fromArray(S, x, i + 7 * c).fma(w1, x6.fma(w0, a3)));
        }
        if (hardSwish) {
            // constants loaded after the loop, not broadcast: C2 would hoist broadcasts into the loop's registers
            FloatVector k3 = FloatVector.fromArray(S, HARD_SWISH, 0);
            FloatVector k0 = FloatVector.fromArray(S, HARD_SWISH, L);
            FloatVector k6 = FloatVector.fromArray(S, HARD_SWISH, 2 * L);
            FloatVector kSixth = FloatVector.fromArray(S, HARD_SWISH, 3 * L);
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
        } else {
            a0.intoArray(y, yo);
            a1.intoArray(y, yo + c);
            a2.intoArray(y, yo + 2 * c);
            a3.intoArray(y, yo + 3 * c);
        }
    }

    /** 5 wide, stride 1: per kernel row, eight input vectors and five weights feed twenty FMAs. */
    private void slide5(float[] x, int xi, float[] w, float[] bias, float[] y, int yo, int cv) {
        FloatVector a0 = FloatVector.fromArray(S, bias, cv);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        for (int ky = 0; ky < kH; ky++) {
            int i = xi + ky * kyStep;
            int wo = ky * 5 * rowWidth + cv;
            FloatVector x0 = FloatVector.fromArray(S, x, i);
            FloatVector x1 = FloatVector.fromArray(S, x, i + c);
            FloatVector x2 = FloatVector.fromArray(S, x, i + 2 * c);
            FloatVector x3 = FloatVector.fromArray(S, x, i + 3 * c);
            FloatVector wk = FloatVector.fromArray(S, w, wo);
            a0 = x0.fma(wk, a0);
            a1 = x1.fma(wk, a1);
            a2 = x2.fma(wk, a2);
            a3 = x3.fma(wk, a3);
            FloatVector x4 = FloatVector.fromArray(S, x, i + 4 * c);
            wk = FloatVector.fromArray(S, w, wo + rowWidth);
            a0 = x1.fma(wk, a0);
            a1 = x2.fma(wk, a1);
            a2 = x3.fma(wk, a2);
            a3 = x4.fma(wk, a3);
            FloatVector x5 = FloatVector.fromArray(S, x, i + 5 * c);
            wk = FloatVector.fromArray(S, w, wo + 2 * rowWidth);
            a0 = x2.fma(wk, a0);
            a1 = x3.fma(wk, a1);
            a2 = x4.fma(wk, a2);
            a3 = x5.fma(wk, a3);
            FloatVector x6 = FloatVector.fromArray(S, x, i + 6 * c);
            wk = FloatVector.fromArray(S, w, wo + 3 * rowWidth);
            a0 = x3.fma(wk, a0);
            a1 = x4.fma(wk, a1);
            a2 = x5.fma(wk, a2);
            a3 = x6.fma(wk, a3);
            FloatVector x7 = FloatVector.fromArray(S, x, i + 7 * c);
            wk = FloatVector.fromArray(S, w, wo + 4 * rowWidth);
            a0 = x4.fma(wk, a0);
            a1 = x5.fma(wk, a1);
            a2 = x6.fma(wk, a2);
            a3 = x7.fma(wk, a3);
        }
        if (hardSwish) {
            // constants loaded after the loop, not broadcast: C2 would hoist broadcasts into the loop's registers
            FloatVector k3 = FloatVector.fromArray(S, HARD_SWISH, 0);
            FloatVector k0 = FloatVector.fromArray(S, HARD_SWISH, L);
            FloatVector k6 = FloatVector.fromArray(S, HARD_SWISH, 2 * L);
            FloatVector kSixth = FloatVector.fromArray(S, HARD_SWISH, 3 * L);
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
        } else {
            a0.intoArray(y, yo);
            a1.intoArray(y, yo + c);
            a2.intoArray(y, yo + 2 * c);
            a3.intoArray(y, yo + 3 * c);
        }
    }
}
