package io.blurfilter.engine.kernels.plain;

import java.util.Arrays;

/**
 * Output channels summed along a run of pixels from input planes, then scattered into NHWC: for each
 * output channel o and pixel i, y[yStart + i * n + o] = bias[o] + sum over planes e of plane e[i] *
 * weights[o][e], four planes per pass in plane order. A plane is one input value per pixel of the run
 * (an input channel, or a convolution window element), each in a scratch array of its own indexed from
 * 0: C2 vectorizes a loop only over such arrays (see {@link PlainPointwise}), and this loop runs along
 * the pixels, so it vectorizes however few channels there are. Layers with few output channels (the
 * stem, pointwise layers up to 64) use it; wide ones vectorize along their channels instead.
 */
final class PlanarProduct {
    /** Output channels. */
    private final int n;
    /** The caller's planes. */
    private final int used;
    /** Planes, rounded up to a multiple of four; those past the caller's are zero ({@link #clearPadding}). */
    private final int planes;
    /** weights[o][e], zero past the caller's planes. */
    private final float[][] weights;
    private final float[] bias;

    /** {@code weight.get(o, e)} for {@code n} outputs and {@code used} planes. */
    PlanarProduct(int n, int used, WeightSource weight, float[] bias) {
        this.n = n;
        this.used = used;
        this.planes = paddedPlanes(used);
        this.weights = new float[n][planes];
        for (int o = 0; o < n; o++) {
            for (int e = 0; e < used; e++) {
                weights[o][e] = weight.get(o, e);
            }
        }
        this.bias = bias;
    }

    /** The weight of plane {@code e} for output channel {@code o}. */
    interface WeightSource {
        float get(int o, int e);
    }

    /** {@code used} rounded up to a multiple of four. */
    private static int paddedPlanes(int used) {
        return (used + 3) / 4 * 4;
    }

    /**
     * Floats of each scratch slot a layer using this needs for {@code used} planes of {@code length}
     * pixels: the planes (rounded up to a multiple of four), then the accumulator.
     */
    static int[] scratchFloats(int used, int length) {
        int[] floats = new int[paddedPlanes(used) + 1];
        Arrays.fill(floats, length);
        return floats;
    }

    /**
     * Zeroes the first {@code length} floats of the planes past the caller's (a scratch slot may hold
     * another layer's values, and NaN times a zero weight is NaN); once per call of the layer.
     */
    void clearPadding(float[][] slots, int[] scratch, int length) {
        for (int e = used; e < planes; e++) {
            Arrays.fill(slots[scratch[e]], 0, length, 0f);
        }
    }

    /** A copy of a layer's scratch slots, checked against {@link #scratchFloats}' count. */
    int[] scratchSlots(int[] scratch) {
        if (scratch.length != planes + 1) {
            throw new IllegalArgumentException("expected " + (planes + 1) + " scratch slots, got " + scratch.length);
        }
        return scratch.clone();
    }

    /**
     * Pixels [0, count) of the planes in slots[scratch[0..planes)] into y from {@code yStart}, pixel i's
     * n outputs at yStart + i * n, summed in the accumulator slot that follows the planes.
     */
    void run(float[][] slots, int[] scratch, int count, float[] y, int yStart) {
        float[] acc = slots[scratch[planes]];
        for (int o = 0; o < n; o++) {
            float[] wo = weights[o];
            Arrays.fill(acc, 0, count, bias[o]);
            for (int e = 0; e < planes; e += 4) {
                accumulate(acc, count, wo[e], slots[scratch[e]], wo[e + 1], slots[scratch[e + 1]], wo[e + 2],
                        slots[scratch[e + 2]], wo[e + 3], slots[scratch[e + 3]]);
            }
            for (int i = 0, yi = yStart + o; i < count; i++, yi += n) {
                y[yi] = acc[i];
            }
        }
    }

    private static void accumulate(float[] acc, int count, float w0, float[] x0, float w1, float[] x1, float w2,
            float[] x2, float w3, float[] x3) {
        for (int i = 0; i < count; i++) {
            acc[i] += x0[i] * w0 + x1[i] * w1 + x2[i] * w2 + x3[i] * w3;
        }
    }
}
