package io.blurfilter.engine.kernels.vector;

import io.blurfilter.engine.kernels.ConvParams;
import io.blurfilter.engine.kernels.fast.FusedActivation;
import io.blurfilter.engine.runtime.Layer;

/** 1x1 convolution over NHWC: the pixels are the rows of a matrix product with the packed weight. */
final class VectorPointwise implements Layer {
    private final int in;
    private final int out;
    private final int pixels;
    private final PackedGemm gemm;

    VectorPointwise(ConvParams p, int in, int out) {
        this.in = in;
        this.out = out;
        this.pixels = p.batch * p.inH * p.inW;
        this.gemm = new PackedGemm(p.weight, p.inC, p.outC, p.bias, new VectorActivation(new FusedActivation(p.act)));
    }

    @Override
    public void forward(float[][] slots) {
        gemm.multiply(slots[in], 0, slots[out], 0, 0, pixels);
    }
}
