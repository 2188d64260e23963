package io.blurfilter.engine.kernels.vector;

import io.blurfilter.engine.kernels.ConvParams;
import io.blurfilter.engine.runtime.SplittableLayer;

/**
 * A group-1 convolution of any window to NHWC (the stem). Interior pixels (whole window inside the
 * image) run the packed matrix-product tiles on the image in place: consecutive pixels of a row are
 * a fixed step apart and each window tap a fixed offset from the window origin, so no im2col copy is
 * made (the copy cost as much as the multiply for the 3-channel stem). Edge pixels gather their
 * windows into a small scratch matrix with zeros where the window hangs over the edge. Reads NCHW or
 * NHWC input through per-axis strides.
 */
final class VectorDirectConv implements SplittableLayer {
    private final ConvParams p;
    private final int in;
    private final int out;
    private final int scratch;
    private final int k;
    private final int cStride;
    private final int yStride;
    private final int xStride;
    private final PackedGemm gemm;
    /** Offset of each window element (ky, kx, c) from the window origin in the input. */
    private final int[] windowOffset;
    /**
     * Set for a 3-wide window at stride 2 over NCHW input (the stem): per tap row (ky, c), the image
     * offset and the weight row of its kx = 0 tap, for {@link PackedGemm#imageTileStride2}.
     */
    private final int[] tapRowX;
    private final int[] tapRowK;

    VectorDirectConv(ConvParams p, boolean nchwInput, int in, int out, int scratch) {
        this.p = p;
        this.in = in;
        this.out = out;
        this.scratch = scratch;
        this.k = p.kH * p.kW * p.inC;
        this.cStride = nchwInput ? p.inH * p.inW : 1;
        this.yStride = nchwInput ? p.inW : p.inW * p.inC;
        this.xStride = nchwInput ? 1 : p.inC;
        this.windowOffset = new int[k];
        for (int ky = 0, j = 0; ky < p.kH; ky++) {
            for (int kx = 0; kx < p.kW; kx++) {
                for (int c = 0; c < p.inC; c++, j++) {
                    windowOffset[j] = ky * p.dilH * yStride + kx * p.dilW * xStride + c * cStride;
                }
            }
        }
        if (nchwInput && p.kW == 3 && p.strideW == 2 && p.dilW == 1) {
            tapRowX = new int[p.kH * p.inC];
            tapRowK = new int[p.kH * p.inC];
            for (int ky = 0, j = 0; ky < p.kH; ky++) {
                for (int c = 0; c < p.inC; c++, j++) {
                    tapRowX[j] = ky * p.dilH * yStride + c * cStride;
                    tapRowK[j] = ky * p.kW * p.inC + c;
                }
            }
        } else {
            tapRowX = null;
            tapRowK = null;
        }
        this.gemm = new PackedGemm(windowMajor(p), k, p.outC, p.bias,
                new VectorActivation(p.act));
    }

    static int scratchFloats(ConvParams p) {
        return PackedGemm.ROWS * p.kH * p.kW * p.inC;
    }

    /** The weight as W[o][(ky * kW + kx) * inC + c], matching the gathered window order. */
    private static float[] windowMajor(ConvParams p) {
        int ci = p.inC;
        float[] w = new float[p.outC * p.kH * p.kW * ci];
        for (int o = 0; o < p.outC; o++) {
            for (int c = 0; c < ci; c++) {
                for (int t = 0; t < p.kH * p.kW; t++) {
                    w[(o * p.kH * p.kW + t) * ci + c] = p.weight[(o * ci + c) * p.kH * p.kW + t];
                }
            }
        }
        return w;
    }

    @Override
    public void forward(float[][] slots) {
        forwardPart(slots, 0, 1);
    }

    /** Split by output rows; each part gathers edge windows into its own scratch. */
    @Override
    public int partsFor(int parallelism) {
        return SplittableLayer.parts(parallelism, p.multiplyAdds(), p.batch * p.outH, 2);
    }

    @Override
    public int[] partScratchSlots() {
        return new int[] {scratch};
    }

    @Override
    public void forwardPart(float[][] slots, int part, int parts) {
        float[] x = slots[in];
        float[] y = slots[out];
        float[] a = slots[scratch];
        int perImage = p.outH * p.outW;
        int rowLo = p.firstInsideRow();
        int rowHi = p.endInsideRow();
        int colLo = Math.min(p.firstInsideCol(), p.outW);
        int colHi = Math.max(colLo, p.endInsideCol());
        int step = p.strideW * xStride;
        int total = p.batch * p.outH;
        int to = SplittableLayer.boundary(total, part + 1, parts, 1);
        for (int r = SplittableLayer.boundary(total, part, parts, 1); r < to; r++) {
            int n = r / p.outH;
            int oy = r % p.outH;
            int xImage = n * p.inC * p.inH * p.inW;
            int q0 = n * perImage + oy * p.outW;
            if (oy < rowLo || oy >= rowHi || colLo >= colHi) {
                gathered(x, a, y, q0, q0 + p.outW, perImage);
                continue;
            }
            gathered(x, a, y, q0, q0 + colLo, perImage);
            int rowOrigin = xImage + (oy * p.strideH - p.padTop) * yStride;
            for (int bl = 0; bl < gemm.blocks(); bl++) {
                // interior pixels straight from the image; a last tile overlapping the previous one
                // covers the remainder (it rewrites the same raw sums), and only rows narrower
                // than a tile go through the gather
                int rows = gemm.imageRows(bl, step);
                int ox = colLo;
                if (rows > 0 && colHi - colLo >= rows) {
                    for (; ; ox += rows) {
                        if (ox + rows > colHi) {
                            ox = colHi - rows;
                        }
                        int origin = rowOrigin + (ox * p.strideW - p.padLeft) * xStride;
                        if (tapRowX != null && gemm.blockVectors(bl) == 1) {
                            gemm.imageTileStride2(bl, x, origin, tapRowX, tapRowK, p.inC, y, (q0 + ox) * p.outC);
                        } else {
                            gemm.imageTile(bl, x, origin, step, windowOffset, y, (q0 + ox) * p.outC);
                        }
                        if (ox + rows == colHi) {
                            ox = colHi;
                            break;
                        }
                    }
                }
                for (; ox < colHi; ox++) {
                    gather(x, q0 + ox, perImage, a, 0);
                    gemm.rawRow(bl, a, 0, y, (q0 + ox) * p.outC);
                }
            }
            gemm.activate(y, (q0 + colLo) * p.outC, (q0 + colHi) * p.outC);
            gathered(x, a, y, q0 + colHi, q0 + p.outW, perImage);
        }
    }

    /** Output pixels [from, to) through gathered windows, four at a time. */
    private void gathered(float[] x, float[] a, float[] y, int from, int to, int perImage) {
        int q = from;
        for (; q + PackedGemm.ROWS <= to; q += PackedGemm.ROWS) {
            for (int r = 0; r < PackedGemm.ROWS; r++) {
                gather(x, q + r, perImage, a, r * k);
            }
            for (int bl = 0; bl < gemm.blocks(); bl++) {
                gemm.tile(bl, a, 0, y, q * p.outC);
            }
        }
        for (; q < to; q++) {
            gather(x, q, perImage, a, 0);
            for (int bl = 0; bl < gemm.blocks(); bl++) {
                gemm.row(bl, a, 0, y, q * p.outC);
            }
        }
    }

    /** Output pixel q's window into a[ao..ao+k), ordered (ky, kx, c); inside pixels skip the checks. */
    private void gather(float[] x, int q, int perImage, float[] a, int ao) {
        int n = q / perImage;
        int oy = (q % perImage) / p.outW;
        int ox = q % p.outW;
        int xImage = n * p.inC * p.inH * p.inW;
        int iy0 = oy * p.strideH - p.padTop;
        int ix0 = ox * p.strideW - p.padLeft;
        if (iy0 >= 0 && ix0 >= 0 && iy0 + (p.kH - 1) * p.dilH < p.inH && ix0 + (p.kW - 1) * p.dilW < p.inW) {
            int origin = xImage + iy0 * yStride + ix0 * xStride;
            for (int j = 0; j < k; j++) {
                a[ao + j] = x[origin + windowOffset[j]];
            }
            return;
        }
        int j = ao;
        for (int ky = 0; ky < p.kH; ky++) {
            int iy = oy * p.strideH - p.padTop + ky * p.dilH;
            boolean rowIn = iy >= 0 && iy < p.inH;
            for (int kx = 0; kx < p.kW; kx++) {
                int ix = ox * p.strideW - p.padLeft + kx * p.dilW;
                if (rowIn && ix >= 0 && ix < p.inW) {
                    int xo = xImage + iy * yStride + ix * xStride;
                    for (int c = 0; c < p.inC; c++) {
                        a[j++] = x[xo + c * cStride];
                    }
                } else {
                    for (int c = 0; c < p.inC; c++) {
                        a[j++] = 0f;
                    }
                }
            }
        }
    }
}
