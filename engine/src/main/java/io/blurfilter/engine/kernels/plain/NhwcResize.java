package io.blurfilter.engine.kernels.plain;

import io.blurfilter.engine.graph.ResizeMode;
import io.blurfilter.engine.kernels.ResizeAxis;
import io.blurfilter.engine.runtime.Layer;

/**
 * {@link io.blurfilter.engine.graph.OpType#RESIZE} over NHWC: the four source pixels' channel runs are
 * contiguous, so the inner loop walks channels. Same arithmetic as the NCHW kernel, so the same bits.
 */
final class NhwcResize implements Layer {
    private final int in;
    private final int out;
    private final int batch;
    private final int channels;
    private final int inH;
    private final int inW;
    private final ResizeAxis rows;
    private final ResizeAxis cols;

    /** {@code shape} is the input's NCHW shape; {@code scales} the (H, W) factors. */
    NhwcResize(int in, int out, int[] shape, int[] scales, ResizeMode mode) {
        this.in = in;
        this.out = out;
        this.batch = shape[0];
        this.channels = shape[1];
        this.inH = shape[2];
        this.inW = shape[3];
        this.rows = new ResizeAxis(shape[2], scales[0], mode);
        this.cols = new ResizeAxis(shape[3], scales[1], mode);
    }

    @Override
    public void forward(float[][] slots) {
        float[] x = slots[in];
        float[] y = slots[out];
        int c = channels;
        int outH = rows.lo.length;
        int outW = cols.lo.length;
        int o = 0;
        for (int n = 0; n < batch; n++) {
            int image = n * inH * inW * c;
            for (int oy = 0; oy < outH; oy++) {
                int top = image + rows.lo[oy] * inW * c;
                int bottom = image + rows.hi[oy] * inW * c;
                float wy = rows.weight[oy];
                for (int ox = 0; ox < outW; ox++) {
                    int l = cols.lo[ox] * c;
                    int r = cols.hi[ox] * c;
                    float wx = cols.weight[ox];
                    for (int k = 0; k < c; k++) {
                        y[o++] = ResizeAxis.blend(x[top + l + k], x[top + r + k], x[bottom + l + k],
                                x[bottom + r + k], wx, wy);
                    }
                }
            }
        }
    }
}
