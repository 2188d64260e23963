package io.blurfilter.engine.kernels.fast;

import io.blurfilter.engine.runtime.Layer;

/**
 * The layers a kernel family provides to {@link NhwcCompiler}. Activations are NHWC ([N, H, W, C]);
 * only a direct convolution may read an NCHW input (the graph input), so the first layer converts
 * the layout for free. Each method may decline (return null) so the compiler falls back.
 */
public interface LayerOps {
    /** 1x1 stride-1 convolution, NHWC to NHWC. */
    Layer pointwise(ConvParams p, int in, int out, int scratch);

    /** Floats of per-session scratch {@link #pointwise} needs, 0 for none. */
    int pointwiseScratch(ConvParams p);

    /** One filter per channel, NHWC to NHWC. */
    Layer depthwise(ConvParams p, int in, int out, int scratch);

    /** Floats of per-session scratch {@link #depthwise} needs, 0 for none. */
    int depthwiseScratch(ConvParams p);

    /** Any group-1 convolution to NHWC, reading NCHW when {@code nchwInput}. */
    Layer directConv(ConvParams p, boolean nchwInput, int in, int out, int scratch);

    /** Floats of per-session scratch {@link #directConv} needs, 0 for none. */
    int directConvScratch(ConvParams p);
}
