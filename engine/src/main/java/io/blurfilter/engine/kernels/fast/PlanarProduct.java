package io.blurfilter.engine.kernels.fast;

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
    /** Planes, rounded up to a multiple of four; the caller keeps the planes past its own at zero. */
    private final int planes;
    /** weights[o][e], zero past the caller's planes. */
    private final float[][] weights;
    private final float[] bias;

    /** {@code weight.get(o, e)} for {@code n} outputs and {@code used} planes. */
    PlanarProduct(int n, int used, WeightSource weight, float[] bias) {
        this.n = n;
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

    int planes() {
        return planes;
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

    /** A copy of a layer's scratch slots, checked against {@link #scratchFloats}' count. */
    int[] scratchSlots(int[] scratch) {
        if (scratch.length != planes + 1) {
            throw new IllegalArgumentException("expected " + (planes + 1) + " scratch slots, got " + scratch.length);
        }
        return scratch.clone();
    }

    /**
     * Pixels [0, count) of the planes in slots[planeSlot[0..planes)] into y from {@code yStart}, pixel
     * i's n outputs at yStart + i * n; {@code acc} is a scratch array of at least {@code count} floats.
     */
    void run(float[][] slots, int[] planeSlot, float[] acc, int count, float[] y, int yStart) {
        for (int o = 0; o < n; o++) {
            float[] wo = weights[o];
            Arrays.fill(acc, 0, count, bias[o]);
            for (int e = 0; e < planes; e += 4) {
                accumulate(acc, count, wo[e], slots[planeSlot[e]], wo[e + 1], slots[planeSlot[e + 1]], wo[e + 2],
                        slots[planeSlot[e + 2]], wo[e + 3], slots[planeSlot[e + 3]]);
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
