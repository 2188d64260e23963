package io.blurfilter.engine.kernels.fast;

import io.blurfilter.engine.kernels.ConvParams;
import io.blurfilter.engine.runtime.SplittableLayer;

/**
 * A group-1 convolution of any kernel size to NHWC, for the stem (3 input channels, so there is
 * little to gain from a matrix formulation). Reads NCHW or NHWC through per-axis strides. Per output
 * pixel the window's values (zero outside the input) are gathered into a scratch patch, then added
 * into a scratch row of output channels four window elements per pass, as {@link PlainPointwise} does
 * with input channels: one pass per window element ran a 16-wide loop 27 times a pixel, mostly loop
 * overhead.
 */
final class PlainDirectConv implements SplittableLayer {
    private final ConvParams p;
    private final int in;
    private final int out;
    /** One output-channel row per window element (ky, kx, ci), zero rows up to a multiple of four. */
    private final float[][] rows;
    private final int scratch;
    private final int cStride;
    private final int yStride;
    private final int xStride;
    private final int imageStride;
    private final FusedActivation act;

    PlainDirectConv(ConvParams p, boolean nchwInput, int in, int out, int scratch) {
        this.p = p;
        this.in = in;
        this.out = out;
        this.scratch = scratch;
        float[] w = packWindowMajor(p);
        this.rows = new float[paddedWindow(p)][p.outC];
        for (int j = 0; j < p.kH * p.kW * p.inC; j++) {
            rows[j] = java.util.Arrays.copyOfRange(w, j * p.outC, (j + 1) * p.outC);
        }
        this.cStride = nchwInput ? p.inH * p.inW : 1;
        this.yStride = nchwInput ? p.inW : p.inW * p.inC;
        this.xStride = nchwInput ? 1 : p.inC;
        this.imageStride = p.inC * p.inH * p.inW;
        this.act = new FusedActivation(p.act);
    }

    /** Window elements rounded up to a multiple of four. */
    private static int paddedWindow(ConvParams p) {
        return (p.kH * p.kW * p.inC + 3) / 4 * 4;
    }

    private static void accumulate(float[] acc, int n, float x0, float[] r0, float x1, float[] r1, float x2,
            float[] r2, float x3, float[] r3) {
        for (int o = 0; o < n; o++) {
            acc[o] += x0 * r0[o] + x1 * r1[o] + x2 * r2[o] + x3 * r3[o];
        }
    }

    /** Weights as [ky][kx][ci][out]: one contiguous output-channel run per window element. */
    static float[] packWindowMajor(ConvParams p) {
        int ci = p.inC;
        int co = p.outC;
        float[] w = new float[p.kH * p.kW * ci * co];
        for (int o = 0; o < co; o++) {
            for (int c = 0; c < ci; c++) {
                for (int ky = 0; ky < p.kH; ky++) {
                    for (int kx = 0; kx < p.kW; kx++) {
                        w[((ky * p.kW + kx) * ci + c) * co + o] = p.weight[((o * ci + c) * p.kH + ky) * p.kW + kx];
                    }
                }
            }
        }
        return w;
    }

    /**
     * An accumulator row (the multiply-add loop indexes all its arrays from 0, see PlainPointwise), then
     * the window patch.
     */
    static int scratchFloats(ConvParams p) {
        return p.outC + paddedWindow(p);
    }

    @Override
    public void forward(float[][] slots) {
        forwardPart(slots, 0, 1);
    }

    /** Split by output rows; each part accumulates in its own scratch row. */
    @Override
    public int partsFor(int parallelism) {
        return SplittableLayer.parts(parallelism, p.multiplyAdds(), p.batch * p.outH, 2);
    }

    @Override
    public int[] partScratchSlots() {
        return new int[] {scratch};
    }

    @Override
    public void forwardPart(float[][] slots, int part, int parts) {
        float[] x = slots[in];
        float[] y = slots[out];
        float[] acc = slots[scratch];
        int co = p.outC;
        int total = p.batch * p.outH;
        int to = SplittableLayer.boundary(total, part + 1, parts, 1);
        for (int r = SplittableLayer.boundary(total, part, parts, 1); r < to; r++) {
            int n = r / p.outH;
            int oy = r % p.outH;
            int xImage = n * imageStride;
            for (int ox = 0; ox < p.outW; ox++) {
                int yo = ((n * p.outH + oy) * p.outW + ox) * co;
                int j = co;
                for (int ky = 0; ky < p.kH; ky++) {
                    int iy = oy * p.strideH - p.padTop + ky * p.dilH;
                    for (int kx = 0; kx < p.kW; kx++) {
                        int ix = ox * p.strideW - p.padLeft + kx * p.dilW;
                        boolean inside = iy >= 0 && iy < p.inH && ix >= 0 && ix < p.inW;
                        int xo = xImage + iy * yStride + ix * xStride;
                        for (int c = 0; c < p.inC; c++) {
                            acc[j++] = inside ? x[xo + c * cStride] : 0f;
                        }
                    }
                }
                for (; j < co + rows.length; j++) {
                    acc[j] = 0f;
                }
                System.arraycopy(p.bias, 0, acc, 0, co);
                for (int e = 0; e < rows.length; e += 4) {
                    accumulate(acc, co, acc[co + e], rows[e], acc[co + e + 1], rows[e + 1], acc[co + e + 2],
                            rows[e + 2], acc[co + e + 3], rows[e + 3]);
                }
                System.arraycopy(acc, 0, y, yo, co);
                act.apply(y, yo, yo + co);
            }
        }
    }
}
