package io.blurfilter.engine.kernels;

import io.blurfilter.engine.runtime.Layer;
import io.blurfilter.engine.runtime.LayerSpec;

/** An activation (or Scale, or plain copy) applied elementwise; may run in place. */
final class Unary implements Layer {
    private final int in;
    private final int out;
    private final ActivationFunction act;
    private final float scale;
    private final float bias;
    private final int count;

    Unary(LayerSpec spec, ActivationFunction act, float scale, float bias) {
        this.in = spec.inputSlot(0);
        this.out = spec.outputSlot;
        this.act = act;
        this.scale = scale;
        this.bias = bias;
        this.count = Math.toIntExact(io.blurfilter.engine.Shapes.elementCount(spec.outputShape));
    }

    @Override
    public void forward(float[][] slots) {
        float[] x = slots[in];
        float[] y = slots[out];
        int n = count;
        if (scale != 1f || bias != 0f) {
            for (int i = 0; i < n; i++) {
                y[i] = x[i] * scale + bias;
            }
        } else if (x != y) {
            System.arraycopy(x, 0, y, 0, n);
        }
        act.apply(y, 0, n);
    }
}
