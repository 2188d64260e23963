package io.blurfilter.engine.kernels.fast;

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
    private final float[] w;
    /**
     * Interior runs are done a segment of up to {@link #segmentPixels} pixels at a time: per tap, the
     * segment's input is copied to a scratch row and one long loop multiplies it by the tap's weights
     * repeated once per pixel (tapRows), so the vectorized loop is segment-long rather than C-long
     * and the copies are one per tap (stride 1) instead of one per pixel and tap.
     */
    private final float[][] tapRows;
    private final int segmentPixels;
    private final int[] tapOffset;
    private final FusedActivation act;

    public PlainDepthwise(ConvParams p, int in, int out, int scratch, int inputScratch) {
        this.p = p;
        this.in = in;
        this.out = out;
        this.scratch = scratch;
        this.inputScratch = inputScratch;
        this.w = packTapMajor(p);
        this.segmentPixels = segmentPixels(p);
        int len = segmentPixels * p.inC;
        this.tapRows = new float[p.taps()][len];
        for (int t = 0; t < p.taps(); t++) {
            for (int j = 0; j < len; j++) {
                tapRows[t][j] = w[t * p.inC + j % p.inC];
            }
        }
        this.tapOffset = tapOffsets(p);
        this.act = new FusedActivation(p.act);
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
                act.apply(y, yo, yo + pixels * c);
            }
            border(x, xImage, y, yImage, oy, colHi, p.outW, acc, tapInput);
        }
    }

    /**
     * Output pixels [from, to) of row oy, each tap inside the input checked: per tap the pixel's input
     * channels are copied to a scratch row and multiplied in with {@link #multiplyAdd}, which the JIT
     * vectorizes. (A loop over y, x and w at their own offsets, as in {@link #borderPixel}, is not
     * vectorized on JDK 17; the 14x14 5x5 layers have half their pixels on the border and spent most
     * of their time there.) Same operations in the same order as {@link #borderPixel}.
     */
    private void border(float[] x, int xImage, float[] y, int yImage, int oy, int from, int to, float[] acc,
            float[] in) {
        int c = p.inC;
        for (int ox = from; ox < to; ox++) {
            int yo = yImage + (oy * p.outW + ox) * c;
            System.arraycopy(p.bias, 0, acc, 0, c);
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
                    System.arraycopy(x, xImage + (iy * p.inW + ix) * c, in, 0, c);
                    multiplyAdd(acc, in, tapRows[ky * p.kW + kx], c);
                }
            }
            System.arraycopy(acc, 0, y, yo, c);
            act.apply(y, yo, yo + c);
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
     * Channels [from, to) of one output pixel with every tap bounds-checked (pixels near the edge),
     * without the activation. Shared with the vector kernels, which use it for their borders.
     */
    public static void borderPixel(ConvParams p, float[] w, float[] x, int xImage, int oy, int ox, float[] y,
            int yo, int from, int to) {
        int c = p.inC;
        System.arraycopy(p.bias, from, y, yo + from, to - from);
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
                int wo = (ky * p.kW + kx) * c;
                for (int ch = from; ch < to; ch++) {
                    y[yo + ch] += x[xo + ch] * w[wo + ch];
                }
            }
        }
    }
}
