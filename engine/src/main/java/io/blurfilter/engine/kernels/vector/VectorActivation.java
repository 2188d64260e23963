package io.blurfilter.engine.kernels.vector;

import static io.blurfilter.engine.kernels.vector.Lanes.L;
import static io.blurfilter.engine.kernels.vector.Lanes.S;

import io.blurfilter.engine.graph.Activation;
import io.blurfilter.engine.kernels.fast.FusedActivation;
import jdk.incubator.vector.FloatVector;

/**
 * A fused activation applied in place to a run of freshly stored outputs (still in L1). It works on
 * arrays, not on vectors handed over by the caller: a vector passed to a method C2 does not inline
 * is boxed and loses its intrinsics, which made every store ten times slower. Kinds without a cheap
 * exact vector form (sigmoid) run the scalar loop.
 */
final class VectorActivation {
    private static final float SIXTH = 1f / 6f;

    private final FusedActivation scalar;
    private final Activation kind;
    private final float alpha;
    private final float beta;

    VectorActivation(FusedActivation scalar) {
        this.scalar = scalar;
        this.kind = scalar.kind();
        this.alpha = scalar.alpha();
        this.beta = scalar.beta();
    }

    boolean isHardSwish() {
        return kind == Activation.HARD_SWISH;
    }

    void apply(float[] a, int from, int to) {
        switch (kind) {
            case NONE:
                return;
            case HARD_SWISH:
                hardSwish(a, from, to);
                return;
            case RELU:
                clamp(a, from, to, 0f, Float.POSITIVE_INFINITY);
                return;
            case RELU6:
                clamp(a, from, to, 0f, 6f);
                return;
            case CLIP:
                clamp(a, from, to, alpha, beta);
                return;
            case HARD_SIGMOID:
                hardSigmoid(a, from, to);
                return;
            default:
                scalar.apply(a, from, to);
        }
    }

    private static void hardSwish(float[] a, int from, int to) {
        int i = from;
        for (; i + L <= to; i += L) {
            FloatVector v = FloatVector.fromArray(S, a, i);
            v.mul(v.add(3f).max(0f).min(6f)).mul(SIXTH).intoArray(a, i);
        }
        for (; i < to; i++) {
            float v = a[i];
            a[i] = v * Math.min(Math.max(v + 3f, 0f), 6f) * SIXTH;
        }
    }

    private static void clamp(float[] a, int from, int to, float lo, float hi) {
        int i = from;
        for (; i + L <= to; i += L) {
            FloatVector.fromArray(S, a, i).max(lo).min(hi).intoArray(a, i);
        }
        for (; i < to; i++) {
            a[i] = Math.min(Math.max(a[i], lo), hi);
        }
    }

    private void hardSigmoid(float[] a, int from, int to) {
        int i = from;
        for (; i + L <= to; i += L) {
            FloatVector.fromArray(S, a, i).mul(alpha).add(beta).max(0f).min(1f).intoArray(a, i);
        }
        for (; i < to; i++) {
            a[i] = Math.min(Math.max(alpha * a[i] + beta, 0f), 1f);
        }
    }
}
