package io.blurfilter.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.blurfilter.engine.kernels.plain.PlainOps;
import io.blurfilter.engine.runtime.LayerOps;
import io.blurfilter.engine.runtime.Plan;
import io.blurfilter.engine.runtime.Planner;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Which layer class runs each step of a PP-LCNet-shaped network (channels multiples of 16, so every
 * convolution fits the vectors of AVX2 and AVX-512 alike): the agreement tests would still pass if a
 * layer fell back to a slower family; these fail.
 */
class KernelDispatchTest {
    @Test
    void thePlainFamilyRunsEveryConvolutionOnItsOwnKernels() {
        assertEquals(List.of(
                "PlainDirectConv",
                "PlainDepthwise", "PlanarPointwise", // 16 input channels: channel planes pay there
                "PlainDepthwise", "PlainPointwise",
                "PlainDepthwise", "PlainPointwise",
                "PlainDepthwise", "PlainPointwise",
                "PlainDepthwise", "NhwcGlobalAveragePool", "PlainPointwise", "PlainPointwise", "NhwcChannelBroadcast",
                "PlainPointwise"), convolutionSteps(PlainOps.INSTANCE));
    }

    @Test
    @EnabledIfSystemProperty(named = "blurfilter.test.vector", matches = "present")
    void theVectorFamilyRunsEveryConvolutionOnVectorKernels() {
        List<String> steps = convolutionSteps(KernelFamilies.vectorOrNull());
        List<String> depthwise3x3 = List.of("VectorDepthwise", "BlockedDepthwise");
        assertEquals(15, steps.size(), steps.toString());
        assertEquals("VectorDirectConv", steps.get(0), steps.toString());
        for (int i : new int[] {1, 3, 5}) {
            assertEquals(true, depthwise3x3.contains(steps.get(i)), "3x3 depthwise at step " + i + ": " + steps);
        }
        for (int i : new int[] {7, 9}) {
            assertEquals(true, depthwise3x3.contains(steps.get(i)), "5x5 depthwise at step " + i + ": " + steps);
        }
        for (int i : new int[] {2, 4, 6, 8, 11, 12, 14}) {
            assertEquals("VectorPointwise", steps.get(i), "pointwise at step " + i + ": " + steps);
        }
        assertEquals(List.of("NhwcGlobalAveragePool", "NhwcChannelBroadcast"), List.of(steps.get(10), steps.get(13)));
    }

    @Test
    void theReferenceFamilyPlansEveryValueNchwOnItsOwnKernels() {
        NhwcKernelsAgreementTest.Case c = NhwcKernelsAgreementTest.lcnetLike(16, true, 1, 64, 48);
        Plan plan = Planner.plan(c.graph, c.shape, KernelFamilies.reference());
        assertEquals("reference", plan.kernels());
        for (String kind : plan.layerKinds()) {
            assertEquals(false, kind.startsWith("Nhwc") || kind.equals("LayoutChange") || kind.startsWith("Plain")
                    || kind.startsWith("Planar"), kind + " in " + plan.layerKinds());
        }
        for (io.blurfilter.engine.graph.Node n : c.graph.nodes()) {
            assertEquals(false, plan.site(n.output()).nhwc, n.output() + " is NHWC");
        }
    }

    /** The layers up to the head (the body of lcnetLike without its classifier). */
    private static List<String> convolutionSteps(LayerOps family) {
        NhwcKernelsAgreementTest.Case c = NhwcKernelsAgreementTest.lcnetLike(16, false, 1, 64, 48);
        Plan plan = Planner.plan(c.graph, c.shape, family);
        List<String> kinds = plan.layerKinds();
        // the body ends in NHWC; the plan converts its output back to NCHW last
        return kinds.get(kinds.size() - 1).equals("LayoutChange") ? kinds.subList(0, kinds.size() - 1) : kinds;
    }
}
