package io.blurfilter.engine.kernels.plain;

import io.blurfilter.engine.kernels.ActivationFunction;
import io.blurfilter.engine.kernels.ConvParams;
import io.blurfilter.engine.runtime.SplittableLayer;
import java.util.Arrays;

/**
 * A group-1 convolution of any kernel size to NHWC, for the stem (3 input channels, so there is
 * little to gain from a matrix formulation). Reads NCHW or NHWC through per-axis strides. Per output
 * row, each window element (ky, kx, ci) is gathered into a plane of its own: the row's input values
 * under that element, zero outside the input; {@link PlanarProduct} then sums along the row. The
 * per-pixel form this replaces ran a loop over the 16 (x1_0) or 8 (x0_25) output channels, too short
 * for C2 to vectorize: 2.6-2.9 ms per stem against 0.2 ms for the Vector API kernel. Per pixel and
 * channel the sums are the same (bias, then the window elements four at a time in window order), so
 * the results are the same bits as before.
 */
final class PlainDirectConv implements SplittableLayer {
    private final ConvParams p;
    private final int in;
    private final int out;
    /** Scratch slots: one plane per window element (ky, kx, ci), then the accumulator row. */
    private final int[] scratch;
    private final PlanarProduct product;
    private final int cStride;
    private final int yStride;
    private final int xStride;
    private final int imageStride;
    private final ActivationFunction act;

    PlainDirectConv(ConvParams p, boolean nchwInput, int in, int out, int[] scratch) {
        this.p = p;
        this.in = in;
        this.out = out;
        int window = p.kH * p.kW * p.inC;
        // window element e = (ky * kW + kx) * inC + c, the order gatherRow fills the planes in
        this.product = new PlanarProduct(p.outC, window, (o, e) -> {
            int c = e % p.inC;
            int kyx = e / p.inC;
            return p.weight[((o * p.inC + c) * p.kH + kyx / p.kW) * p.kW + kyx % p.kW];
        }, p.bias);
        this.scratch = product.scratchSlots(scratch);
        this.cStride = nchwInput ? p.inH * p.inW : 1;
        this.yStride = nchwInput ? p.inW : p.inW * p.inC;
        this.xStride = nchwInput ? 1 : p.inC;
        this.imageStride = p.inC * p.inH * p.inW;
        this.act = p.act;
    }

    /** An output row for each plane and for the accumulator. */
    static int[] scratchFloats(ConvParams p) {
        return PlanarProduct.scratchFloats(p.kH * p.kW * p.inC, p.outW);
    }

    /** Split by output rows; each part gathers into its own planes. */
    @Override
    public int partsFor(int parallelism) {
        return SplittableLayer.parts(parallelism, p.multiplyAdds(), p.batch * p.outH, 2);
    }

    @Override
    public int[] partScratchSlots() {
        return scratch.clone();
    }

    @Override
    public void forwardPart(float[][] slots, int part, int parts) {
        product.clearPadding(slots, scratch, p.outW);
        int total = p.batch * p.outH;
        int to = SplittableLayer.boundary(total, part + 1, parts, 1);
        for (int r = SplittableLayer.boundary(total, part, parts, 1); r < to; r++) {
            gatherRow(slots, slots[in], r);
            outputRow(slots, slots[out], r);
        }
    }

    /** Fills the window elements' planes for output row {@code r} (counted across the batch). */
    private void gatherRow(float[][] slots, float[] x, int r) {
        int oy = r % p.outH;
        int xImage = r / p.outH * imageStride;
        int e = 0;
        for (int ky = 0; ky < p.kH; ky++) {
            int iy = oy * p.strideH - p.padTop + ky * p.dilH;
            boolean rowInside = iy >= 0 && iy < p.inH;
            for (int kx = 0; kx < p.kW; kx++) {
                int ixAtZero = kx * p.dilW - p.padLeft;
                for (int c = 0; c < p.inC; c++) {
                    float[] plane = slots[scratch[e++]];
                    if (rowInside) {
                        gather(plane, x, xImage + iy * yStride + c * cStride, ixAtZero);
                    } else {
                        Arrays.fill(plane, 0, p.outW, 0f);
                    }
                }
            }
        }
    }

    /** plane[ox] = the input at column ox * strideW + ixAtZero of the row at {@code rowBase}, 0 outside. */
    private void gather(float[] plane, float[] x, int rowBase, int ixAtZero) {
        int sw = p.strideW;
        int lo = ixAtZero >= 0 ? 0 : (-ixAtZero + sw - 1) / sw;
        int hi = p.inW - 1 - ixAtZero < 0 ? 0 : (p.inW - 1 - ixAtZero) / sw + 1;
        lo = Math.min(lo, p.outW);
        hi = Math.max(lo, Math.min(hi, p.outW));
        Arrays.fill(plane, 0, lo, 0f);
        int step = sw * xStride;
        for (int ox = lo, xi = rowBase + (lo * sw + ixAtZero) * xStride; ox < hi; ox++, xi += step) {
            plane[ox] = x[xi];
        }
        Arrays.fill(plane, hi, p.outW, 0f);
    }

    /** The row's outputs from its planes, then the activation. */
    private void outputRow(float[][] slots, float[] y, int r) {
        int yRow = r * p.outW * p.outC;
        product.run(slots, scratch, p.outW, y, yRow);
        act.applyFused(y, yRow, yRow + p.outW * p.outC);
    }
}
