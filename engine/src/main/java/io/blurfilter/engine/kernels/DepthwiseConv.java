package io.blurfilter.engine.kernels;

import io.blurfilter.engine.runtime.LayerSpec;
import java.util.Arrays;

/** Depthwise convolution (one filter per channel) over NCHW planes, bias and activation fused. */
final class DepthwiseConv extends ConvLayer {
    DepthwiseConv(LayerSpec spec, ConvParams g) {
        super(spec, g);
    }

    @Override
    public void forward(float[][] slots) {
        float[] x = slots[in];
        float[] y = slots[out];
        int inPlane = g.inH * g.inW;
        int outPlane = g.outH * g.outW;
        int taps = g.kH * g.kW;
        for (int n = 0; n < g.batch; n++) {
            for (int c = 0; c < g.inC; c++) {
                int xBase = (n * g.inC + c) * inPlane;
                int yBase = (n * g.inC + c) * outPlane;
                Arrays.fill(y, yBase, yBase + outPlane, biasOf(c));
                for (int ky = 0; ky < g.kH; ky++) {
                    int offY = ky * g.dilH - g.padTop;
                    for (int kx = 0; kx < g.kW; kx++) {
                        float w = weight[c * taps + ky * g.kW + kx];
                        int offX = kx * g.dilW - g.padLeft;
                        int oxLo = DirectConv.rangeStart(offX, g.strideW);
                        int oxHi = DirectConv.rangeEnd(offX, g.strideW, g.inW, g.outW);
                        int oyLo = DirectConv.rangeStart(offY, g.strideH);
                        int oyHi = DirectConv.rangeEnd(offY, g.strideH, g.inH, g.outH);
                        for (int oy = oyLo; oy < oyHi; oy++) {
                            int xRow = xBase + (oy * g.strideH + offY) * g.inW + offX;
                            int yRow = yBase + oy * g.outW;
                            if (g.strideW == 1) {
                                for (int ox = oxLo; ox < oxHi; ox++) {
                                    y[yRow + ox] += w * x[xRow + ox];
                                }
                            } else {
                                for (int ox = oxLo; ox < oxHi; ox++) {
                                    y[yRow + ox] += w * x[xRow + ox * g.strideW];
                                }
                            }
                        }
                    }
                }
                act.apply(y, yBase, yBase + outPlane);
            }
        }
    }
}
