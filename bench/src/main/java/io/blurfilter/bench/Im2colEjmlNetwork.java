package io.blurfilter.bench;

import io.blurfilter.engine.Shapes;
import io.blurfilter.engine.Tensor;
import io.blurfilter.engine.graph.Graph;
import io.blurfilter.engine.graph.GraphOptimizer;
import io.blurfilter.engine.graph.Node;
import io.blurfilter.engine.graph.ShapeInference;
import io.blurfilter.engine.kernels.ActivationFunction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;

/**
 * The baseline an ordinary Java developer would write for PP-LCNet: NCHW, every group-1 convolution
 * as im2col plus an EJML float matrix multiply, depthwise convolutions as direct loops, the rest in
 * plain loops. Buffers are allocated once. Covers the ops PP-LCNet uses (batch 1).
 */
final class Im2colEjmlNetwork {
    private final List<Runnable> steps = new ArrayList<>();
    private final Map<String, float[]> values = new HashMap<>();
    private final Map<String, int[]> shapes;
    private final Graph g;
    private final float[] input;
    private final float[] output;

    Im2colEjmlNetwork(Graph graph, int[] inputShape) {
        this.g = GraphOptimizer.optimize(graph);
        this.shapes = ShapeInference.infer(g, inputShape);
        this.input = buffer(g.inputName());
        for (Node n : g.nodes()) {
            steps.add(step(n));
        }
        this.output = values.get(g.outputName());
    }

    float[] run(float[] x) {
        System.arraycopy(x, 0, input, 0, x.length);
        for (Runnable s : steps) {
            s.run();
        }
        return output;
    }

    private float[] buffer(String value) {
        return values.computeIfAbsent(value, v -> new float[(int) Shapes.elementCount(shapes.get(v))]);
    }

    private Runnable step(Node n) {
        float[] x = buffer(n.input(0));
        float[] y = buffer(n.output());
        int[] xs = shapes.get(n.input(0));
        switch (n.op()) {
            case CONV:
                return conv(n, x, y, xs, shapes.get(n.output()));
            case GLOBAL_AVERAGE_POOL: {
                int plane = xs[2] * xs[3];
                return () -> {
                    for (int c = 0; c < xs[1]; c++) {
                        float s = 0;
                        for (int i = 0; i < plane; i++) {
                            s += x[c * plane + i];
                        }
                        y[c] = s / plane;
                    }
                };
            }
            case MUL: {
                float[] s = buffer(n.input(1));
                int plane = xs[2] * xs[3];
                return () -> {
                    for (int c = 0; c < xs[1]; c++) {
                        for (int i = 0; i < plane; i++) {
                            y[c * plane + i] = x[c * plane + i] * s[c];
                        }
                    }
                };
            }
            case FLATTEN:
                return () -> System.arraycopy(x, 0, y, 0, y.length);
            case GEMM: {
                Tensor w = g.weight(n.input(1)); // transB=1: [out, in]
                float[] b = g.weight(n.input(2)).data();
                FMatrixRMaj wm = FMatrixRMaj.wrap(w.dim(0), w.dim(1), w.data());
                FMatrixRMaj xm = FMatrixRMaj.wrap(w.dim(1), 1, x);
                FMatrixRMaj ym = FMatrixRMaj.wrap(w.dim(0), 1, y);
                return () -> {
                    CommonOps_FDRM.mult(wm, xm, ym);
                    for (int j = 0; j < y.length; j++) {
                        y[j] += b[j];
                    }
                };
            }
            case SOFTMAX:
                return () -> {
                    float max = Float.NEGATIVE_INFINITY;
                    for (float v : x) {
                        max = Math.max(max, v);
                    }
                    float sum = 0;
                    for (int j = 0; j < x.length; j++) {
                        y[j] = (float) Math.exp(x[j] - max);
                        sum += y[j];
                    }
                    for (int j = 0; j < y.length; j++) {
                        y[j] /= sum;
                    }
                };
            default:
                throw new IllegalArgumentException("baseline does not run " + n.op());
        }
    }

    private Runnable conv(Node n, float[] x, float[] y, int[] xs, int[] ys) {
        Tensor w = g.weight(n.input(1));
        float[] bias = n.inputs().size() > 2 ? g.weight(n.input(2)).data() : new float[ys[1]];
        int[] s = n.attributes().ints("strides", 1, 1);
        int[] p = n.attributes().ints("pads", 0, 0, 0, 0);
        int group = n.attributes().intValue("group", 1);
        ActivationFunction act = ActivationFunction.fused(n.attributes());
        int inC = xs[1], inH = xs[2], inW = xs[3], outC = ys[1], outH = ys[2], outW = ys[3];
        int kh = w.dim(2), kw = w.dim(3);
        int plane = outH * outW;
        if (group == inC && group == outC) {
            float[] wd = w.data();
            return () -> {
                for (int c = 0; c < inC; c++) {
                    for (int oy = 0; oy < outH; oy++) {
                        for (int ox = 0; ox < outW; ox++) {
                            float sum = bias[c];
                            for (int ky = 0; ky < kh; ky++) {
                                int iy = oy * s[0] - p[0] + ky;
                                if (iy < 0 || iy >= inH) {
                                    continue;
                                }
                                for (int kx = 0; kx < kw; kx++) {
                                    int ix = ox * s[1] - p[1] + kx;
                                    if (ix >= 0 && ix < inW) {
                                        sum += x[(c * inH + iy) * inW + ix] * wd[(c * kh + ky) * kw + kx];
                                    }
                                }
                            }
                            y[(c * outH + oy) * outW + ox] = act.apply(sum);
                        }
                    }
                }
            };
        }
        int k = inC * kh * kw;
        FMatrixRMaj wm = FMatrixRMaj.wrap(outC, k, w.data());
        FMatrixRMaj ym = FMatrixRMaj.wrap(outC, plane, y);
        boolean identity = kh == 1 && kw == 1 && s[0] == 1 && s[1] == 1 && p[0] == 0 && p[1] == 0;
        float[] cols = identity ? x : new float[k * plane];
        FMatrixRMaj cm = FMatrixRMaj.wrap(k, plane, cols);
        return () -> {
            if (!identity) {
                im2col(x, inC, inH, inW, kh, kw, s, p, outH, outW, cols);
            }
            CommonOps_FDRM.mult(wm, cm, ym);
            for (int o = 0; o < outC; o++) {
                for (int i = o * plane; i < (o + 1) * plane; i++) {
                    y[i] = act.apply(y[i] + bias[o]);
                }
            }
        };
    }

    private static void im2col(float[] x, int c, int h, int w, int kh, int kw, int[] s, int[] p, int outH, int outW,
            float[] cols) {
        int plane = outH * outW;
        for (int ch = 0; ch < c; ch++) {
            for (int ky = 0; ky < kh; ky++) {
                for (int kx = 0; kx < kw; kx++) {
                    int row = ((ch * kh + ky) * kw + kx) * plane;
                    for (int oy = 0; oy < outH; oy++) {
                        int iy = oy * s[0] - p[0] + ky;
                        for (int ox = 0; ox < outW; ox++) {
                            int ix = ox * s[1] - p[1] + kx;
                            cols[row + oy * outW + ox] = iy >= 0 && iy < h && ix >= 0 && ix < w
                                    ? x[(ch * h + iy) * w + ix] : 0f;
                        }
                    }
                }
            }
        }
    }
}
