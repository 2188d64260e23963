package io.blurfilter.engine.kernels;

import io.blurfilter.engine.graph.Attributes;
import io.blurfilter.engine.graph.OpType;
import io.blurfilter.engine.runtime.Layer;
import io.blurfilter.engine.runtime.LayerSpec;

/**
 * MaxPool and AveragePool over NCHW. Padding never wins a max; an average divides by the window's
 * part inside the input unless count_include_pad is set (then by the part inside input + padding).
 */
final class WindowPool implements Layer {
    private final boolean max;
    private final boolean countPad;
    private final int in;
    private final int out;
    private final int planes;
    private final int inH;
    private final int inW;
    private final int outH;
    private final int outW;
    private final int kH;
    private final int kW;
    private final int sH;
    private final int sW;
    private final int pT;
    private final int pL;
    private final int pB;
    private final int pR;

    WindowPool(LayerSpec spec) {
        Attributes a = spec.node.attributes();
        int[] x = spec.inputShape(0);
        int[] k = a.ints("kernel");
        int[] s = a.ints("strides", 1, 1);
        int[] p = a.ints("pads", 0, 0, 0, 0);
        max = spec.node.op() == OpType.MAX_POOL;
        countPad = a.intValue("count_include_pad", 0) != 0;
        in = spec.inputSlot(0);
        out = spec.outputSlot;
        planes = x[0] * x[1];
        inH = x[2];
        inW = x[3];
        outH = spec.outputShape[2];
        outW = spec.outputShape[3];
        kH = k[0];
        kW = k[1];
        sH = s[0];
        sW = s[1];
        pT = p[0];
        pL = p[1];
        pB = p[2];
        pR = p[3];
    }

    @Override
    public void forward(float[][] slots) {
        float[] x = slots[in];
        float[] y = slots[out];
        for (int pl = 0; pl < planes; pl++) {
            int xBase = pl * inH * inW;
            int yBase = pl * outH * outW;
            for (int oy = 0; oy < outH; oy++) {
                int y0 = oy * sH - pT;
                int y1 = Math.min(y0 + kH, inH);
                int padY1 = Math.min(y0 + kH, inH + pB);
                for (int ox = 0; ox < outW; ox++) {
                    int x0 = ox * sW - pL;
                    int x1 = Math.min(x0 + kW, inW);
                    int padX1 = Math.min(x0 + kW, inW + pR);
                    int cy0 = Math.max(y0, 0);
                    int cx0 = Math.max(x0, 0);
                    float acc = max ? Float.NEGATIVE_INFINITY : 0f;
                    for (int iy = cy0; iy < y1; iy++) {
                        for (int ix = cx0; ix < x1; ix++) {
                            float v = x[xBase + iy * inW + ix];
                            acc = max ? Math.max(acc, v) : acc + v;
                        }
                    }
                    if (!max) {
                        int count = countPad ? (padY1 - y0) * (padX1 - x0) : (y1 - cy0) * (x1 - cx0);
                        acc /= count;
                    }
                    y[yBase + oy * outW + ox] = acc;
                }
            }
        }
    }
}
