package io.blurfilter.engine.kernels.vector;

import static io.blurfilter.engine.kernels.vector.Lanes.L;
import static io.blurfilter.engine.kernels.vector.Lanes.S;

import io.blurfilter.engine.kernels.ConvParams;
import io.blurfilter.engine.kernels.plain.PlainDepthwise;
import io.blurfilter.engine.runtime.SplittableLayer;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;

/**
 * 5x5 stride-1 depthwise convolution on small maps (PP-LCNet's 14x14 and 7x7 layers), NHWC in and
 * out, through a zero-padded copy of the input in channel blocks: [C / L][H][W][L], one plane of pixels
 * per channel vector. In a plane consecutive pixels are L floats apart, a constant, so the twelve
 * input loads and five weight loads of a kernel row share one index with constant displacements.
 * Reading the NHWC padded copy instead (pixels C apart), C2 computes every address and bounds check
 * apart, and the 14x14 layers ran 1.5 times slower on JDK 17 (2 times in a standalone test, JDK 25
 * alike; bench/rounds/round-05.md). The copy costs what the NHWC padding did. Eight output pixels per
 * block, a row's last block overlapping the one before (same sums rewritten), hard-swish applied in
 * registers. Results are bit-identical to {@link VectorDepthwise}: each output is its bias plus the 25
 * products in tap order. The block kernel is generated into {@link BlockedDepthwiseKernel}
 * (docs/KERNELS.md).
 */
final class BlockedDepthwise extends BlockedDepthwiseKernel implements SplittableLayer {
    private static final int PIXELS = 8;
    private final int in;
    private final int out;
    private final int scratch;
    private final int srcH;
    private final int plane;
    private final int[] blockStarts;
    private final VectorActivation act;

    /**
     * Channel vectors, a 5x5 window at stride 1 without dilation, rows of at least seven pixels (a
     * seven-pixel row computes one block of eight from a plane one column wider and stores seven).
     */
    static boolean supports(ConvParams p) {
        return p.inC % L == 0 && p.kH == K && p.kW == K && p.strideH == 1 && p.strideW == 1 && p.dilH == 1
                && p.dilW == 1 && p.outW >= PIXELS - 1;
    }

    static int scratchFloats(ConvParams p) {
        return VectorDepthwise.paddedH(p) * srcW(p) * p.inC;
    }

    /** The NHWC copy's width, or wide enough for one block of eight on a row of seven. */
    private static int srcW(ConvParams p) {
        return Math.max(VectorDepthwise.paddedW(p), PIXELS + K - 1);
    }

    BlockedDepthwise(ConvParams p, int in, int out, int scratch) {
        this(p, in, out, scratch, new VectorActivation(p.act));
    }

    private BlockedDepthwise(ConvParams p, int in, int out, int scratch, VectorActivation act) {
        super(p, srcW(p), planeWeights(p), p.bias.clone(), act.isHardSwish(), p.outW >= PIXELS);
        this.in = in;
        this.out = out;
        this.scratch = scratch;
        this.srcH = VectorDepthwise.paddedH(p);
        this.plane = srcH * srcW * L;
        int count = (p.outW + PIXELS - 1) / PIXELS;
        this.blockStarts = new int[count];
        for (int i = 0; i < count; i++) {
            blockStarts[i] = Math.max(0, Math.min(i * PIXELS, p.outW - PIXELS));
        }
        this.act = act;
    }

    /** The weights as [C / L][25][L]: each channel vector's taps in order. */
    private static float[] planeWeights(ConvParams p) {
        int c = p.inC;
        float[] tapMajor = PlainDepthwise.packTapMajor(p);
        float[] w = new float[K * K * c];
        for (int cb = 0; cb < c; cb += L) {
            for (int t = 0; t < K * K; t++) {
                System.arraycopy(tapMajor, t * c + cb, w, cb * K * K + t * L, L);
            }
        }
        return w;
    }

    @Override
    public void forward(float[][] slots) {
        for (int n = 0; n < p.batch; n++) {
            pad(slots[in], n * p.inH * p.inW * p.inC, slots[scratch]);
            rows(slots[scratch], slots[out], n, 0, p.outH);
        }
    }

    /** Split by output rows, one image only: {@link #prepare} pads it once for all parts. */
    @Override
    public int partsFor(int parallelism) {
        return p.batch > 1 ? 1 : SplittableLayer.parts(parallelism, p.multiplyAdds(), p.outH, 2);
    }

    @Override
    public void prepare(float[][] slots) {
        pad(slots[in], 0, slots[scratch]);
    }

    @Override
    public void forwardPart(float[][] slots, int part, int parts) {
        rows(slots[scratch], slots[out], 0, SplittableLayer.boundary(p.outH, part, parts, 1),
                SplittableLayer.boundary(p.outH, part + 1, parts, 1));
    }

    /** Image {@code n}'s input into the channel planes, borders zeroed (again: the slot is shared). */
    private void pad(float[] x, int xImage, float[] dst) {
        int c = p.inC;
        int rowLen = srcW * L;
        int left = p.padLeft * L;
        int right = (srcW - p.padLeft - p.inW) * L;
        for (int cb = 0; cb < c; cb += L) {
            int planeStart = (cb / L) * plane;
            Arrays.fill(dst, planeStart, planeStart + p.padTop * rowLen, 0f);
            for (int iy = 0; iy < p.inH; iy++) {
                int row = planeStart + (p.padTop + iy) * rowLen;
                Arrays.fill(dst, row, row + left, 0f);
                int from = xImage + iy * p.inW * c + cb;
                for (int ix = 0, to = row + left; ix < p.inW; ix++, from += c, to += L) {
                    FloatVector.fromArray(S, x, from).intoArray(dst, to);
                }
                Arrays.fill(dst, row + rowLen - right, row + rowLen, 0f);
            }
            Arrays.fill(dst, planeStart + (p.padTop + p.inH) * rowLen, planeStart + plane, 0f);
        }
    }

    /** Output rows [from, to) of image {@code n} from its padded planes {@code src}. */
    private void rows(float[] src, float[] y, int n, int from, int to) {
        int c = p.inC;
        int yImage = n * p.outH * p.outW * c;
        for (int oy = from; oy < to; oy++) {
            int yr = yImage + oy * p.outW * c;
            for (int cb = 0; cb < c; cb += L) {
                int xr = (cb / L) * plane + oy * srcW * L;
                for (int ox : blockStarts) {
                    block(src, xr + ox * L, cb * K * K, y, yr + ox * c + cb, cb);
                }
            }
            if (!hardSwish) {
                act.apply(y, yr, yr + p.outW * c);
            }
        }
    }
}
