package io.blurfilter.engine.kernels;

import io.blurfilter.engine.graph.Activation;
import io.blurfilter.engine.graph.Attributes;

/**
 * An activation with its parameters bound, applied in place to a range of an array. Formulas follow
 * the ONNX definitions (hardswish = x * relu6(x + 3) / 6, hardsigmoid = clip(alpha*x + beta, 0, 1)).
 */
public final class ActivationFunction {
    public static final ActivationFunction NONE = new ActivationFunction(Activation.NONE, 0, 0);

    public final Activation kind;
    public final float alpha;
    public final float beta;

    public ActivationFunction(Activation kind, float alpha, float beta) {
        this.kind = kind;
        this.alpha = alpha;
        this.beta = beta;
    }

    /** The activation fused into a Conv or Gemm node (attributes activation, act_alpha, act_beta). */
    public static ActivationFunction fused(Attributes a) {
        Activation kind = Activation.fromFileName(a.string("activation", "none"));
        return new ActivationFunction(kind, a.floatValue("act_alpha", 0), a.floatValue("act_beta", 0));
    }

    public float apply(float x) {
        switch (kind) {
            case RELU: return relu(x);
            case RELU6: return Math.min(Math.max(x, 0f), 6f);
            case HARD_SWISH: return hardSwish(x);
            case HARD_SIGMOID: return Math.min(Math.max(alpha * x + beta, 0f), 1f);
            case SIGMOID: return (float) (1.0 / (1.0 + Math.exp(-x)));
            case CLIP: return Math.min(Math.max(x, alpha), beta);
            default: return x;
        }
    }

    public void apply(float[] a, int from, int to) {
        switch (kind) {
            case NONE:
                return;
            case RELU:
                for (int i = from; i < to; i++) {
                    a[i] = relu(a[i]);
                }
                return;
            case HARD_SWISH:
                for (int i = from; i < to; i++) {
                    a[i] = hardSwish(a[i]);
                }
                return;
            default:
                for (int i = from; i < to; i++) {
                    a[i] = apply(a[i]);
                }
        }
    }

    static float relu(float x) {
        return x > 0 ? x : 0f;
    }

    static float hardSwish(float x) {
        return x * Math.min(Math.max(x + 3f, 0f), 6f) / 6f;
    }
}
