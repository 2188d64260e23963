package io.blurfilter.engine.kernels.plain;

import io.blurfilter.engine.kernels.ActivationFunction;
import io.blurfilter.engine.kernels.ConvParams;
import io.blurfilter.engine.runtime.SplittableLayer;

/**
 * 1x1 convolution over NHWC as Y[p, :] = B + sum_c X[p, c] W[c, :], four input channels per pass,
 * in chunks of {@link #K_CHUNK} input channels over all the pixels.
 * The innermost loop runs over contiguous output channels, written so that HotSpot's auto-vectorizer
 * accepts it: every array in it is indexed from 0 by the same loop variable (one weight row per input
 * channel, a scratch accumulator row), because JDK 17 gives up on a loop whose stores and loads may
 * alias at unknown distances (y[yo + o] against w[w0 + o]); that alone made it four times slower.
 */
final class PlainPointwise implements SplittableLayer {
    /**
     * Input channels per pass over the pixels: their weight rows (32 x N floats) stay in L1 while every
     * pixel uses them, instead of all K rows streaming from L2 once per pixel. 5-20% faster for K of
     * 128 to 512 (bench/rounds/round-09.md). A multiple of four, so the passes of four stay aligned.
     */
    private static final int K_CHUNK = 32;
    private final int in;
    private final int out;
    private final int scratch;
    private final int pixels;
    private final int k;
    private final int n;
    private final float[][] rows;
    private final float[] bias;
    private final ActivationFunction act;

    PlainPointwise(ConvParams p, int in, int out, int scratch) {
        this.in = in;
        this.out = out;
        this.scratch = scratch;
        this.pixels = p.inputPixels();
        this.k = p.inC;
        this.n = p.outC;
        int padded = (k + 3) / 4 * 4;
        this.rows = new float[padded][n]; // rows past k stay zero, so the loop always takes four
        for (int o = 0; o < n; o++) {
            for (int c = 0; c < k; c++) {
                rows[c][o] = p.weight[o * k + c];
            }
        }
        this.bias = p.bias;
        this.act = p.act;
    }

    static int scratchFloats(ConvParams p) {
        return p.outC;
    }

    @Override
    public void forward(float[][] slots) {
        forwardPart(slots, 0, 1);
    }

    /** Split by pixels; each part accumulates in its own scratch row. */
    @Override
    public int partsFor(int parallelism) {
        return SplittableLayer.parts(parallelism, (long) pixels * k * n, pixels, 4);
    }

    @Override
    public int[] partScratchSlots() {
        return new int[] {scratch};
    }

    @Override
    public void forwardPart(float[][] slots, int part, int parts) {
        float[] x = slots[in];
        float[] y = slots[out];
        float[] acc = slots[scratch];
        int from = SplittableLayer.boundary(pixels, part, parts, 1);
        int to = SplittableLayer.boundary(pixels, part + 1, parts, 1);
        for (int c0 = 0; c0 < k; c0 += K_CHUNK) {
            int c1 = Math.min(k, c0 + K_CHUNK);
            for (int px = from; px < to; px++) {
                int yo = px * n;
                // later chunks resume from the sums stored after the one before: the same values
                System.arraycopy(c0 == 0 ? bias : y, c0 == 0 ? 0 : yo, acc, 0, n);
                int xo = px * k;
                for (int c = c0; c < c1; c += 4) {
                    float x0 = x[xo + c];
                    float x1 = c + 1 < k ? x[xo + c + 1] : 0f;
                    float x2 = c + 2 < k ? x[xo + c + 2] : 0f;
                    float x3 = c + 3 < k ? x[xo + c + 3] : 0f;
                    accumulate(acc, x0, rows[c], x1, rows[c + 1], x2, rows[c + 2], x3, rows[c + 3]);
                }
                System.arraycopy(acc, 0, y, yo, n);
                if (c1 == k) {
                    act.applyFused(y, yo, yo + n);
                }
            }
        }
    }

    private void accumulate(float[] acc, float x0, float[] r0, float x1, float[] r1, float x2, float[] r2, float x3,
            float[] r3) {
        for (int o = 0; o < n; o++) {
            acc[o] += x0 * r0[o] + x1 * r1[o] + x2 * r2[o] + x3 * r3[o];
        }
    }
}
