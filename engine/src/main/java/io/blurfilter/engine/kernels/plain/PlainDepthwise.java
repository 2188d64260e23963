package io.blurfilter.engine.kernels.plain;

import io.blurfilter.engine.kernels.ActivationFunction;
import io.blurfilter.engine.kernels.ConvParams;
import io.blurfilter.engine.runtime.SplittableLayer;

/**
 * Depthwise convolution over NHWC: for every output pixel, each tap adds a contiguous run of channels
 * times that tap's channel weights (packed [tap][C]), a loop the JIT vectorizes. Pixels whose window
 * lies inside the input use precomputed tap offsets; the border checks every tap.
 */
public final class PlainDepthwise implements SplittableLayer {
    private final ConvParams p;
    private final int in;
    private final int out;
    private final int scratch;
    private final int inputScratch;
    /**
     * Interior runs are done a segment of up to {@link #segmentPixels} pixels at a time: per tap, the
     * segment's input is copied to a scratch row and one long loop multiplies it by the tap's weights
     * repeated once per pixel (tapRows), so the vectorized loop is segment-long rather than C-long
     * and the copies are one per tap (stride 1) instead of one per pixel and tap.
     */
    private final float[][] tapRows;
    private final int segmentPixels;
    private final int[] tapOffset;
    private final ActivationFunction act;

    public PlainDepthwise(ConvParams p, int in, int out, int scratch, int inputScratch) {
        this.p = p;
        this.in = in;
        this.out = out;
        this.scratch = scratch;
        this.inputScratch = inputScratch;
        float[] w = packTapMajor(p);
        this.segmentPixels = segmentPixels(p);
        int len = segmentPixels * p.inC;
        this.tapRows = new float[p.taps()][len];
        for (int t = 0; t < p.taps(); t++) {
            for (int j = 0; j < len; j++) {
                tapRows[t][j] = w[t * p.inC + j % p.inC];
            }
        }
        this.tapOffset = tapOffsets(p);
        this.act = p.act;
    }

    /** Weights as [tap][C]: one contiguous channel vector per tap. */
    public static float[] packTapMajor(ConvParams p) {
        int taps = p.taps();
        int c = p.inC;
        float[] w = new float[taps * c];
        for (int ch = 0; ch < c; ch++) {
            for (int t = 0; t < taps; t++) {
                w[t * c + ch] = p.weight[ch * taps + t];
            }
        }
        return w;
    }

    /** Offset of each tap's input pixel from the window origin, in floats of an NHWC image. */
    public static int[] tapOffsets(ConvParams p) {
        int[] off = new int[p.taps()];
        for (int ky = 0; ky < p.kH; ky++) {
            for (int kx = 0; kx < p.kW; kx++) {
                off[ky * p.kW + kx] = (ky * p.dilH * p.inW + kx * p.dilW) * p.inC;
            }
        }
        return off;
    }

    /** Pixels per interior segment: about 1024 floats of channels (L1-resident rows), at least one. */
    private static int segmentPixels(ConvParams p) {
        return Math.max(1, 1024 / p.inC);
    }

    /** One segment row: the accumulators (the first scratch) or a copy of one tap's input (the second). */
    public static int scratchFloats(ConvParams p) {
        return segmentPixels(p) * p.inC;
    }

    @Override
    public void forward(float[][] slots) {
        forwardPart(slots, 0, 1);
    }

    /** Split by output rows; each part has its own two scratch rows. */
    @Override
    public int partsFor(int parallelism) {
        return SplittableLayer.parts(parallelism, p.multiplyAdds(), p.batch * p.outH, 2);
    }

    @Override
    public int[] partScratchSlots() {
        return new int[] {scratch, inputScratch};
    }

    @Override
    public void forwardPart(float[][] slots, int part, int parts) {
        float[] x = slots[in];
        float[] y = slots[out];
        float[] acc = slots[scratch];
        float[] tapInput = slots[inputScratch];
        int c = p.inC;
        int rowLo = p.firstInsideRow();
        int rowHi = p.endInsideRow();
        int colLo = Math.min(p.outW, p.firstInsideCol());
        int colHi = Math.max(colLo, p.endInsideCol());
        int total = p.batch * p.outH;
        int to = SplittableLayer.boundary(total, part + 1, parts, 1);
        for (int r = SplittableLayer.boundary(total, part, parts, 1); r < to; r++) {
            int n = r / p.outH;
            int oy = r % p.outH;
            int xImage = n * p.inH * p.inW * c;
            int yImage = n * p.outH * p.outW * c;
            boolean interior = oy >= rowLo && oy < rowHi && colHi > colLo;
            int borderTo = interior ? colLo : p.outW;
            border(x, xImage, y, yImage, oy, 0, borderTo, acc, tapInput);
            if (!interior) {
                continue;
            }
            for (int s = colLo; s < colHi; s += segmentPixels) {
                int pixels = Math.min(segmentPixels, colHi - s);
                int origin = xImage + ((oy * p.strideH - p.padTop) * p.inW + s * p.strideW - p.padLeft) * c;
                int yo = yImage + (oy * p.outW + s) * c;
                interiorSegment(x, origin, pixels, acc, tapInput, y, yo);
                act.applyFused(y, yo, yo + pixels * c);
            }
            border(x, xImage, y, yImage, oy, colHi, p.outW, acc, tapInput);
        }
    }

    private void border(float[] x, int xImage, float[] y, int yImage, int oy, int from, int to, float[] acc,
            float[] in) {
        int c = p.inC;
        for (int ox = from; ox < to; ox++) {
            int yo = yImage + (oy * p.outW + ox) * c;
            borderPixel(p, tapRows, x, xImage, oy, ox, y, yo, acc, in);
            act.applyFused(y, yo, yo + c);
        }
    }

    /**
     * {@code pixels} interior output pixels in a row. Accumulators and the tap's input copy live in two
     * scratch arrays indexed from 0, so the multiply-add loop vectorizes (JDK 17 gives up on a loop
     * whose loads and stores may alias at an unknown distance, even within one array).
     */
    private void interiorSegment(float[] x, int origin, int pixels, float[] acc, float[] in, float[] y, int yo) {
        int c = p.inC;
        int len = pixels * c;
        for (int i = 0; i < pixels; i++) {
            System.arraycopy(p.bias, 0, acc, i * c, c);
        }
        int step = p.strideW * c;
        for (int t = 0; t < tapOffset.length; t++) {
            int from = origin + tapOffset[t];
            if (p.strideW == 1) {
                System.arraycopy(x, from, in, 0, len);
            } else {
                for (int i = 0; i < pixels; i++) {
                    System.arraycopy(x, from + i * step, in, i * c, c);
                }
            }
            multiplyAdd(acc, in, tapRows[t], len);
        }
        System.arraycopy(acc, 0, y, yo, len);
    }

    /** acc[0..len) += in[0..len) * w[0..len). */
    private static void multiplyAdd(float[] acc, float[] in, float[] w, int len) {
        for (int j = 0; j < len; j++) {
            acc[j] += in[j] * w[j];
        }
    }

    /**
     * One output pixel near the edge, every tap checked, without the activation; {@code tapRows[t]}
     * starts with tap t's C weights. With scratch rows ({@code acc}, {@code in}: C floats each) each
     * inside tap's input channels are copied to {@code in} and multiplied in with {@link #multiplyAdd},
     * which the JIT vectorizes; a loop over y, x and the weights at their own offsets is not vectorized
     * on JDK 17, and the 14x14 5x5 layers have half their pixels on the border. Without ({@code null};
     * the vector kernels' narrow channel counts, 4 or fewer) the sums go straight into y. The same
     * operations in the same order either way.
     */
    public static void borderPixel(ConvParams p, float[][] tapRows, float[] x, int xImage, int oy, int ox,
            float[] y, int yo, float[] acc, float[] in) {
        int c = p.inC;
        boolean scratch = acc != null;
        System.arraycopy(p.bias, 0, scratch ? acc : y, scratch ? 0 : yo, c);
        for (int ky = 0; ky < p.kH; ky++) {
            int iy = oy * p.strideH - p.padTop + ky * p.dilH;
            if (iy < 0 || iy >= p.inH) {
                continue;
            }
            for (int kx = 0; kx < p.kW; kx++) {
                int ix = ox * p.strideW - p.padLeft + kx * p.dilW;
                if (ix < 0 || ix >= p.inW) {
                    continue;
                }
                int xo = xImage + (iy * p.inW + ix) * c;
                float[] w = tapRows[ky * p.kW + kx];
                if (scratch) {
                    System.arraycopy(x, xo, in, 0, c);
                    multiplyAdd(acc, in, w, c);
                } else {
                    for (int ch = 0; ch < c; ch++) {
                        y[yo + ch] += x[xo + ch] * w[ch];
                    }
                }
            }
        }
        if (scratch) {
            System.arraycopy(acc, 0, y, yo, c);
        }
    }
}
