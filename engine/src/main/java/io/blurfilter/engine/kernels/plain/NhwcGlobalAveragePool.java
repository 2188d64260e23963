package io.blurfilter.engine.kernels.plain;

import io.blurfilter.engine.runtime.Layer;
import java.util.Arrays;

/**
 * Mean over H and W of an NHWC image into [N, C] (which is also [N, C, 1, 1] in NCHW). Whole pixels
 * are summed into the output row, a contiguous vectorizable loop, then scaled once.
 */
final class NhwcGlobalAveragePool implements Layer {
    private final int in;
    private final int out;
    private final int batch;
    private final int pixels;
    private final int c;

    NhwcGlobalAveragePool(int in, int out, int[] shape) {
        this.in = in;
        this.out = out;
        this.batch = shape[0];
        this.c = shape[1];
        this.pixels = shape[2] * shape[3];
    }

    @Override
    public void forward(float[][] slots) {
        float[] x = slots[in];
        float[] y = slots[out];
        float scale = 1f / pixels;
        for (int n = 0; n < batch; n++) {
            int yo = n * c;
            Arrays.fill(y, yo, yo + c, 0f);
            int xo = n * pixels * c;
            for (int px = 0; px < pixels; px++, xo += c) {
                for (int ch = 0; ch < c; ch++) {
                    y[yo + ch] += x[xo + ch];
                }
            }
            for (int ch = 0; ch < c; ch++) {
                y[yo + ch] *= scale;
            }
        }
    }
}
