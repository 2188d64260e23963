package io.blurfilter.engine.kernels;

import io.blurfilter.engine.graph.Attributes;
import io.blurfilter.engine.graph.ResizeMode;
import io.blurfilter.engine.runtime.Layer;
import io.blurfilter.engine.runtime.LayerSpec;

/** {@link io.blurfilter.engine.graph.OpType#RESIZE} over NCHW: each (n, c) plane upsampled on its own. */
final class Resize implements Layer {
    private final int in;
    private final int out;
    private final int planes;
    private final int inH;
    private final int inW;
    private final ResizeAxis rows;
    private final ResizeAxis cols;

    Resize(LayerSpec spec) {
        int[] s = spec.inputShape(0);
        Attributes a = spec.node.attributes();
        int[] f = a.ints("scales");
        ResizeMode mode = ResizeMode.fromFileName(a.string("mode", null));
        this.in = spec.inputSlot(0);
        this.out = spec.outputSlot;
        this.planes = s[0] * s[1];
        this.inH = s[2];
        this.inW = s[3];
        this.rows = new ResizeAxis(s[2], f[0], mode);
        this.cols = new ResizeAxis(s[3], f[1], mode);
    }

    @Override
    public void forward(float[][] slots) {
        float[] x = slots[in];
        float[] y = slots[out];
        int outH = rows.lo.length;
        int outW = cols.lo.length;
        int o = 0;
        for (int p = 0; p < planes; p++) {
            int plane = p * inH * inW;
            for (int oy = 0; oy < outH; oy++) {
                int top = plane + rows.lo[oy] * inW;
                int bottom = plane + rows.hi[oy] * inW;
                float wy = rows.weight[oy];
                for (int ox = 0; ox < outW; ox++) {
                    int l = cols.lo[ox];
                    int r = cols.hi[ox];
                    y[o++] = ResizeAxis.blend(x[top + l], x[top + r], x[bottom + l], x[bottom + r], cols.weight[ox], wy);
                }
            }
        }
    }
}
