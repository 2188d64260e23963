package io.blurfilter.engine.kernels;

import io.blurfilter.engine.graph.Node;

/**
 * One convolution as the NHWC kernels see it: sizes, the raw OIHW weights, a bias (zeros when the node
 * has none) and the fused activation. Kernels re-pack the weights for their own loops.
 */
public final class ConvParams {
    public final int batch;
    public final int inC;
    public final int inH;
    public final int inW;
    public final int outC;
    public final int outH;
    public final int outW;
    public final int kH;
    public final int kW;
    public final int strideH;
    public final int strideW;
    public final int padTop;
    public final int padLeft;
    public final int dilH;
    public final int dilW;
    public final int group;
    /** OIHW, as in the graph. */
    public final float[] weight;
    public final float[] bias;
    public final ActivationFunction act;

    public ConvParams(Node node, int[] x, int[] w, int[] y, float[] weight, float[] bias) {
        int[] s = node.attributes().ints("strides", 1, 1);
        int[] p = node.attributes().ints("pads", 0, 0, 0, 0);
        int[] d = node.attributes().ints("dilations", 1, 1);
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
        group = node.attributes().intValue("group", 1);
        this.weight = weight;
        this.bias = bias != null ? bias : new float[outC];
        this.act = ActivationFunction.fused(node.attributes());
    }

    public boolean isPointwise() {
        return kH == 1 && kW == 1 && strideH == 1 && strideW == 1 && padTop == 0 && padLeft == 0 && group == 1
                && outH == inH && outW == inW;
    }

    public boolean isDepthwise() {
        return group == inC && group == outC;
    }

    public int taps() {
        return kH * kW;
    }

    /** Input pixels of the whole batch: the rows of a pointwise convolution's matrix product. */
    public int inputPixels() {
        return batch * inH * inW;
    }

    /** Multiply-adds of one run: each output value takes taps() products with each of its group's input channels. */
    public long multiplyAdds() {
        return (long) batch * outH * outW * outC * taps() * (inC / group);
    }

    /** Output rows [first, end) whose every tap row lies inside the input. */
    public int firstInsideRow() {
        return firstInside(padTop, strideH);
    }

    public int endInsideRow() {
        return endInside(padTop, strideH, dilH, kH, inH, outH);
    }

    public int firstInsideCol() {
        return firstInside(padLeft, strideW);
    }

    public int endInsideCol() {
        return endInside(padLeft, strideW, dilW, kW, inW, outW);
    }

    private static int firstInside(int pad, int stride) {
        return (pad + stride - 1) / stride;
    }

    /** One past the last output index whose window (pad removed) ends inside the input. */
    private static int endInside(int pad, int stride, int dil, int k, int in, int out) {
        int lastStart = in - 1 - (k - 1) * dil + pad; // o * stride <= lastStart
        if (lastStart < 0) {
            return 0;
        }
        return Math.max(0, Math.min(out, lastStart / stride + 1));
    }
}
