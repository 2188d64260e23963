package io.blurfilter.engine.kernels;

import io.blurfilter.engine.graph.Activation;
import io.blurfilter.engine.graph.Attributes;

/**
 * An activation with its parameters bound, applied in place to a range of an array. Formulas follow
 * the ONNX definitions (hardswish = x * relu6(x + 3) / 6, hardsigmoid = clip(alpha*x + beta, 0, 1)).
 * The reference kernels use {@link #apply(float[], int, int)}, the NHWC kernels
 * {@link #applyFused(float[], int, int)}; {@code kernels.vector.VectorActivation} is the Vector API form
 * of the latter.
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

    /**
     * Applies the activation to {@code a[from, to)} as the reference kernels define it: as
     * {@link #applyFused}, except that relu is {@code x > 0 ? x : 0}, which turns a NaN into 0.
     */
    public void apply(float[] a, int from, int to) {
        if (kind != Activation.RELU) {
            applyFused(a, from, to);
            return;
        }
        for (int i = from; i < to; i++) {
            a[i] = relu(a[i]);
        }
    }

    /**
     * Applies the activation to {@code a[from, to)}, one loop per common kind (relu, hardswish,
     * hardsigmoid) so that the JIT vectorizes them instead of switching per element, as the NHWC
     * kernels need right after they store a run of outputs. Relu here is {@code Math.max(x, 0)}, which
     * keeps a NaN where the reference's gives 0: the two have always differed there, and each family's
     * outputs keep their bits.
     */
    public void applyFused(float[] a, int from, int to) {
        switch (kind) {
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
                float alpha = this.alpha;
                float beta = this.beta;
                for (int i = from; i < to; i++) {
                    a[i] = Math.min(Math.max(alpha * a[i] + beta, 0f), 1f);
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
