package io.blurfilter.engine.kernels.vector;

import io.blurfilter.engine.kernels.ConvParams;
import io.blurfilter.engine.runtime.SplittableLayer;

/**
 * 1x1 convolution over NHWC: the pixels are the rows of a matrix product with the packed weight.
 * Split across threads by rows (in whole six-row tile pairs), or by column blocks when there is a
 * single row (squeeze-excitation and the last conv after the global pool).
 */
final class VectorPointwise implements SplittableLayer {
    /** Rows per part are a multiple of both tile heights, so parts tile exactly like the whole. */
    private static final int ROW_ALIGN = 12;

    private final int in;
    private final int out;
    private final int pixels;
    private final long work;
    /** Panel scratch slot ({@link PackedGemm#panelFloats}), -1 for none. */
    private final int panels;
    private final PackedGemm gemm;

    VectorPointwise(ConvParams p, int in, int out, int panels) {
        this.in = in;
        this.out = out;
        this.panels = panels;
        this.pixels = p.inputPixels();
        this.work = p.multiplyAdds();
        this.gemm = new PackedGemm(p.weight, p.inC, p.outC, p.bias, new VectorActivation(p.act));
    }

    @Override
    public void forward(float[][] slots) {
        gemm.multiply(slots[in], 0, slots[out], 0, 0, pixels, panels(slots));
    }

    static int panelFloats(ConvParams p) {
        return PackedGemm.panelFloats(p.inC, p.outC, p.inputPixels());
    }

    private float[] panels(float[][] slots) {
        return panels >= 0 ? slots[panels] : null;
    }

    @Override
    public int[] partScratchSlots() {
        return panels >= 0 ? new int[] {panels} : new int[0];
    }

    @Override
    public int partsFor(int parallelism) {
        return singleRows()
                ? SplittableLayer.parts(parallelism, work, gemm.blocks(), PackedGemm.SINGLE_ROW_BLOCKS)
                : SplittableLayer.parts(parallelism, work, pixels, ROW_ALIGN);
    }

    @Override
    public void forwardPart(float[][] slots, int part, int parts) {
        if (singleRows()) {
            int from = SplittableLayer.boundary(gemm.blocks(), part, parts, PackedGemm.SINGLE_ROW_BLOCKS);
            int to = SplittableLayer.boundary(gemm.blocks(), part + 1, parts, PackedGemm.SINGLE_ROW_BLOCKS);
            for (int r = 0; r < pixels; r++) {
                gemm.singleRow(slots[in], r * gemm.k(), slots[out], r * gemm.n(), from, to);
            }
        } else {
            int from = SplittableLayer.boundary(pixels, part, parts, ROW_ALIGN);
            int to = SplittableLayer.boundary(pixels, part + 1, parts, ROW_ALIGN);
            gemm.multiply(slots[in], 0, slots[out], 0, from, to, panels(slots));
        }
    }

    /** Too few rows for a tile: {@link PackedGemm#multiply} takes them one by one across all blocks. */
    private boolean singleRows() {
        return pixels < PackedGemm.ROWS;
    }
}
