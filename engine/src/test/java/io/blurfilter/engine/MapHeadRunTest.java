package io.blurfilter.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blurfilter.engine.format.ModelFile;
import io.blurfilter.engine.graph.Graph;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * One pass gives the classifier output and the map head's map: checked against the tiny head computed
 * with plain loops from the weights, on every kernel family.
 */
class MapHeadRunTest {
    private static final KernelFamily[] FAMILIES = {KernelFamily.REFERENCE, KernelFamily.PLAIN, KernelFamily.AUTO};

    @Test
    void headMapMatchesAHandComputedHeadAndClassifiesInTheSamePass() {
        ModelFile file = TinyModels.withMapHead(11);
        for (int[] size : new int[][] {{24, 40}, {20, 12}}) {
            Tensor x = TinyModels.random(new Random(size[0]), 1, 3, size[0], size[1]);
            float[] expected = referenceHead(file.graph(), x);
            int rows = (size[0] + 1) / 2;
            int cols = (size[1] + 1) / 2;
            for (KernelFamily f : FAMILIES) {
                Model m = Model.of(file, f);
                ScoreMap map = m.headMap(x);
                assertTrue(map.fromHead());
                assertEquals(rows, map.rows(), f.name());
                assertEquals(cols, map.cols(), f.name());
                assertEquals(2, map.classes());
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < cols; c++) {
                        float logit = expected[r * cols + c];
                        assertEquals(logit, map.logit(1, r, c), 1e-4f, f.name() + " cell " + r + "," + c);
                        assertEquals(0f, map.logit(0, r, c));
                        float p = (float) (1 / (1 + Math.exp(-map.logit(1, r, c))));
                        assertEquals(p, map.score(1, r, c), 1e-6f);
                        assertEquals(1 - p, map.score(0, r, c), 1e-6f);
                    }
                }
                assertArrayEquals(m.run(x).data(), map.output().data(), 0f, f.name());
            }
        }
    }

    @Test
    void cellsSitEveryStridePixelsFromPixelZero() {
        Model m = Model.of(TinyModels.withMapHead(11), KernelFamily.PLAIN);
        ScoreMap map = m.headMap(TinyModels.random(new Random(1), 1, 3, 24, 40));
        assertEquals(0.5, map.centerX(0), 1e-9);
        assertEquals(0.5 + 2 * 19, map.centerX(19), 1e-9);
        assertEquals(0.5 + 2 * 11, map.centerY(11), 1e-9);
        assertEquals(2, map.cellWidth(), 1e-9);
        assertEquals(2, map.cellHeight(), 1e-9);
    }

    @Test
    void wholeFrameMapsAreInPhotoPixels() {
        Random r = new Random(5);
        int[] argb = new int[50 * 30];
        for (int i = 0; i < argb.length; i++) {
            argb[i] = 0xff000000 | r.nextInt(1 << 24);
        }
        Model m = Model.of(TinyModels.withMapHead(11), KernelFamily.PLAIN);
        ScoreMap map = m.scoreMap(Image.ofArgb(argb, 50, 30), 32);
        assertTrue(map.fromHead());
        // short side 32, long side 53.3 rounded to 64: a 64x32 input, stride-2 cells
        assertEquals(16, map.rows());
        assertEquals(32, map.cols());
        assertEquals(0.5 * 50 / 64, map.centerX(0), 1e-9);
        assertEquals(2.0 * 50 / 64, map.cellWidth(), 1e-9);
        assertEquals(0.5 * 30 / 32, map.centerY(0), 1e-9);
        assertEquals(2.0 * 30 / 32, map.cellHeight(), 1e-9);
    }

    @Test
    void scoreMapChoosesTheHeadWhenTheFileHasOne() {
        Tensor x = TinyModels.random(new Random(2), 1, 3, 32, 32);
        Model head = Model.of(TinyModels.withMapHead(11), KernelFamily.PLAIN);
        Model plain = Model.of(TinyModels.classifier(11), KernelFamily.PLAIN);
        assertTrue(head.hasMapHead());
        assertTrue(head.hasScoreMap());
        assertFalse(plain.hasMapHead());
        ScoreMap viaHead = head.scoreMap(x);
        assertTrue(viaHead.fromHead());
        assertEquals(16, viaHead.rows());
        ScoreMap perCell = plain.scoreMap(x);
        assertFalse(perCell.fromHead());
        assertEquals(16, perCell.rows());
        assertArrayEquals(plain.run(x).data(), viaHead.output().data(), 1e-6f);
    }

    @Test
    void headMapOfAFileWithoutHeadSaysSo() {
        Model plain = Model.of(TinyModels.classifier(11), KernelFamily.PLAIN);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> plain.headMap(TinyModels.random(new Random(2), 1, 3, 32, 32)));
        assertTrue(e.getMessage().contains("has no map head"), e.getMessage());
        assertTrue(e.getMessage().contains("'output map'"), e.getMessage());
    }

    /**
     * {@link TinyModels#classifier}'s conv, BN and hardswish as plain loops: the feature map {@code a} its
     * pool averages and the map head reads.
     */
    static Conv referenceFeatures(Graph g, Tensor x) {
        int h = x.shape()[2];
        int w = x.shape()[3];
        Conv c = conv(x.data(), 3, h, w, g.weight("conv.w"), null, 2, 1);
        float[] scale = g.weight("bn.scale").data();
        float[] bias = g.weight("bn.bias").data();
        float[] mean = g.weight("bn.mean").data();
        float[] var = g.weight("bn.var").data();
        int n = c.h * c.w;
        for (int ch = 0; ch < c.c; ch++) {
            for (int i = 0; i < n; i++) {
                double v = (c.v[ch * n + i] - mean[ch]) / Math.sqrt(var[ch] + 1e-5) * scale[ch] + bias[ch];
                c.v[ch * n + i] = (float) (v * Math.min(Math.max(v + 3, 0), 6) / 6);
            }
        }
        return c;
    }

    /** The classifier's conv, BN and hardswish, then {@link TinyModels#mapHeadNodes()}, as plain loops. */
    private static float[] referenceHead(Graph g, Tensor x) {
        Conv c = referenceFeatures(g, x);
        Conv h1 = conv(c.v, c.c, c.h, c.w, g.weight("h1.w"), null, 1, 0);
        Conv h2 = conv(c.v, c.c, c.h, c.w, g.weight("h2.w"), null, 2, 1);
        float[] sum = new float[h1.v.length];
        for (int ch = 0; ch < h1.c; ch++) {
            for (int y = 0; y < h1.h; y++) {
                for (int xx = 0; xx < h1.w; xx++) {
                    double u = upsampled(h2, ch, y, xx);
                    sum[(ch * h1.h + y) * h1.w + xx] = (float) Math.max(0, h1.v[(ch * h1.h + y) * h1.w + xx] + u);
                }
            }
        }
        return conv(sum, h1.c, h1.h, h1.w, g.weight("out.w"), g.weight("out.b"), 1, 0).v;
    }

    /** Linear x2, output j at input j/2 (asymmetric), clamped at the last pixel. */
    private static double upsampled(Conv in, int ch, int y, int x) {
        int y0 = Math.min(y / 2, in.h - 1);
        int y1 = Math.min(y0 + 1, in.h - 1);
        int x0 = Math.min(x / 2, in.w - 1);
        int x1 = Math.min(x0 + 1, in.w - 1);
        double fy = y / 2.0 - y / 2;
        double fx = x / 2.0 - x / 2;
        int o = ch * in.h * in.w;
        double top = in.v[o + y0 * in.w + x0] * (1 - fx) + in.v[o + y0 * in.w + x1] * fx;
        double bottom = in.v[o + y1 * in.w + x0] * (1 - fx) + in.v[o + y1 * in.w + x1] * fx;
        return top * (1 - fy) + bottom * fy;
    }

    static final class Conv {
        final int c;
        final int h;
        final int w;
        final float[] v;

        Conv(int c, int h, int w) {
            this.c = c;
            this.h = h;
            this.w = w;
            this.v = new float[c * h * w];
        }
    }

    private static Conv conv(float[] in, int c, int h, int w, Tensor weight, Tensor bias, int stride, int pad) {
        int[] ws = weight.shape();
        int k = ws[2];
        Conv out = new Conv(ws[0], (h + 2 * pad - k) / stride + 1, (w + 2 * pad - k) / stride + 1);
        float[] wt = weight.data();
        for (int o = 0; o < out.c; o++) {
            for (int y = 0; y < out.h; y++) {
                for (int x = 0; x < out.w; x++) {
                    double acc = bias == null ? 0 : bias.data()[o];
                    for (int i = 0; i < c; i++) {
                        for (int ky = 0; ky < k; ky++) {
                            int iy = y * stride - pad + ky;
                            for (int kx = 0; kx < k; kx++) {
                                int ix = x * stride - pad + kx;
                                if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                                    acc += wt[((o * c + i) * k + ky) * k + kx] * in[(i * h + iy) * w + ix];
                                }
                            }
                        }
                    }
                    out.v[(o * out.h + y) * out.w + x] = (float) acc;
                }
            }
        }
        return out;
    }
}
