package io.blurfilter.engine.kernels.plain;

import io.blurfilter.engine.Tensor;
import io.blurfilter.engine.graph.Node;
import io.blurfilter.engine.graph.OpType;
import io.blurfilter.engine.graph.ResizeMode;
import io.blurfilter.engine.kernels.ConvParams;
import io.blurfilter.engine.kernels.ReferenceKernels;
import io.blurfilter.engine.runtime.Layer;
import io.blurfilter.engine.runtime.LayerOps;
import io.blurfilter.engine.runtime.LayerSpec;
import io.blurfilter.engine.runtime.NhwcConv;

/**
 * What the two NHWC families share: the reference kernels for the nodes they leave NCHW, the plain
 * NHWC pool, channel broadcast and layout change, and the choice among a family's three convolution
 * kinds. Activations are NHWC ([N, H, W, C]); only a direct convolution may read an NCHW input (the
 * graph input), so the first layer converts the layout for free.
 */
public abstract class NhwcOps implements LayerOps {
    @Override
    public final Layer nchw(LayerSpec spec) {
        return ReferenceKernels.INSTANCE.nchw(spec);
    }

    @Override
    public final String nchwName() {
        return ReferenceKernels.INSTANCE.name();
    }

    @Override
    public final NhwcConv conv(Node node, int[] input, int[] output, Tensor weight, Tensor bias) {
        ConvParams p = new ConvParams(node, input, weight.shape(), output, weight.data(), bias == null ? null : bias.data());
        if (p.isPointwise()) {
            return new NhwcConv(false, pointwiseScratch(p), (nchw, in, out, scratch) -> pointwise(p, in, out, scratch));
        }
        if (p.isDepthwise()) {
            return new NhwcConv(false, depthwiseScratch(p), (nchw, in, out, scratch) -> depthwise(p, in, out, scratch));
        }
        if (p.group == 1) {
            return new NhwcConv(true, directConvScratch(p), (nchw, in, out, scratch) -> directConv(p, nchw, in, out, scratch));
        }
        return null;
    }

    @Override
    public final Layer nhwcGlobalAveragePool(int in, int out, int[] shape) {
        return new NhwcGlobalAveragePool(in, out, shape);
    }

    @Override
    public final Layer nhwcChannelBroadcast(OpType op, boolean imageFirst, int imageSlot, int otherSlot,
            float[] constant, int out, int[] imageShape, int otherBatch) {
        return new NhwcChannelBroadcast(op, imageFirst, imageSlot, otherSlot, constant, out, imageShape, otherBatch);
    }

    @Override
    public final Layer nhwcResize(int in, int out, int[] shape, int[] scales, ResizeMode mode) {
        return new NhwcResize(in, out, shape, scales, mode);
    }

    @Override
    public final Layer layoutChange(boolean toNhwc, int from, int to, int[] shape) {
        return new LayoutChange(toNhwc, from, to, shape);
    }

    /** 1x1 stride-1 convolution, NHWC to NHWC; one scratch slot per entry of {@link #pointwiseScratch}. */
    public abstract Layer pointwise(ConvParams p, int in, int out, int[] scratch);

    /** Floats of each per-session scratch slot {@link #pointwise} needs, as {@link NhwcConv#scratchFloats()}. */
    public abstract int[] pointwiseScratch(ConvParams p);

    /** One filter per channel, NHWC to NHWC; one scratch slot per entry of {@link #depthwiseScratch}. */
    public abstract Layer depthwise(ConvParams p, int in, int out, int[] scratch);

    /** Floats of each per-session scratch slot {@link #depthwise} needs. */
    public abstract int[] depthwiseScratch(ConvParams p);

    /**
     * Any group-1 convolution to NHWC, reading NCHW when {@code nchwInput}; one scratch slot per
     * entry of {@link #directConvScratch}, in that order.
     */
    public abstract Layer directConv(ConvParams p, boolean nchwInput, int in, int out, int[] scratch);

    /** Floats of each per-session scratch slot {@link #directConv} needs. */
    public abstract int[] directConvScratch(ConvParams p);
}
