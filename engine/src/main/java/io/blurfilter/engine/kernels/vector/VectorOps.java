package io.blurfilter.engine.kernels.vector;

import static io.blurfilter.engine.kernels.vector.Lanes.L;

import io.blurfilter.engine.kernels.ConvParams;
import io.blurfilter.engine.kernels.plain.NhwcOps;
import io.blurfilter.engine.kernels.plain.PlainOps;
import io.blurfilter.engine.runtime.Layer;
import io.blurfilter.engine.runtime.LayerOps;

/**
 * The kernel family on the Vector API ({@code jdk.incubator.vector}): its layers where the channel
 * counts fit the vector length, plain-Java NHWC layers elsewhere. Only ever loaded reflectively by
 * {@code KernelSelector} (and by tests that checked the module is there), so nothing else links
 * against the incubator module.
 */
public final class VectorOps extends NhwcOps {
    private static final VectorOps INSTANCE = new VectorOps();
    /** The tests turn it off (blurfilter.vector.blockedDepthwise=false) to check the NHWC path it replaces. */
    private static final boolean BLOCKED_DEPTHWISE = Boolean.parseBoolean(
            System.getProperty("blurfilter.vector.blockedDepthwise", "true"));

    private VectorOps() {}

    /** The family, or null where vectors are too narrow to pay (fewer than 4 floats). */
    public static LayerOps create() {
        return L >= 4 ? INSTANCE : null;
    }

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public Layer pointwise(ConvParams p, int in, int out, int[] scratch) {
        return p.outC % L == 0 ? new VectorPointwise(p, in, out, scratch[0])
                : PlainOps.INSTANCE.pointwise(p, in, out, scratch);
    }

    @Override
    public int[] pointwiseScratch(ConvParams p) {
        return p.outC % L == 0 ? new int[] {VectorPointwise.panelFloats(p)} : PlainOps.INSTANCE.pointwiseScratch(p);
    }

    @Override
    public Layer depthwise(ConvParams p, int in, int out, int[] scratch) {
        if (blocked(p)) {
            return new BlockedDepthwise(p, in, out, scratch[0]);
        }
        return VectorDepthwise.supports(p) ? new VectorDepthwise(p, in, out, scratch[0])
                : PlainOps.INSTANCE.depthwise(p, in, out, scratch);
    }

    @Override
    public int[] depthwiseScratch(ConvParams p) {
        if (blocked(p)) {
            return new int[] {BlockedDepthwise.scratchFloats(p)};
        }
        return VectorDepthwise.supports(p) ? new int[] {VectorDepthwise.scratchFloats(p)}
                : PlainOps.INSTANCE.depthwiseScratch(p);
    }

    /** Where the NHWC depthwise would copy the input into a padded scratch anyway and a blocked one exists. */
    private static boolean blocked(ConvParams p) {
        return BLOCKED_DEPTHWISE && BlockedDepthwise.supports(p) && VectorDepthwise.pads(p);
    }

    @Override
    public Layer directConv(ConvParams p, boolean nchwInput, int in, int out, int[] scratch) {
        return p.outC % L == 0 ? new VectorDirectConv(p, nchwInput, in, out, scratch[0])
                : PlainOps.INSTANCE.directConv(p, nchwInput, in, out, scratch);
    }

    @Override
    public int[] directConvScratch(ConvParams p) {
        return p.outC % L == 0 ? new int[] {VectorDirectConv.scratchFloats(p)} : PlainOps.INSTANCE.directConvScratch(p);
    }
}
