package io.blurfilter.engine.kernels;

import io.blurfilter.engine.graph.ResizeMode;

/**
 * Where each output position along one axis of a Resize by an integer factor reads: output j samples
 * input position j/f (ONNX asymmetric), between input {@code lo[j]} and {@code hi[j]} with weight
 * {@code weight[j]} on {@code hi}. Made once per plan so the layers allocate nothing per run.
 */
public final class ResizeAxis {
    public final int[] lo;
    public final int[] hi;
    public final float[] weight;

    public ResizeAxis(int in, int factor, ResizeMode mode) {
        int out = Math.multiplyExact(in, factor);
        lo = new int[out];
        hi = new int[out];
        weight = new float[out];
        for (int j = 0; j < out; j++) {
            lo[j] = j / factor;
            // Past the last input pixel there is nothing to blend with: clamp, as ONNX Runtime does.
            boolean blend = mode == ResizeMode.LINEAR && lo[j] + 1 < in;
            hi[j] = blend ? lo[j] + 1 : lo[j];
            weight[j] = blend ? (float) (j % factor) / factor : 0f;
        }
    }

    /**
     * Bilinear blend of the top pair (a, b) and bottom pair (c, d). Both layouts' kernels call this so
     * they give the same bits; a zero weight copies its pixel exactly, even an infinite one.
     */
    public static float blend(float a, float b, float c, float d, float wx, float wy) {
        float top = wx == 0f ? a : a + (b - a) * wx;
        if (wy == 0f) {
            return top;
        }
        float bottom = wx == 0f ? c : c + (d - c) * wx;
        return top + (bottom - top) * wy;
    }
}
