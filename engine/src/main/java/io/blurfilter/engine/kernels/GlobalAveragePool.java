package io.blurfilter.engine.kernels;

import io.blurfilter.engine.runtime.Layer;
import io.blurfilter.engine.runtime.LayerSpec;

/** Mean over H and W of each (n, c) plane, summed in double so long planes lose nothing. */
final class GlobalAveragePool implements Layer {
    private final int in;
    private final int out;
    private final int planes;
    private final int plane;

    GlobalAveragePool(LayerSpec spec) {
        int[] s = spec.inputShape(0);
        this.in = spec.inputSlot(0);
        this.out = spec.outputSlot;
        this.planes = s[0] * s[1];
        this.plane = s[2] * s[3];
    }

    @Override
    public void forward(float[][] slots) {
        float[] x = slots[in];
        float[] y = slots[out];
        for (int p = 0; p < planes; p++) {
            double sum = 0;
            int base = p * plane;
            for (int i = base; i < base + plane; i++) {
                sum += x[i];
            }
            y[p] = (float) (sum / plane);
        }
    }
}
