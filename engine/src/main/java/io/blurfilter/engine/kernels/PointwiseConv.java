package io.blurfilter.engine.kernels;

import io.blurfilter.engine.runtime.LayerSpec;

/**
 * 1x1 stride-1 convolution as a matrix product Y[o, p] = B[o] + sum_c W[o, c] X[c, p] over NCHW planes.
 * Four output channels share each pass over the input so it is read a quarter as often.
 */
final class PointwiseConv extends ConvLayer {
    PointwiseConv(LayerSpec spec, ConvParams g) {
        super(spec, g);
    }

    @Override
    public void forward(float[][] slots) {
        float[] x = slots[in];
        float[] y = slots[out];
        int plane = g.inH * g.inW;
        int inC = g.inC;
        for (int n = 0; n < g.batch; n++) {
            int xBase = n * inC * plane;
            int yBase = n * g.outC * plane;
            int o = 0;
            for (; o + 4 <= g.outC; o += 4) {
                int y0 = yBase + o * plane;
                int y1 = y0 + plane;
                int y2 = y1 + plane;
                int y3 = y2 + plane;
                fillBias(y, y0, plane, o);
                fillBias(y, y1, plane, o + 1);
                fillBias(y, y2, plane, o + 2);
                fillBias(y, y3, plane, o + 3);
                for (int c = 0; c < inC; c++) {
                    float w0 = weight[o * inC + c];
                    float w1 = weight[(o + 1) * inC + c];
                    float w2 = weight[(o + 2) * inC + c];
                    float w3 = weight[(o + 3) * inC + c];
                    int xc = xBase + c * plane;
                    for (int p = 0; p < plane; p++) {
                        float v = x[xc + p];
                        y[y0 + p] += w0 * v;
                        y[y1 + p] += w1 * v;
                        y[y2 + p] += w2 * v;
                        y[y3 + p] += w3 * v;
                    }
                }
                act.apply(y, y0, y3 + plane);
            }
            for (; o < g.outC; o++) {
                int y0 = yBase + o * plane;
                fillBias(y, y0, plane, o);
                for (int c = 0; c < inC; c++) {
                    float w0 = weight[o * inC + c];
                    int xc = xBase + c * plane;
                    for (int p = 0; p < plane; p++) {
                        y[y0 + p] += w0 * x[xc + p];
                    }
                }
                act.apply(y, y0, y0 + plane);
            }
        }
    }

    private void fillBias(float[] y, int from, int len, int channel) {
        java.util.Arrays.fill(y, from, from + len, biasOf(channel));
    }
}
