package io.blurfilter.engine.kernels.plain;

import io.blurfilter.engine.graph.Activation;
import io.blurfilter.engine.kernels.ActivationFunction;

/**
 * An activation applied in place to a run of values, with one loop per kind so the JIT vectorizes
 * the common ones (relu, hardswish, hardsigmoid) instead of switching per element.
 */
public final class FusedActivation {
    private final ActivationFunction f;

    public FusedActivation(ActivationFunction f) {
        this.f = f;
    }

    public Activation kind() {
        return f.kind;
    }

    public float alpha() {
        return f.alpha;
    }

    public float beta() {
        return f.beta;
    }

    public void apply(float[] a, int from, int to) {
        switch (f.kind) {
            case NONE:
                return;
            case RELU:
                for (int i = from; i < to; i++) {
                    a[i] = Math.max(a[i], 0f);
                }
                return;
            case HARD_SWISH:
                for (int i = from; i < to; i++) {
                    float v = a[i];
                    a[i] = v * Math.min(Math.max(v + 3f, 0f), 6f) / 6f;
                }
                return;
            case HARD_SIGMOID:
                float alpha = f.alpha;
                float beta = f.beta;
                for (int i = from; i < to; i++) {
                    a[i] = Math.min(Math.max(alpha * a[i] + beta, 0f), 1f);
                }
                return;
            default:
                f.apply(a, from, to);
        }
    }
}
