package io.blurfilter.engine.kernels.plain;

import io.blurfilter.engine.runtime.Layer;

/** Copies an activation between NCHW and NHWC, for ops the NHWC kernels leave to the fallback. */
final class LayoutChange implements Layer {
    private final boolean toNhwc;
    private final int in;
    private final int out;
    private final int batch;
    private final int c;
    private final int plane;

    LayoutChange(boolean toNhwc, int in, int out, int[] nchwShape) {
        this.toNhwc = toNhwc;
        this.in = in;
        this.out = out;
        this.batch = nchwShape[0];
        this.c = nchwShape[1];
        this.plane = nchwShape[2] * nchwShape[3];
    }

    @Override
    public void forward(float[][] slots) {
        float[] x = slots[in];
        float[] y = slots[out];
        for (int n = 0; n < batch; n++) {
            int base = n * c * plane;
            for (int ch = 0; ch < c; ch++) {
                for (int p = 0; p < plane; p++) {
                    int nchw = base + ch * plane + p;
                    int nhwc = base + p * c + ch;
                    if (toNhwc) {
                        y[nhwc] = x[nchw];
                    } else {
                        y[nchw] = x[nhwc];
                    }
                }
            }
        }
    }
}
