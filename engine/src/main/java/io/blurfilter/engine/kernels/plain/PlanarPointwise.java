package io.blurfilter.engine.kernels.plain;

import io.blurfilter.engine.kernels.ActivationFunction;
import io.blurfilter.engine.kernels.ConvParams;
import io.blurfilter.engine.runtime.SplittableLayer;

/**
 * 1x1 convolution over NHWC for layers with few output channels (PP-LCNet's first pointwise layers:
 * up to 32 channels in x0_25, up to 64 in x1_0). {@link PlainPointwise} loops over the output
 * channels, which C2 runs scalar or with short vector loops at these counts; here blocks of pixels are
 * taken instead, each input channel gathered into a plane of the block, and {@link PlanarProduct} sums
 * along the block's pixels. Per pixel and channel the sums are PlainPointwise's (bias, then four input
 * channels per pass). JDK 17, x1_0 and x0_25 (bench/rounds/round-09.md): 8 to 16 channels 0.73 to
 * 0.18-0.23 ms, 16 to 32 1.45 to 1.1 ms, 64 outputs 10-20% faster; 128 outputs were 15-30% slower.
 */
final class PlanarPointwise implements SplittableLayer {
    /** Output channels up to which the planes pay for their gather and scatter (measured, see above). */
    static final int MAX_OUTPUTS = 64;
    /**
     * Pixels per block: the block's planes stay in L2 (128 input channels x 256 pixels = 128 KB).
     * Blocks of 64 to 512 pixels measured within noise; blocks small enough to keep 64 planes in L1 were
     * slower.
     */
    private static final int BLOCK = 256;

    private final int in;
    private final int out;
    private final int pixels;
    private final int k;
    private final int n;
    /** Scratch slots: one plane per input channel, then the accumulator. */
    private final int[] scratch;
    private final PlanarProduct product;
    private final ActivationFunction act;

    /** Few outputs, few inputs (each one a scratch plane) and enough pixels to fill blocks. */
    static boolean suits(ConvParams p) {
        return p.outC <= MAX_OUTPUTS && p.inC <= 2 * MAX_OUTPUTS && p.inputPixels() >= BLOCK;
    }

    PlanarPointwise(ConvParams p, int in, int out, int[] scratch) {
        this.in = in;
        this.out = out;
        this.pixels = p.inputPixels();
        this.k = p.inC;
        this.n = p.outC;
        this.product = new PlanarProduct(n, k, (o, c) -> p.weight[o * k + c], p.bias);
        this.scratch = product.scratchSlots(scratch);
        this.act = p.act;
    }

    /** A block of pixels for each plane and for the accumulator. */
    static int[] scratchFloats(ConvParams p) {
        return PlanarProduct.scratchFloats(p.inC, Math.min(BLOCK, p.inputPixels()));
    }

    @Override
    public int partsFor(int parallelism) {
        return SplittableLayer.parts(parallelism, (long) pixels * k * n, pixels, BLOCK);
    }

    @Override
    public int[] partScratchSlots() {
        return scratch.clone();
    }

    @Override
    public void forwardPart(float[][] slots, int part, int parts) {
        product.clearPadding(slots, scratch, Math.min(BLOCK, pixels));
        float[] x = slots[in];
        float[] y = slots[out];
        int to = SplittableLayer.boundary(pixels, part + 1, parts, BLOCK);
        for (int b = SplittableLayer.boundary(pixels, part, parts, BLOCK); b < to; b += BLOCK) {
            int count = Math.min(BLOCK, to - b);
            for (int c = 0; c < k; c++) {
                float[] plane = slots[scratch[c]];
                for (int i = 0, xi = b * k + c; i < count; i++, xi += k) {
                    plane[i] = x[xi];
                }
            }
            product.run(slots, scratch, count, y, b * n);
            act.applyFused(y, b * n, (b + count) * n);
        }
    }
}
