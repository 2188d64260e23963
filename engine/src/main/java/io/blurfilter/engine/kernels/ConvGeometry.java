package io.blurfilter.engine.kernels;

import io.blurfilter.engine.runtime.LayerSpec;

/** The sizes of one convolution, read once from its spec. */
final class ConvGeometry {
    final int batch;
    final int inC;
    final int inH;
    final int inW;
    final int outC;
    final int outH;
    final int outW;
    final int kH;
    final int kW;
    final int strideH;
    final int strideW;
    final int padTop;
    final int padLeft;
    final int dilH;
    final int dilW;
    final int group;

    ConvGeometry(LayerSpec spec) {
        int[] x = spec.inputShape(0);
        int[] w = spec.inputShape(1);
        int[] y = spec.outputShape;
        int[] s = spec.node.attributes().ints("strides", 1, 1);
        int[] p = spec.node.attributes().ints("pads", 0, 0, 0, 0);
        int[] d = spec.node.attributes().ints("dilations", 1, 1);
        batch = x[0];
        inC = x[1];
        inH = x[2];
        inW = x[3];
        outC = y[1];
        outH = y[2];
        outW = y[3];
        kH = w[2];
        kW = w[3];
        strideH = s[0];
        strideW = s[1];
        padTop = p[0];
        padLeft = p[1];
        dilH = d[0];
        dilW = d[1];
        group = spec.node.attributes().intValue("group", 1);
    }

    boolean isPointwise() {
        return kH == 1 && kW == 1 && strideH == 1 && strideW == 1 && padTop == 0 && padLeft == 0 && group == 1
                && outH == inH && outW == inW;
    }

    boolean isDepthwise() {
        return group == inC && group == outC;
    }

    /** First output index along one axis whose window lies fully inside the input. */
    static int firstInside(int pad, int stride) {
        return (pad + stride - 1) / stride;
    }
}
