package io.blurfilter.engine.kernels.vector;

import static io.blurfilter.engine.kernels.vector.Lanes.L;

import io.blurfilter.engine.kernels.ConvParams;

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
 * This class picks a kernel per window; the kernels are generated into {@link RowBlockKernels}
 * (docs/KERNELS.md).
 */
final class RowBlock extends RowBlockKernels {
    static final int PIXELS = 4;
    /** Pixels of a {@link #runWide} block. */
    static final int WIDE_PIXELS = 8;
    /** Pixels of a {@link #runSeven} block: a whole 7-wide row (7x7 maps, common at the end of a net). */
    static final int SEVEN_PIXELS = 7;
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

    private final int srcPadLeft;
    private final boolean slides3;
    private final boolean slides5;
    private final boolean strides3;
    private final boolean strides5;

    RowBlock(ConvParams p, int c, int rowWidth, int srcPadLeft, int[] tapOffset, int srcRowLen, boolean hardSwish) {
        super(c, p.kH, rowWidth, p.strideW, tapOffset, srcRowLen * p.dilH, hardSwish);
        this.srcPadLeft = srcPadLeft;
        boolean slides = p.strideW == 1 && p.dilW == 1;
        this.slides3 = slides && p.kW == 3;
        this.slides5 = slides && p.kW == 5;
        this.strides3 = p.strideW == 2 && p.dilW == 1 && p.kW == 3;
        this.strides5 = p.strideW == 2 && p.dilW == 1 && p.kW == 5;
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

    /** Whether {@link #runWide} has an eight-pixel kernel for this window (else use {@link #run}). */
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
}
