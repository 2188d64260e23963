package io.blurfilter.engine.kernels.vector;

import static io.blurfilter.engine.kernels.vector.Lanes.L;
import static io.blurfilter.engine.kernels.vector.Lanes.S;

import io.blurfilter.engine.kernels.ConvParams;
import io.blurfilter.engine.kernels.plain.PlainDepthwise;
import io.blurfilter.engine.runtime.SplittableLayer;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;

/**
 * Depthwise convolution over NHWC, vectorized over channels. An interior output row is cut into
 * "units", each one vector of output: one channel vector of one pixel when C is a multiple of the
 * vector length, or L/C whole pixels when C divides it (stride 1 only, e.g. 8 channels). Four units
 * run at once, each keeping its accumulator in a register over all taps in a single flattened loop
 * (JDK 17 boxes a vector carried through nested loops). Where edge pixels would be many (5x5 windows
 * on 14x14 and 7x7 maps) the image is first copied into a zero-padded scratch so every pixel is
 * interior; elsewhere edge pixels check each tap. Sums are stored raw; the activation runs per row.
 */
final class VectorDepthwise implements SplittableLayer {
    private final ConvParams p;
    private final int in;
    private final int out;
    private final int scratch;
    /** Weights as [tap][R] and bias as [R], R = max(C, L), repeated across pixels when C < L. */
    private final float[] w;
    private final float[] bias;
    private final int rowWidth;
    /** Tap t's C weights, for the edge pixels of narrow channel counts. */
    private final float[][] tapRows;
    private final boolean channelVectors;
    /** The image the units read: the input, or its zero-padded copy (then all rows are interior). */
    private final boolean padded;
    private final int srcH;
    private final int srcW;
    private final int srcPadTop;
    private final int srcPadLeft;
    private final int rowLo;
    private final int rowHi;
    private final int colLo;
    private final int colCovered;
    /** Tap input offsets from a unit's window origin in the source image. */
    private final int[] tapOffset;
    /**
     * Channel-vector layers only: the interior columns run as blocks of adjacent output pixels per
     * channel vector, eight at a time ({@link RowBlock#runWide}) where the window has such a kernel,
     * else four, so each weight vector is loaded once per block (and, for 3x3 and 5x5 at stride 1 and
     * 3x3 at stride 2, each input vector once). When the width is not a multiple of the block, the
     * last block overlaps the one before and rewrites a few raw sums with the same values: cheaper than
     * finishing the row with single-pixel units, whose four accumulator chains wait on FMA latency.
     * Rows narrower than four pixels (and layers with fewer channels than a vector) use units.
     */
    private final int[] blockStarts;
    private final boolean wideBlocks;
    /** The interior is exactly seven pixels wide: one {@link RowBlock#runSeven} block per row. */
    private final boolean sevenBlocks;
    /** The blocks cover the interior and apply the activation themselves (hard-swish). */
    private final boolean blocksActivate;
    private final RowBlock rowBlock;
    /** Per unit of an interior row: input and output offsets from the row's origin, weight offset. */
    private final int[] unitIn;
    private final int[] unitOut;
    private final int[] unitW;
    private final VectorActivation act;

    static boolean supports(ConvParams p) {
        return p.inC % L == 0 || (p.strideW == 1 && L % p.inC == 0);
    }

    /**
     * Pads when the edge pixels' checked taps would cost more than copying the image into a padded
     * scratch. Per tap and channel the edge path (one latency-bound accumulator) costs about 1.4 times
     * what copying one float does: fitted to x1_0's two 28x28 layers, of which the stride-1 one (108
     * edge pixels) ran 10 us faster padded and the stride-2 one (27 edge pixels, top row and left
     * column only) 10 us faster unpadded (bench/rounds/round-07.md). Counting only a fraction of edge
     * pixels had padded both.
     */
    static boolean pads(ConvParams p) {
        long interior = (long) Math.max(0, p.endInsideRow() - p.firstInsideRow())
                * Math.max(0, p.endInsideCol() - p.firstInsideCol());
        long edgeTaps = ((long) p.outH * p.outW - interior) * p.taps();
        return edgeTaps * 10 > 7L * paddedH(p) * paddedW(p);
    }

    static int scratchFloats(ConvParams p) {
        return pads(p) ? paddedH(p) * paddedW(p) * p.inC : 0;
    }

    static int paddedH(ConvParams p) {
        return Math.max(p.inH + p.padTop, (p.outH - 1) * p.strideH + (p.kH - 1) * p.dilH + 1);
    }

    static int paddedW(ConvParams p) {
        return Math.max(p.inW + p.padLeft, (p.outW - 1) * p.strideW + (p.kW - 1) * p.dilW + 1);
    }

    VectorDepthwise(ConvParams p, int in, int out, int scratch) {
        this.p = p;
        this.in = in;
        this.out = out;
        this.scratch = scratch;
        int c = p.inC;
        this.channelVectors = c % L == 0;
        this.rowWidth = Math.max(c, L);
        float[] wTapMajor = PlainDepthwise.packTapMajor(p);
        this.tapRows = new float[p.taps()][];
        for (int t = 0; t < p.taps(); t++) {
            tapRows[t] = java.util.Arrays.copyOfRange(wTapMajor, t * c, (t + 1) * c);
        }
        this.w = new float[p.taps() * rowWidth];
        this.bias = new float[rowWidth];
        for (int j = 0; j < rowWidth; j++) {
            bias[j] = p.bias[j % c];
            for (int t = 0; t < p.taps(); t++) {
                w[t * rowWidth + j] = wTapMajor[t * c + j % c];
            }
        }
        this.padded = scratch >= 0;
        this.srcH = padded ? paddedH(p) : p.inH;
        this.srcW = padded ? paddedW(p) : p.inW;
        this.srcPadTop = padded ? 0 : p.padTop;
        this.srcPadLeft = padded ? 0 : p.padLeft;
        this.rowLo = padded ? 0 : p.firstInsideRow();
        this.rowHi = padded ? p.outH : Math.max(rowLo, p.endInsideRow());
        this.colLo = padded ? 0 : p.firstInsideCol();
        int colHi = padded ? p.outW : Math.max(colLo, p.endInsideCol());
        this.tapOffset = new int[p.taps()];
        for (int ky = 0; ky < p.kH; ky++) {
            for (int kx = 0; kx < p.kW; kx++) {
                tapOffset[ky * p.kW + kx] = (ky * p.dilH * srcW + kx * p.dilW) * c;
            }
        }
        int pixelsPerUnit = channelVectors ? 1 : L / c;
        int unitsPerStep = channelVectors ? c / L : 1;
        this.act = new VectorActivation(p.act);
        this.rowBlock = new RowBlock(p, c, rowWidth, srcPadLeft, tapOffset, srcW * c, act.isHardSwish());
        int width = colHi - colLo;
        this.sevenBlocks = channelVectors && rowBlock.hasSeven() && width == RowBlock.SEVEN_PIXELS;
        this.wideBlocks = !sevenBlocks && channelVectors && rowBlock.hasWide() && width >= RowBlock.WIDE_PIXELS;
        int blockPixels = sevenBlocks ? RowBlock.SEVEN_PIXELS : wideBlocks ? RowBlock.WIDE_PIXELS : RowBlock.PIXELS;
        this.blockStarts = channelVectors && width >= RowBlock.PIXELS ? overlappingStarts(colLo, colHi, blockPixels)
                : new int[0];
        int firstUnitCol = blockStarts.length > 0 ? colHi : colLo;
        int steps = (colHi - firstUnitCol) / pixelsPerUnit;
        this.colCovered = firstUnitCol + steps * pixelsPerUnit;
        int units = steps * unitsPerStep;
        unitIn = new int[units];
        unitOut = new int[units];
        unitW = new int[units];
        int u = 0;
        for (int s = 0; s < steps; s++) {
            int ox = firstUnitCol + s * pixelsPerUnit;
            for (int v = 0; v < unitsPerStep; v++, u++) {
                int cv = channelVectors ? v * L : 0;
                unitIn[u] = (ox * p.strideW - srcPadLeft) * c + cv;
                unitOut[u] = ox * c + cv;
                unitW[u] = cv;
            }
        }
        this.blocksActivate = blockStarts.length > 0 && act.isHardSwish();
    }

    @Override
    public void forward(float[][] slots) {
        float[] x = slots[in];
        float[] y = slots[out];
        float[] src = padded ? slots[scratch] : x;
        for (int n = 0; n < p.batch; n++) {
            if (padded) {
                pad(x, n * p.inH * p.inW * p.inC, src);
            }
            rows(x, src, y, n * p.outH, (n + 1) * p.outH);
        }
    }

    /**
     * Split by output rows. A padded layer is split only for one image: {@link #prepare} pads it once
     * for all parts (the scratch holds one image).
     */
    @Override
    public int partsFor(int parallelism) {
        if (padded && p.batch > 1) {
            return 1;
        }
        return SplittableLayer.parts(parallelism, p.multiplyAdds(), p.batch * p.outH, 2);
    }

    @Override
    public void prepare(float[][] slots) {
        if (padded) {
            pad(slots[in], 0, slots[scratch]);
        }
    }

    @Override
    public void forwardPart(float[][] slots, int part, int parts) {
        int total = p.batch * p.outH;
        rows(slots[in], padded ? slots[scratch] : slots[in], slots[out], SplittableLayer.boundary(total, part, parts, 1),
                SplittableLayer.boundary(total, part + 1, parts, 1));
    }

    /**
     * Output rows [from, to) counted across the batch (row r is row r % outH of image r / outH); when
     * padded, {@code src} holds the padded copy of those rows' image.
     */
    private void rows(float[] x, float[] src, float[] y, int from, int to) {
        int c = p.inC;
        for (int r = from; r < to; r++) {
            int n = r / p.outH;
            int oy = r % p.outH;
            int xImage = n * p.inH * p.inW * c;
            int yImage = n * p.outH * p.outW * c;
            int srcImage = padded ? 0 : xImage;
            if (oy < rowLo || oy >= rowHi) {
                edge(x, xImage, y, yImage, oy, 0, p.outW);
                continue;
            }
            int yr = yImage + oy * p.outW * c;
            interiorRow(src, srcImage + (oy * p.strideH - srcPadTop) * srcW * c, y, yr);
            if (!blocksActivate) {
                act.apply(y, yr + colLo * c, yr + colCovered * c);
            }
            edge(x, xImage, y, yImage, oy, 0, colLo);
            edge(x, xImage, y, yImage, oy, colCovered, p.outW);
        }
    }

    /** Copies one image into the scratch with zero borders (re-zeroed: other layers share the slot). */
    private void pad(float[] x, int xImage, float[] dst) {
        int c = p.inC;
        int rowLen = srcW * c;
        Arrays.fill(dst, 0, p.padTop * rowLen, 0f);
        for (int iy = 0; iy < p.inH; iy++) {
            int d = (p.padTop + iy) * rowLen;
            Arrays.fill(dst, d, d + p.padLeft * c, 0f);
            System.arraycopy(x, xImage + iy * p.inW * c, dst, d + p.padLeft * c, p.inW * c);
            Arrays.fill(dst, d + (p.padLeft + p.inW) * c, d + rowLen, 0f);
        }
        Arrays.fill(dst, (p.padTop + p.inH) * rowLen, srcH * rowLen, 0f);
    }

    private void interiorRow(float[] x, int xr, float[] y, int yr) {
        for (int start : blockStarts) {
            if (sevenBlocks) {
                rowBlock.runSeven(x, xr, w, bias, y, yr, start);
            } else if (wideBlocks) {
                rowBlock.runWide(x, xr, w, bias, y, yr, start);
            } else {
                rowBlock.run(x, xr, w, bias, y, yr, start);
            }
        }
        int units = unitIn.length;
        int u = 0;
        for (; u + 4 <= units; u += 4) {
            quad(x, xr, y, yr, u);
        }
        for (; u < units; u++) {
            int xi = xr + unitIn[u];
            int wo = unitW[u];
            FloatVector acc = FloatVector.fromArray(S, bias, wo);
            for (int t = 0; t < tapOffset.length; t++) {
                acc = FloatVector.fromArray(S, x, xi + tapOffset[t]).fma(FloatVector.fromArray(S, w, t * rowWidth + wo), acc);
            }
            acc.intoArray(y, yr + unitOut[u]);
        }
    }

    /** Starts of blocks of {@code size} covering [from, to) (to - from >= size), the last one flush with to. */
    private static int[] overlappingStarts(int from, int to, int size) {
        int count = (to - from + size - 1) / size;
        int[] starts = new int[count];
        for (int i = 0; i < count; i++) {
            starts[i] = Math.min(from + i * size, to - size);
        }
        return starts;
    }

    private void quad(float[] x, int xr, float[] y, int yr, int u) {
        int i0 = xr + unitIn[u];
        int i1 = xr + unitIn[u + 1];
        int i2 = xr + unitIn[u + 2];
        int i3 = xr + unitIn[u + 3];
        int w0 = unitW[u];
        int w1 = unitW[u + 1];
        int w2 = unitW[u + 2];
        int w3 = unitW[u + 3];
        FloatVector a0 = FloatVector.fromArray(S, bias, w0);
        FloatVector a1 = FloatVector.fromArray(S, bias, w1);
        FloatVector a2 = FloatVector.fromArray(S, bias, w2);
        FloatVector a3 = FloatVector.fromArray(S, bias, w3);
        for (int t = 0; t < tapOffset.length; t++) {
            int to = tapOffset[t];
            int tw = t * rowWidth;
            a0 = FloatVector.fromArray(S, x, i0 + to).fma(FloatVector.fromArray(S, w, tw + w0), a0);
            a1 = FloatVector.fromArray(S, x, i1 + to).fma(FloatVector.fromArray(S, w, tw + w1), a1);
            a2 = FloatVector.fromArray(S, x, i2 + to).fma(FloatVector.fromArray(S, w, tw + w2), a2);
            a3 = FloatVector.fromArray(S, x, i3 + to).fma(FloatVector.fromArray(S, w, tw + w3), a3);
        }
        a0.intoArray(y, yr + unitOut[u]);
        a1.intoArray(y, yr + unitOut[u + 1]);
        a2.intoArray(y, yr + unitOut[u + 2]);
        a3.intoArray(y, yr + unitOut[u + 3]);
    }

    /** Output columns [from, to) of row oy straight from the unpadded input, checking every tap. */
    private void edge(float[] x, int xImage, float[] y, int yImage, int oy, int from, int to) {
        int c = p.inC;
        for (int ox = from; ox < to; ox++) {
            int yo = yImage + (oy * p.outW + ox) * c;
            if (channelVectors) {
                edgeVectors(x, xImage, oy, ox, y, yo);
            } else {
                PlainDepthwise.borderPixel(p, tapRows, x, xImage, oy, ox, y, yo, null, null);
            }
            act.apply(y, yo, yo + c);
        }
    }

    private void edgeVectors(float[] x, int xImage, int oy, int ox, float[] y, int yo) {
        int c = p.inC;
        int y0 = oy * p.strideH - p.padTop;
        int x0 = ox * p.strideW - p.padLeft;
        int kyLo = Math.max(0, ceilDiv(-y0, p.dilH));
        int kyHi = Math.min(p.kH, ceilDiv(p.inH - y0, p.dilH));
        int kxLo = Math.max(0, ceilDiv(-x0, p.dilW));
        int kxHi = Math.min(p.kW, ceilDiv(p.inW - x0, p.dilW));
        int nkx = kxHi - kxLo;
        int valid = Math.max(0, kyHi - kyLo) * Math.max(0, nkx);
        for (int cv = 0; cv < c; cv += L) {
            FloatVector acc = FloatVector.fromArray(S, bias, cv);
            // one flat loop over the valid taps (a vector carried through nested loops gets boxed),
            // stepping (ky, kx) with counters: a division per tap cost more than the FMA
            int ky = kyLo;
            int kx = kxLo;
            for (int j = 0; j < valid; j++) {
                int xo = xImage + ((y0 + ky * p.dilH) * p.inW + x0 + kx * p.dilW) * c + cv;
                acc = FloatVector.fromArray(S, x, xo)
                        .fma(FloatVector.fromArray(S, w, (ky * p.kW + kx) * rowWidth + cv), acc);
                if (++kx == kxHi) {
                    kx = kxLo;
                    ky++;
                }
            }
            acc.intoArray(y, yo + cv);
        }
    }

    private static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }
}
