package io.blurfilter.engine.kernels.plain;

import io.blurfilter.engine.kernels.ConvParams;
import io.blurfilter.engine.runtime.Layer;

/**
 * The plain-Java kernel family over NHWC activations: what Android and JVMs without the Vector API
 * ({@code --add-modules jdk.incubator.vector}) run.
 */
public final class PlainOps extends NhwcOps {
    public static final PlainOps INSTANCE = new PlainOps();

    private PlainOps() {}

    @Override
    public String name() {
        return "plain";
    }

    @Override
    public Layer pointwise(ConvParams p, int in, int out, int[] scratch) {
        return PlanarPointwise.suits(p) ? new PlanarPointwise(p, in, out, scratch)
                : new PlainPointwise(p, in, out, scratch[0]);
    }

    @Override
    public int[] pointwiseScratch(ConvParams p) {
        return PlanarPointwise.suits(p) ? PlanarPointwise.scratchFloats(p) : new int[] {PlainPointwise.scratchFloats(p)};
    }

    @Override
    public Layer depthwise(ConvParams p, int in, int out, int[] scratch) {
        return new PlainDepthwise(p, in, out, scratch[0], scratch[1]);
    }

    /** Accumulators and a tap's input copy in two arrays: C2 vectorizes only over arrays indexed from 0. */
    @Override
    public int[] depthwiseScratch(ConvParams p) {
        return new int[] {PlainDepthwise.scratchFloats(p), PlainDepthwise.scratchFloats(p)};
    }

    @Override
    public Layer directConv(ConvParams p, boolean nchwInput, int in, int out, int[] scratch) {
        return new PlainDirectConv(p, nchwInput, in, out, scratch);
    }

    @Override
    public int[] directConvScratch(ConvParams p) {
        return PlainDirectConv.scratchFloats(p);
    }
}
