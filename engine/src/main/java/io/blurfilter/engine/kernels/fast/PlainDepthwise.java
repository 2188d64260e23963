package io.blurfilter.engine.kernels.fast;

import io.blurfilter.engine.runtime.Layer;

/**
 * Depthwise convolution over NHWC: for every output pixel, each tap adds a contiguous run of channels
 * times that tap's channel weights (packed [tap][C]), a loop the JIT vectorizes. Pixels whose window
 * lies inside the input use precomputed tap offsets; the border checks every tap.
 */
public final class PlainDepthwise implements Layer {
    private final ConvParams p;
    private final int in;
    private final int out;
    private final int scratch;
    private final float[] w;
    /** The weights again as one row per tap, for the auto-vectorized interior loop. */
    private final float[][] tapRows;
    private final int[] tapOffset;
    private final FusedActivation act;

    public PlainDepthwise(ConvParams p, int in, int out, int scratch) {
        this.p = p;
        this.in = in;
        this.out = out;
        this.scratch = scratch;
        this.w = packTapMajor(p);
        this.tapRows = new float[p.taps()][];
        for (int t = 0; t < p.taps(); t++) {
            tapRows[t] = java.util.Arrays.copyOfRange(w, t * p.inC, (t + 1) * p.inC);
        }
        this.tapOffset = tapOffsets(p);
        this.act = new FusedActivation(p.act);
    }

    /** Weights as [tap][C]: one contiguous channel vector per tap. */
    public static float[] packTapMajor(ConvParams p) {
        int taps = p.taps();
        int c = p.inC;
        float[] w = new float[taps * c];
        for (int ch = 0; ch < c; ch++) {
            for (int t = 0; t < taps; t++) {
                w[t * c + ch] = p.weight[ch * taps + t];
            }
        }
        return w;
    }

    /** Offset of each tap's input pixel from the window origin, in floats of an NHWC image. */
    public static int[] tapOffsets(ConvParams p) {
        int[] off = new int[p.taps()];
        for (int ky = 0; ky < p.kH; ky++) {
            for (int kx = 0; kx < p.kW; kx++) {
                off[ky * p.kW + kx] = (ky * p.dilH * p.inW + kx * p.dilW) * p.inC;
            }
        }
        return off;
    }

    /** Two channel rows: the accumulator and a copy of one tap's input pixel. */
    public static int scratchFloats(ConvParams p) {
        return 2 * p.inC;
    }

    @Override
    public void forward(float[][] slots) {
        float[] x = slots[in];
        float[] y = slots[out];
        float[] acc = slots[scratch];
        int c = p.inC;
        int rowLo = p.firstInsideRow();
        int rowHi = p.endInsideRow();
        int colLo = p.firstInsideCol();
        int colHi = p.endInsideCol();
        for (int n = 0; n < p.batch; n++) {
            int xImage = n * p.inH * p.inW * c;
            int yImage = n * p.outH * p.outW * c;
            for (int oy = 0; oy < p.outH; oy++) {
                boolean rowInside = oy >= rowLo && oy < rowHi;
                for (int ox = 0; ox < p.outW; ox++) {
                    int yo = yImage + (oy * p.outW + ox) * c;
                    if (rowInside && ox >= colLo && ox < colHi) {
                        int origin = xImage + ((oy * p.strideH - p.padTop) * p.inW + ox * p.strideW - p.padLeft) * c;
                        interiorPixel(x, origin, acc, y, yo);
                    } else {
                        borderPixel(p, w, x, xImage, oy, ox, y, yo, 0, c);
                    }
                    act.apply(y, yo, yo + c);
                }
            }
        }
    }

    /**
     * The input pixel of each tap is first copied to the scratch, so the multiply-add loop indexes
     * all its arrays from 0: JDK 17 only vectorizes loops whose arrays cannot alias at unknown offsets.
     */
    private void interiorPixel(float[] x, int origin, float[] acc, float[] y, int yo) {
        int c = p.inC;
        System.arraycopy(p.bias, 0, acc, 0, c);
        for (int t = 0; t < tapOffset.length; t++) {
            System.arraycopy(x, origin + tapOffset[t], acc, c, c);
            multiplyAdd(acc, tapRows[t], c);
        }
        System.arraycopy(acc, 0, y, yo, c);
    }

    /** acc[0..c) += acc[c..2c) * w[0..c). */
    private static void multiplyAdd(float[] acc, float[] w, int c) {
        for (int ch = 0; ch < c; ch++) {
            acc[ch] += acc[c + ch] * w[ch];
        }
    }

    /**
     * Channels [from, to) of one output pixel with every tap bounds-checked (pixels near the edge),
     * without the activation. Shared with the vector kernels, which use it for their borders.
     */
    public static void borderPixel(ConvParams p, float[] w, float[] x, int xImage, int oy, int ox, float[] y,
            int yo, int from, int to) {
        int c = p.inC;
        System.arraycopy(p.bias, from, y, yo + from, to - from);
        for (int ky = 0; ky < p.kH; ky++) {
            int iy = oy * p.strideH - p.padTop + ky * p.dilH;
            if (iy < 0 || iy >= p.inH) {
                continue;
            }
            for (int kx = 0; kx < p.kW; kx++) {
                int ix = ox * p.strideW - p.padLeft + kx * p.dilW;
                if (ix < 0 || ix >= p.inW) {
                    continue;
                }
                int xo = xImage + (iy * p.inW + ix) * c;
                int wo = (ky * p.kW + kx) * c;
                for (int ch = from; ch < to; ch++) {
                    y[yo + ch] += x[xo + ch] * w[wo + ch];
                }
            }
        }
    }
}
