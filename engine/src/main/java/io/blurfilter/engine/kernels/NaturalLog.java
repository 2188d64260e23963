package io.blurfilter.engine.kernels;

import io.blurfilter.engine.Shapes;
import io.blurfilter.engine.runtime.Layer;
import io.blurfilter.engine.runtime.LayerSpec;

/**
 * {@link io.blurfilter.engine.graph.OpType#LOG}, elementwise and layout-blind; may run in place. No
 * guard for non-positive inputs: {@link Math#log} gives -Infinity for 0 and NaN below, as ONNX does.
 */
final class NaturalLog implements Layer {
    private final int in;
    private final int out;
    private final int count;

    NaturalLog(LayerSpec spec) {
        this.in = spec.inputSlot(0);
        this.out = spec.outputSlot;
        this.count = Math.toIntExact(Shapes.elementCount(spec.outputShape));
    }

    @Override
    public void forward(float[][] slots) {
        float[] x = slots[in];
        float[] y = slots[out];
        for (int i = 0; i < count; i++) {
            y[i] = (float) Math.log(x[i]);
        }
    }
}
