package io.blurfilter.engine.kernels;

import io.blurfilter.engine.runtime.LayerSpec;

/**
 * Any 2-D convolution (groups, strides, padding, dilation) by direct summation over NCHW planes,
 * with the bias and activation fused. The reference every faster kernel is checked against.
 */
final class DirectConv extends ConvLayer {
    DirectConv(LayerSpec spec, ConvParams g) {
        super(spec, g);
    }

    @Override
    public void forward(float[][] slots) {
        float[] x = slots[in];
        float[] y = slots[out];
        int inPlane = g.inH * g.inW;
        int outPlane = g.outH * g.outW;
        int inPerGroup = g.inC / g.group;
        int outPerGroup = g.outC / g.group;
        for (int n = 0; n < g.batch; n++) {
            for (int oc = 0; oc < g.outC; oc++) {
                int yBase = (n * g.outC + oc) * outPlane;
                float b = biasOf(oc);
                java.util.Arrays.fill(y, yBase, yBase + outPlane, b);
                int firstIn = (oc / outPerGroup) * inPerGroup;
                for (int ic = 0; ic < inPerGroup; ic++) {
                    int xBase = (n * g.inC + firstIn + ic) * inPlane;
                    int wBase = (oc * inPerGroup + ic) * g.kH * g.kW;
                    for (int ky = 0; ky < g.kH; ky++) {
                        for (int kx = 0; kx < g.kW; kx++) {
                            accumulateTap(x, xBase, y, yBase, weight[wBase + ky * g.kW + kx], ky, kx);
                        }
                    }
                }
                act.apply(y, yBase, yBase + outPlane);
            }
        }
    }

    /** y[oy, ox] += w * x[oy*s - p + ky*d, ox*s - p + kx*d] over the outputs whose tap is inside x. */
    private void accumulateTap(float[] x, int xBase, float[] y, int yBase, float w, int ky, int kx) {
        int offY = ky * g.dilH - g.padTop;
        int offX = kx * g.dilW - g.padLeft;
        int oxLo = rangeStart(offX, g.strideW);
        int oxHi = rangeEnd(offX, g.strideW, g.inW, g.outW);
        for (int oy = 0; oy < g.outH; oy++) {
            int iy = oy * g.strideH + offY;
            if (iy < 0 || iy >= g.inH) {
                continue;
            }
            int xRow = xBase + iy * g.inW + offX;
            int yRow = yBase + oy * g.outW;
            for (int ox = oxLo; ox < oxHi; ox++) {
                y[yRow + ox] += w * x[xRow + ox * g.strideW];
            }
        }
    }

    /** Smallest o with o*stride + off >= 0. */
    static int rangeStart(int off, int stride) {
        return off >= 0 ? 0 : (-off + stride - 1) / stride;
    }

    /** One past the largest o < outLen with o*stride + off < inLen. */
    static int rangeEnd(int off, int stride, int inLen, int outLen) {
        int last = inLen - 1 - off;
        if (last < 0) {
            return 0;
        }
        return Math.min(outLen, last / stride + 1);
    }
}
