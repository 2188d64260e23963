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
    private final float[] w;
    private final int[] tapOffset;
    private final FusedActivation act;

    public PlainDepthwise(ConvParams p, int in, int out) {
        this.p = p;
        this.in = in;
        this.out = out;
        this.w = packTapMajor(p);
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

    @Override
    public void forward(float[][] slots) {
        float[] x = slots[in];
        float[] y = slots[out];
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
                        interiorPixel(x, origin, y, yo);
                    } else {
                        borderPixel(p, w, x, xImage, oy, ox, y, yo, 0, c);
                    }
                    act.apply(y, yo, yo + c);
                }
            }
        }
    }

    private void interiorPixel(float[] x, int origin, float[] y, int yo) {
        int c = p.inC;
        System.arraycopy(p.bias, 0, y, yo, c);
        for (int t = 0; t < tapOffset.length; t++) {
            int xo = origin + tapOffset[t];
            int wo = t * c;
            for (int ch = 0; ch < c; ch++) {
                y[yo + ch] += x[xo + ch] * w[wo + ch];
            }
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
