package io.blurfilter.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blurfilter.engine.graph.Attributes;
import io.blurfilter.engine.graph.Graph;
import io.blurfilter.engine.graph.OpType;
import io.blurfilter.engine.runtime.LayerOps;
import io.blurfilter.engine.runtime.Plan;
import io.blurfilter.engine.runtime.Planner;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The NHWC families (plain Java always, the Vector API when this JVM has it) against the reference
 * kernels on PP-LCNet-shaped graphs and on graphs full of the cases the fast path must get right:
 * narrow and odd channel counts, edges, dilation, asymmetric strides and pads, batch 2, every fused
 * activation, and ops that fall back to the reference in NCHW.
 */
class NhwcKernelsAgreementTest {
    static final double TOLERANCE = 1e-5;

    static Stream<LayerOps> families() {
        return KernelFamilies.nhwcFamilies().stream();
    }

    @ParameterizedTest
    @MethodSource("families")
    void lcnetShapedNetworks(LayerOps family) {
        for (int stem : new int[] {8, 16}) {
            for (boolean head : new boolean[] {false, true}) {
                check(family, lcnetLike(stem, head, 1, 37, 29), "lcnet stem " + stem + " head " + head);
            }
        }
        check(family, lcnetLike(16, true, 2, 64, 48), "lcnet batch 2");
    }

    @ParameterizedTest
    @MethodSource("families")
    void oddShapesAndFallbacks(LayerOps family) {
        for (int c : new int[] {1, 3, 8, 24, 40, 48}) {
            check(family, oddities(c), "oddities c=" + c);
        }
    }

    /**
     * Depthwise alone at widths around the four-pixel row blocks (remainders 0..3), 3x3 and 5x5,
     * strides 1 and 2, dilation 2, asymmetric pads, channel counts of one to three vectors.
     */
    @ParameterizedTest
    @MethodSource("families")
    void depthwiseRowBlocksAndRemainders(LayerOps family) {
        for (int c : new int[] {8, 16, 24}) {
            for (int w = 5; w <= 13; w += 1) {
                for (int k : new int[] {3, 5}) {
                    for (int stride : new int[] {1, 2}) {
                        for (int dil : new int[] {1, 2}) {
                            TestGraph t = new TestGraph(c * 1000 + w * 10 + k + stride, 1, c, 9, w);
                            int pad = k / 2 * dil;
                            String out = t.conv(t.input(), c, c).kernel(k).stride(stride).group(c)
                                    .pads(pad, pad - 1, pad, pad + 1).dilation(dil).act("hardswish").add();
                            check(family, new Case(t.build(out), new int[] {1, c, 9, w}, t.randomInput()),
                                    "depthwise c=" + c + " w=" + w + " k=" + k + " s=" + stride + " d=" + dil);
                        }
                    }
                }
            }
        }
    }

    /** 5x5 stride-1 depthwise (channel planes in the vector family) on a batch of two, rows of 7 to 12. */
    @ParameterizedTest
    @MethodSource("families")
    void depthwiseFiveByFiveBatches(LayerOps family) {
        for (int c : new int[] {8, 24}) {
            for (int w : new int[] {7, 8, 12}) {
                for (String act : new String[] {"hardswish", "relu"}) {
                    TestGraph t = new TestGraph(c * 100 + w, 2, c, 10, w);
                    String out = t.conv(t.input(), c, c).kernel(5).group(c).pads(2, 2, 2, 2).act(act).add();
                    check(family, new Case(t.build(out), new int[] {2, c, 10, w}, t.randomInput()),
                            "depthwise 5x5 batch 2 c=" + c + " w=" + w + " " + act);
                }
            }
        }
    }

    /**
     * Pointwise alone: K below, at and above a vector and not a multiple of one, widths of one to six
     * vectors, row counts around the six- and four-row tiles, and a 41x40 image whose rows take many
     * chunks (the vector path copies each chunk's six-row groups into panels where K allows).
     */
    @ParameterizedTest
    @MethodSource("families")
    void pointwiseTilesChunksAndPanels(LayerOps family) {
        int[][] sizes = {{1, 4}, {1, 5}, {1, 6}, {1, 7}, {1, 13}, {3, 9}, {41, 40}};
        for (int k : new int[] {8, 12, 16, 32, 64, 256}) {
            for (int n : new int[] {8, 16, 24, 48}) {
                for (int[] hw : sizes) {
                    if (hw[0] * hw[1] * k * n > 8_000_000) {
                        continue; // keeps the reference run short: 41x40 up to K x N = 4096
                    }
                    TestGraph t = new TestGraph(k * 7 + n * 3 + hw[0], 1, k, hw[0], hw[1]);
                    String out = t.conv(t.input(), k, n).act("hardswish").add();
                    check(family, new Case(t.build(out), new int[] {1, k, hw[0], hw[1]}, t.randomInput()),
                            "pointwise k=" + k + " n=" + n + " " + hw[0] + "x" + hw[1]);
                }
            }
        }
        // K = 256 over many chunks (96 rows each): one larger case
        TestGraph t = new TestGraph(99, 1, 256, 23, 21);
        String out = t.conv(t.input(), 256, 32).act("relu").add();
        check(family, new Case(t.build(out), new int[] {1, 256, 23, 21}, t.randomInput()), "pointwise k=256 chunks");
    }

    /** Stem, five depthwise-separable blocks (3x3 and 5x5, strides 1 and 2), SE, optional head. */
    static Case lcnetLike(int stem, boolean head, int batch, int h, int w) {
        TestGraph t = new TestGraph(stem * 31 + h, batch, 3, h, w);
        String x = t.conv(t.input(), 3, stem).kernel(3).stride(2).act("hardswish").add();
        int[][] blocks = {{3, stem, 2 * stem, 1}, {3, 2 * stem, 4 * stem, 2}, {3, 4 * stem, 4 * stem, 1},
            {5, 4 * stem, 8 * stem, 2}, {5, 8 * stem, 8 * stem, 1}};
        for (int i = 0; i < blocks.length; i++) {
            int[] b = blocks[i];
            x = t.conv(x, b[1], b[1]).kernel(b[0]).stride(b[3]).group(b[1]).act("hardswish").add();
            if (i == blocks.length - 1) {
                x = t.se(x, b[1]);
            }
            x = t.conv(x, b[1], b[2]).act("hardswish").add();
        }
        String out = head ? t.head(x, 8 * stem, 64, 2) : x;
        return new Case(t.build(out), new int[] {batch, 3, h, w}, t.randomInput());
    }

    /** Everything else the NHWC compiler meets, with a spatial (NCHW-converted) output. */
    static Case oddities(int c) {
        TestGraph t = new TestGraph(100 + c, 2, 3, 23, 19);
        String x = t.conv(t.input(), 3, c).kernel(3).stride(1, 2).pads(1, 0, 0, 1).act("relu6").add();
        String d = t.conv(x, c, c).kernel(3).group(c).pads(2, 2, 2, 2).dilation(2).act("hardsigmoid", 0.2f, 0.5f)
                .add();
        String s = t.conv(x, c, c).kernel(5).stride(2, 1).group(c).pads(2, 1, 2, 3).act("sigmoid").add();
        String p = t.conv(d, c, c).act("clip").add();
        String sum = t.node(OpType.ADD, Attributes.NONE, p, x);
        String scaled = t.node(OpType.MUL, Attributes.NONE, sum, t.weight(new int[] {1, c, 1, 1}, 1.5f));
        String shifted = t.node(OpType.SUB, Attributes.NONE, t.weight(new int[] {c, 1, 1}, 1f), scaled);
        String relu = t.node(OpType.RELU, Attributes.NONE, shifted);
        String pooled = t.node(OpType.MAX_POOL, Attributes.builder().ints("kernel", 3, 3).ints("strides", 2, 1)
                .ints("pads", 1, 1, 1, 1).build(), relu);
        String mixed = t.node(OpType.ADD, Attributes.NONE, pooled, s);
        String grouped = c % 2 == 0 && c > 2
                ? t.conv(mixed, c, c).kernel(3).group(2).add() : mixed;
        String dense = t.conv(grouped, c, 24).kernel(3).add();
        String scale = t.node(OpType.SCALE, Attributes.builder().floats("scale", 0.5f).floats("bias", 0.25f).build(),
                dense);
        String out = t.node(OpType.MUL, Attributes.NONE, scale, t.node(OpType.GLOBAL_AVERAGE_POOL, Attributes.NONE,
                scale));
        return new Case(t.build(out), new int[] {2, 3, 23, 19}, t.randomInput());
    }

    static void check(LayerOps family, Case c, String what) {
        float[] expected = run(c, KernelFamilies.reference());
        float[] actual = run(c, family);
        double err = KernelFamilies.maxScaledError(actual, expected);
        assertTrue(err <= TOLERANCE, what + " on " + family.name() + ": max error " + err);
    }

    static float[] run(Case c, LayerOps family) {
        Plan plan = Planner.plan(c.graph, c.shape, family);
        float[][] ws = plan.newWorkspace();
        // slots hold whatever the previous layer or session left: no layer may count on zeros
        for (float[] slot : ws) {
            Arrays.fill(slot, Float.NaN);
        }
        int n = Arrays.stream(plan.outputShape()).reduce(1, (a, b) -> a * b);
        float[] out = new float[n];
        plan.run(c.input, out, ws);
        float[] again = new float[n];
        plan.run(c.input, again, ws);
        assertArrayEquals(out, again, "a second run on the same workspace differs");
        return out;
    }

    static final class Case {
        final Graph graph;
        final int[] shape;
        final float[] input;

        Case(Graph graph, int[] shape, float[] input) {
            this.graph = graph;
            this.shape = shape;
            this.input = input;
        }
    }
}
