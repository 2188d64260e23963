package io.blurfilter.engine.kernels.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.blurfilter.engine.graph.Activation;
import io.blurfilter.engine.kernels.ActivationFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The vector loops (compare and blend) give exactly the bits of their own scalar tails (Math.max and
 * Math.min) for every activation, on the values where the two could part: NaNs of both signs, signed
 * zeros, infinities, the bounds themselves and their neighbours, and clip bounds that are zeros.
 */
@EnabledIfSystemProperty(named = "blurfilter.test.vector", matches = "present")
class VectorActivationTest {
    private static final float NEGATIVE_NAN = Float.intBitsToFloat(0xffc00000);
    /** Enough calls for C2 to compile the loops (about 10^5 vector iterations). */
    private static final int COMPILED_PASSES = 3000;

    @Test
    void hardSwish() {
        check(Activation.HARD_SWISH, 0f, 0f);
    }

    @Test
    void reluAndRelu6() {
        check(Activation.RELU, 0f, 0f);
        check(Activation.RELU6, 0f, 0f);
    }

    @Test
    void hardSigmoid() {
        check(Activation.HARD_SIGMOID, 0.2f, 0.5f);
        check(Activation.HARD_SIGMOID, 1f / 6f, 0.5f);
        check(Activation.HARD_SIGMOID, 1f, 0f);
    }

    @Test
    void clipWithAnyBounds() {
        float[][] bounds = {{0f, 6f}, {-1f, 1f}, {-0f, 6f}, {-2f, 0f}, {-2f, -0f}, {0f, 0f}, {-0f, -0f}, {-0f, 0f},
            {1f, Float.POSITIVE_INFINITY}};
        for (float[] b : bounds) {
            check(Activation.CLIP, b[0], b[1]);
        }
    }

    /**
     * Every value through the scalar tail (one at a time) and through the vector loop, in varying lanes;
     * the vector pass runs until C2 has compiled it with the intrinsics (the interpreter's Java
     * fallback would agree whatever the intrinsics did).
     */
    private static void check(Activation kind, float alpha, float beta) {
        VectorActivation act = new VectorActivation(new ActivationFunction(kind, alpha, beta));
        List<Float> values = values(alpha, beta);
        int n = values.size() / Lanes.L * Lanes.L;
        float[] input = new float[n];
        float[] expected = new float[n];
        for (int i = 0; i < n; i++) {
            float[] one = {values.get(i)};
            act.apply(one, 0, 1);
            input[i] = values.get(i);
            expected[i] = one[0];
        }
        float[] run = new float[n];
        for (int pass = 0; pass < COMPILED_PASSES; pass++) {
            System.arraycopy(input, 0, run, 0, n);
            act.apply(run, 0, n);
        }
        for (int i = 0; i < n; i++) {
            int at = i;
            assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(run[i]),
                    () -> kind + "(" + alpha + ", " + beta + ") of " + input[at] + ": scalar " + expected[at]
                            + ", vector " + run[at]);
        }
    }

    private static List<Float> values(float alpha, float beta) {
        List<Float> v = new ArrayList<>(List.of(Float.NaN, NEGATIVE_NAN, 0f, -0f, Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, 1f, -1f,
                0.5f, -0.5f, 3f, -3f, 6f, -6f, 2.5f, -2.5f));
        for (float bound : new float[] {alpha, beta, -alpha, -beta, 3f, -3f, 6f, 1f, 0f}) {
            v.add(bound);
            v.add(Math.nextUp(bound));
            v.add(Math.nextDown(bound));
        }
        Random r = new Random(7);
        for (int i = 0; i < 200; i++) {
            v.add((r.nextFloat() - 0.5f) * 20f);
        }
        return v;
    }
}
