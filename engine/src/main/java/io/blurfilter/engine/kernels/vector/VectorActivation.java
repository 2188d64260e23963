package io.blurfilter.engine.kernels.vector;

import static io.blurfilter.engine.kernels.vector.Lanes.L;
import static io.blurfilter.engine.kernels.vector.Lanes.S;

import io.blurfilter.engine.graph.Activation;
import io.blurfilter.engine.kernels.ActivationFunction;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * A fused activation applied in place to a run of freshly stored outputs (still in L1). It works on
 * arrays, not on vectors handed over by the caller: a vector passed to a method C2 does not inline
 * is boxed and loses its intrinsics, which made every store ten times slower. Kinds without a cheap
 * exact vector form (sigmoid) run the scalar loop.
 *
 * <p>Clamps compare and blend instead of calling {@code FloatVector.max}/{@code min}: to give Java's
 * answers for NaN and signed zeros, C2 compiles each of those into a max or min plus three blends and a
 * NaN compare on AVX2 (hard-swish took 2.5 ns per vector). "At or below the lower bound takes the
 * bound, at or above the upper bound takes it" gives Math.max/min's bits, NaN included, whenever the
 * lower bound is not -0 and the upper not +0; such clips run the scalar loop. The comparison operators
 * are constants in the code: the intrinsics need them so.
 */
final class VectorActivation {
    private static final float SIXTH = 1f / 6f;

    private final ActivationFunction scalar;
    private final Activation kind;
    private final float alpha;
    private final float beta;
    /** Whether a clip's bounds suit {@link #clamp} (else: equal zeros of the other sign would flip). */
    private final boolean vectorClip;

    VectorActivation(ActivationFunction scalar) {
        this.scalar = scalar;
        this.kind = scalar.kind;
        this.alpha = scalar.alpha;
        this.beta = scalar.beta;
        this.vectorClip = !isSignedZero(alpha, true) && !isSignedZero(beta, false);
    }

    private static boolean isSignedZero(float f, boolean negative) {
        return Float.floatToRawIntBits(f) == Float.floatToRawIntBits(negative ? -0f : 0f);
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
                if (vectorClip) {
                    clamp(a, from, to, alpha, beta);
                } else {
                    scalar.applyFused(a, from, to);
                }
                return;
            case HARD_SIGMOID:
                hardSigmoid(a, from, to);
                return;
            default:
                scalar.applyFused(a, from, to);
        }
    }

    private static void hardSwish(float[] a, int from, int to) {
        int i = from;
        for (; i + L <= to; i += L) {
            FloatVector v = FloatVector.fromArray(S, a, i);
            FloatVector t = v.add(3f);
            t = t.blend(0f, t.compare(VectorOperators.LE, 0f));
            v.mul(t.blend(6f, t.compare(VectorOperators.GE, 6f))).mul(SIXTH).intoArray(a, i);
        }
        for (; i < to; i++) {
            float v = a[i];
            a[i] = v * Math.min(Math.max(v + 3f, 0f), 6f) * SIXTH;
        }
    }

    /** Bounds as {@link #vectorClip} requires. */
    private static void clamp(float[] a, int from, int to, float lo, float hi) {
        int i = from;
        for (; i + L <= to; i += L) {
            FloatVector t = FloatVector.fromArray(S, a, i);
            t = t.blend(lo, t.compare(VectorOperators.LE, lo));
            t.blend(hi, t.compare(VectorOperators.GE, hi)).intoArray(a, i);
        }
        for (; i < to; i++) {
            a[i] = Math.min(Math.max(a[i], lo), hi);
        }
    }

    private void hardSigmoid(float[] a, int from, int to) {
        int i = from;
        for (; i + L <= to; i += L) {
            FloatVector t = FloatVector.fromArray(S, a, i).mul(alpha).add(beta);
            t = t.blend(0f, t.compare(VectorOperators.LE, 0f));
            t.blend(1f, t.compare(VectorOperators.GE, 1f)).intoArray(a, i);
        }
        for (; i < to; i++) {
            a[i] = Math.min(Math.max(alpha * a[i] + beta, 0f), 1f);
        }
    }
}
