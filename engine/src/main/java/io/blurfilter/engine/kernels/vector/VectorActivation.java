package io.blurfilter.engine.kernels.vector;

import io.blurfilter.engine.graph.Activation;
import io.blurfilter.engine.kernels.fast.FusedActivation;
import jdk.incubator.vector.FloatVector;

/**
 * A fused activation applied to accumulators before they are stored. Kinds without a cheap exact
 * vector form (sigmoid) are left as they are here and applied after the store by {@link #finish}.
 */
final class VectorActivation {
    private static final float SIXTH = 1f / 6f;

    private final FusedActivation scalar;
    private final Activation kind;
    private final float alpha;
    private final float beta;
    private final boolean inVector;

    VectorActivation(FusedActivation scalar) {
        this.scalar = scalar;
        this.kind = scalar.kind();
        this.alpha = scalar.alpha();
        this.beta = scalar.beta();
        this.inVector = kind != Activation.SIGMOID;
    }

    FloatVector apply(FloatVector v) {
        switch (kind) {
            case RELU:
                return v.max(0f);
            case RELU6:
                return v.max(0f).min(6f);
            case HARD_SWISH:
                return v.mul(v.add(3f).max(0f).min(6f)).mul(SIXTH);
            case HARD_SIGMOID:
                return v.mul(alpha).add(beta).max(0f).min(1f);
            case CLIP:
                return v.max(alpha).min(beta);
            default:
                return v;
        }
    }

    /** Applies what {@link #apply} could not, to values already stored. */
    void finish(float[] a, int from, int to) {
        if (!inVector) {
            scalar.apply(a, from, to);
        }
    }
}
