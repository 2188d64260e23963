package io.blurfilter.engine.kernels;

import io.blurfilter.engine.runtime.Layer;
import io.blurfilter.engine.runtime.LayerSpec;

/** Softmax along one axis (max subtracted first, exponentials summed in double). */
final class Softmax implements Layer {
    private final int in;
    private final int out;
    private final int outer;
    private final int axisLen;
    private final int inner;

    Softmax(LayerSpec spec) {
        int[] s = spec.inputShape(0);
        int axis = spec.node.attributes().intValue("axis", -1);
        if (axis < 0) {
            axis += s.length;
        }
        int o = 1;
        for (int i = 0; i < axis; i++) {
            o *= s[i];
        }
        int n = 1;
        for (int i = axis + 1; i < s.length; i++) {
            n *= s[i];
        }
        in = spec.inputSlot(0);
        out = spec.outputSlot;
        outer = o;
        axisLen = s[axis];
        inner = n;
    }

    @Override
    public void forward(float[][] slots) {
        float[] x = slots[in];
        float[] y = slots[out];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * axisLen * inner + i;
                float max = Float.NEGATIVE_INFINITY;
                for (int a = 0; a < axisLen; a++) {
                    max = Math.max(max, x[base + a * inner]);
                }
                double sum = 0;
                for (int a = 0; a < axisLen; a++) {
                    double e = Math.exp(x[base + a * inner] - max);
                    y[base + a * inner] = (float) e;
                    sum += e;
                }
                for (int a = 0; a < axisLen; a++) {
                    y[base + a * inner] = (float) (y[base + a * inner] / sum);
                }
            }
        }
    }
}
