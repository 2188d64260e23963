package io.blurfilter.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blurfilter.engine.Tensor;
import io.blurfilter.engine.graph.Attributes;
import io.blurfilter.engine.graph.Graph;
import io.blurfilter.engine.graph.Node;
import io.blurfilter.engine.graph.OpType;
import io.blurfilter.engine.graph.ResizeMode;
import io.blurfilter.engine.kernels.plain.PlainOps;
import io.blurfilter.engine.runtime.Layer;
import io.blurfilter.engine.runtime.LayerOps;
import io.blurfilter.engine.runtime.LayerSpec;
import io.blurfilter.engine.runtime.Plan;
import io.blurfilter.engine.runtime.Planner;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Resize and Log: the reference kernels against formulas written out here, the plain NHWC resize
 * against the reference bit for bit, and every family's plans through the planner.
 */
class ResizeLogKernelsTest {
    private static final int[][] SIZES = {{1, 1}, {3, 5}, {4, 2}, {7, 6}};
    private static final int[][] SCALES = {{2, 2}, {4, 4}, {2, 4}, {1, 3}};

    static Stream<LayerOps> families() {
        return KernelFamilies.nhwcFamilies().stream();
    }

    private static Attributes resize(int fh, int fw, ResizeMode mode) {
        return Attributes.builder().ints("scales", fh, fw).string("mode", mode.fileName()).build();
    }

    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextDouble() * 4 - 2);
        }
        return v;
    }

    /** ONNX asymmetric sampling written out in double: output j reads input j/f, clamped at the last pixel. */
    private static float[] expectedResize(float[] x, int[] s, int fh, int fw, ResizeMode mode) {
        int oh = s[2] * fh;
        int ow = s[3] * fw;
        float[] y = new float[s[0] * s[1] * oh * ow];
        int o = 0;
        for (int p = 0; p < s[0] * s[1]; p++) {
            for (int oy = 0; oy < oh; oy++) {
                double sy = (double) oy / fh;
                int y0 = (int) Math.floor(sy);
                int y1 = Math.min(y0 + 1, s[2] - 1);
                double dy = sy - y0;
                for (int ox = 0; ox < ow; ox++) {
                    double sx = (double) ox / fw;
                    int x0 = (int) Math.floor(sx);
                    int x1 = Math.min(x0 + 1, s[3] - 1);
                    double dx = sx - x0;
                    int base = p * s[2] * s[3];
                    double a = x[base + y0 * s[3] + x0];
                    if (mode == ResizeMode.NEAREST) {
                        y[o++] = (float) a;
                        continue;
                    }
                    double b = x[base + y0 * s[3] + x1];
                    double c = x[base + y1 * s[3] + x0];
                    double d = x[base + y1 * s[3] + x1];
                    y[o++] = (float) ((1 - dy) * ((1 - dx) * a + dx * b) + dy * ((1 - dx) * c + dx * d));
                }
            }
        }
        return y;
    }

    private static float[] run(Graph g, int[] shape, float[] x, LayerOps family) {
        return NhwcKernelsAgreementTest.run(new NhwcKernelsAgreementTest.Case(g, shape, x), family);
    }

    private static Graph single(OpType op, Attributes a, int[] inputShape) {
        return new Graph("x", inputShape, "y", List.of(new Node(op, "n", List.of("x"), "y", a)), java.util.Map.of());
    }

    @Test
    void referenceResizeMatchesTheFormula() {
        for (ResizeMode mode : ResizeMode.values()) {
            for (int[] hw : SIZES) {
                for (int[] f : SCALES) {
                    int[] shape = {2, 3, hw[0], hw[1]};
                    float[] x = random(2 * 3 * hw[0] * hw[1], hw[0] * 31 + hw[1]);
                    float[] got = run(single(OpType.RESIZE, resize(f[0], f[1], mode), shape), shape, x,
                            KernelFamilies.reference());
                    float[] want = expectedResize(x, shape, f[0], f[1], mode);
                    double err = KernelFamilies.maxScaledError(got, want);
                    assertTrue(err <= 1e-6, mode + " " + hw[0] + "x" + hw[1] + " by " + f[0] + "x" + f[1]
                            + ": max error " + err);
                }
            }
        }
    }

    /** A two-pixel row up by 4: the blend steps a quarter at a time, then holds the last pixel. */
    @Test
    void linearUpsamplingClampsAtTheFarEdge() {
        int[] shape = {1, 1, 1, 2};
        float[] got = run(single(OpType.RESIZE, resize(1, 4, ResizeMode.LINEAR), shape), shape, new float[] {0f, 8f},
                KernelFamilies.reference());
        assertArrayEquals(new float[] {0f, 2f, 4f, 6f, 8f, 8f, 8f, 8f}, got);
        got = run(single(OpType.RESIZE, resize(1, 2, ResizeMode.NEAREST), shape), shape, new float[] {0f, 8f},
                KernelFamilies.reference());
        assertArrayEquals(new float[] {0f, 0f, 8f, 8f}, got);
    }

    @Test
    void plainNhwcResizeGivesTheReferenceBits() {
        for (ResizeMode mode : ResizeMode.values()) {
            for (int[] hw : SIZES) {
                for (int[] f : SCALES) {
                    for (int c : new int[] {1, 3, 8}) {
                        int[] s = {2, c, hw[0], hw[1]};
                        int[] os = {2, c, hw[0] * f[0], hw[1] * f[1]};
                        float[] x = random(2 * c * hw[0] * hw[1], c * 7 + f[1]);
                        Node node = new Node(OpType.RESIZE, "n", List.of("x"), "y", resize(f[0], f[1], mode));
                        Layer ref = ReferenceKernels.INSTANCE.nchw(
                                new LayerSpec(node, new int[][] {s}, os, new Tensor[1], new int[] {0}, 1));
                        float[][] nchw = {x, new float[count(os)]};
                        ref.forward(nchw);
                        Layer plain = PlainOps.INSTANCE.nhwcResize(0, 1, s, f, mode);
                        float[][] nhwc = {toNhwc(x, s), new float[count(os)]};
                        plain.forward(nhwc);
                        assertArrayEquals(nchw[1], toNchw(nhwc[1], os),
                                mode + " c=" + c + " " + hw[0] + "x" + hw[1] + " by " + f[0] + "x" + f[1]);
                    }
                }
            }
        }
    }

    /** Conv, Resize, Conv: the NHWC families resize the NHWC value where it is and agree with the reference. */
    @ParameterizedTest
    @MethodSource("families")
    void nhwcPlansResizeInPlace(LayerOps family) {
        for (ResizeMode mode : ResizeMode.values()) {
            TestGraph t = new TestGraph(5, 1, 3, 9, 7);
            String c = t.conv(t.input(), 3, 16).kernel(3).act("relu").add();
            String r = t.node(OpType.RESIZE, resize(2, 4, mode), c);
            String out = t.conv(r, 16, 8).add();
            NhwcKernelsAgreementTest.Case k = new NhwcKernelsAgreementTest.Case(t.build(out), new int[] {1, 3, 9, 7},
                    t.randomInput());
            NhwcKernelsAgreementTest.check(family, k, "conv-resize-conv " + mode);
            Plan plan = Planner.plan(k.graph, k.shape, family);
            assertTrue(plan.layerKinds().contains("NhwcResize"), plan.layerKinds().toString());
            assertOnlyTheOutputIsConverted(plan);
        }
    }

    @Test
    void logFollowsIeeeForNonPositiveInputs() {
        float[] x = {0f, -0f, -1f, Float.NaN, Float.POSITIVE_INFINITY, 1f, (float) Math.E, Float.MIN_VALUE,
            Float.MAX_VALUE, 1e-30f, 0.5f, 7f};
        int[] shape = {1, x.length};
        for (LayerOps family : List.of(KernelFamilies.reference(), PlainOps.INSTANCE)) {
            float[] y = run(single(OpType.LOG, Attributes.NONE, shape), shape, x, family);
            assertEquals(Float.NEGATIVE_INFINITY, y[0]);
            assertEquals(Float.NEGATIVE_INFINITY, y[1]);
            assertTrue(Float.isNaN(y[2]));
            assertTrue(Float.isNaN(y[3]));
            assertEquals(Float.POSITIVE_INFINITY, y[4]);
            assertEquals(0f, y[5]);
            for (int i = 6; i < x.length; i++) {
                assertEquals(Math.log(x[i]), y[i], Math.abs(Math.log(x[i])) * 1e-7, "log " + x[i]);
            }
        }
    }

    /** Log after an NHWC sigmoid runs on the NHWC value as it is and matches the reference. */
    @ParameterizedTest
    @MethodSource("families")
    void logRunsInEitherLayout(LayerOps family) {
        TestGraph t = new TestGraph(11, 2, 3, 6, 5);
        String s = t.conv(t.input(), 3, 12).kernel(3).act("sigmoid").add();
        String l = t.node(OpType.LOG, Attributes.NONE, s);
        String out = t.conv(l, 12, 4).add();
        NhwcKernelsAgreementTest.Case k = new NhwcKernelsAgreementTest.Case(t.build(out), new int[] {2, 3, 6, 5},
                t.randomInput());
        NhwcKernelsAgreementTest.check(family, k, "conv-sigmoid-log-conv");
        assertOnlyTheOutputIsConverted(Planner.plan(k.graph, k.shape, family));
    }

    /** The final NHWC to NCHW copy is the plan's only layout change: nothing went round through NCHW. */
    private static void assertOnlyTheOutputIsConverted(Plan plan) {
        List<String> kinds = plan.layerKinds();
        assertEquals(kinds.size() - 1, kinds.indexOf("LayoutChange"), kinds.toString());
        assertEquals(kinds.indexOf("LayoutChange"), kinds.lastIndexOf("LayoutChange"), kinds.toString());
    }

    private static int count(int[] s) {
        return s[0] * s[1] * s[2] * s[3];
    }

    private static float[] toNhwc(float[] x, int[] s) {
        float[] y = new float[x.length];
        int hw = s[2] * s[3];
        for (int n = 0; n < s[0]; n++) {
            for (int c = 0; c < s[1]; c++) {
                for (int p = 0; p < hw; p++) {
                    y[(n * hw + p) * s[1] + c] = x[(n * s[1] + c) * hw + p];
                }
            }
        }
        return y;
    }

    private static float[] toNchw(float[] x, int[] s) {
        float[] y = new float[x.length];
        int hw = s[2] * s[3];
        for (int n = 0; n < s[0]; n++) {
            for (int c = 0; c < s[1]; c++) {
                for (int p = 0; p < hw; p++) {
                    y[(n * s[1] + c) * hw + p] = x[(n * hw + p) * s[1] + c];
                }
            }
        }
        return y;
    }
}
