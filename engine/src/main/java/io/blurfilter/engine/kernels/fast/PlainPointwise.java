package io.blurfilter.engine.kernels.fast;

import io.blurfilter.engine.runtime.Layer;

/**
 * 1x1 convolution over NHWC as Y[p, :] = B + sum_c X[p, c] W[c, :]. The weight is packed [in][out] so
 * the innermost loop runs over contiguous output channels, which HotSpot and ART auto-vectorize; four
 * input channels are folded per pass so each output row is loaded and stored a quarter as often.
 */
final class PlainPointwise implements Layer {
    private final int in;
    private final int out;
    private final int pixels;
    private final int k;
    private final int n;
    private final float[] w;
    private final float[] bias;
    private final FusedActivation act;

    PlainPointwise(ConvParams p, int in, int out) {
        this.in = in;
        this.out = out;
        this.pixels = p.batch * p.inH * p.inW;
        this.k = p.inC;
        this.n = p.outC;
        this.w = new float[k * n];
        for (int o = 0; o < n; o++) {
            for (int c = 0; c < k; c++) {
                w[c * n + o] = p.weight[o * k + c];
            }
        }
        this.bias = p.bias;
        this.act = new FusedActivation(p.act);
    }

    @Override
    public void forward(float[][] slots) {
        float[] x = slots[in];
        float[] y = slots[out];
        for (int px = 0; px < pixels; px++) {
            row(x, px * k, y, px * n);
            act.apply(y, px * n, px * n + n);
        }
    }

    private void row(float[] x, int xo, float[] y, int yo) {
        System.arraycopy(bias, 0, y, yo, n);
        int c = 0;
        for (; c + 4 <= k; c += 4) {
            float x0 = x[xo + c];
            float x1 = x[xo + c + 1];
            float x2 = x[xo + c + 2];
            float x3 = x[xo + c + 3];
            int w0 = c * n;
            int w1 = w0 + n;
            int w2 = w1 + n;
            int w3 = w2 + n;
            for (int o = 0; o < n; o++) {
                y[yo + o] += x0 * w[w0 + o] + x1 * w[w1 + o] + x2 * w[w2 + o] + x3 * w[w3 + o];
            }
        }
        for (; c < k; c++) {
            float x0 = x[xo + c];
            int w0 = c * n;
            for (int o = 0; o < n; o++) {
                y[yo + o] += x0 * w[w0 + o];
            }
        }
    }
}
