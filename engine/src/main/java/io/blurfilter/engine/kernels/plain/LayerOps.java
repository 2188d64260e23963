package io.blurfilter.engine.kernels.plain;

import io.blurfilter.engine.kernels.ConvParams;
import io.blurfilter.engine.runtime.Layer;

/**
 * The layers a kernel family provides to {@link NhwcCompiler}. Activations are NHWC ([N, H, W, C]);
 * only a direct convolution may read an NCHW input (the graph input), so the first layer converts
 * the layout for free. Each method may decline (return null) so the compiler falls back.
 */
public interface LayerOps {
    /** 1x1 stride-1 convolution, NHWC to NHWC; one scratch slot per entry of {@link #pointwiseScratch}. */
    Layer pointwise(ConvParams p, int in, int out, int[] scratch);

    /**
     * Floats of each per-session scratch slot {@link #pointwise} needs (empty for none; an entry of 0
     * gives slot -1). Several slots, because plain Java's loops vectorize only over arrays each indexed
     * from 0.
     */
    int[] pointwiseScratch(ConvParams p);

    /** One filter per channel, NHWC to NHWC; one scratch slot per entry of {@link #depthwiseScratch}. */
    Layer depthwise(ConvParams p, int in, int out, int[] scratch);

    /** Floats of each per-session scratch slot {@link #depthwise} needs, as {@link #pointwiseScratch}. */
    int[] depthwiseScratch(ConvParams p);

    /**
     * Any group-1 convolution to NHWC, reading NCHW when {@code nchwInput}; one scratch slot per
     * entry of {@link #directConvScratch}, in that order.
     */
    Layer directConv(ConvParams p, boolean nchwInput, int in, int out, int[] scratch);

    /** Floats of each per-session scratch slot {@link #directConv} needs, as {@link #pointwiseScratch}. */
    int[] directConvScratch(ConvParams p);
}
