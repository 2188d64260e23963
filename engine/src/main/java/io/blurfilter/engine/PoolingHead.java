package io.blurfilter.engine;

import io.blurfilter.engine.graph.Attributes;
import io.blurfilter.engine.graph.Graph;
import io.blurfilter.engine.graph.Node;
import io.blurfilter.engine.graph.OpType;
import io.blurfilter.engine.graph.ShapeInference;
import java.util.HashMap;
import java.util.Map;

/**
 * A classifier head that ends {@code feature map -> GlobalAveragePool -> [Flatten | Reshape | Identity |
 * Scale]* -> Gemm -> [Softmax]}: everything after the pool is affine, so applying it to each cell of the
 * feature map gives per-cell logits whose mean is the pooled logit. Found once per model from its
 * optimized graph, with the feature map's stride and the position of its cells in the input tensor.
 */
final class PoolingHead {
    /** The value the pool reads: {@code [1, C, H, W]}. */
    final String feature;
    final int channels;
    final int classes;
    /** {@code [classes][channels]}, alpha and the Scale ops' factors folded in. */
    private final float[] weight;
    private final float[] bias;
    final boolean softmax;
    /**
     * Per axis (0 = rows, 1 = columns): cell {@code j} of the feature map is centred on input pixel
     * {@code offset + stride * j}, traced through the convolutions and pools; {@code stride[a] == 0}
     * when the trace failed (the map then tiles the input evenly).
     */
    final int[] stride = new int[2];
    final double[] offset = new double[2];

    private PoolingHead(String feature, int channels, int classes, float[] weight, float[] bias, boolean softmax) {
        this.feature = feature;
        this.channels = channels;
        this.classes = classes;
        this.weight = weight;
        this.bias = bias;
        this.softmax = softmax;
    }

    /**
     * The head of {@code g}, or an {@link UnsupportedOperationException} saying what is in the way.
     * {@code name} names the model in the message.
     */
    static PoolingHead find(Graph g, String name, int[] probeShape) {
        Map<String, Node> producer = new HashMap<>();
        Map<String, Integer> readers = new HashMap<>();
        for (Node n : g.nodes()) {
            producer.put(n.output(), n);
            for (String in : n.inputs()) {
                readers.merge(in, 1, Integer::sum);
            }
        }
        String what = "model '" + name + "' has no region map: its head is not global average pooling followed"
                + " by a fully connected layer";
        Node n = producer.get(g.outputName());
        boolean softmax = false;
        if (n != null && n.op() == OpType.SOFTMAX) {
            int axis = n.attributes().intValue("axis", -1);
            if (axis != -1 && axis != 1) {
                throw new UnsupportedOperationException(what + " (Softmax '" + n.name() + "' over axis " + axis
                        + ", not the classes)");
            }
            softmax = true;
            n = producer.get(n.input(0));
        }
        if (n == null || n.op() != OpType.GEMM) {
            throw new UnsupportedOperationException(what + " (the output comes from "
                    + (n == null ? "the input" : n.op().fileName() + " '" + n.name() + "'") + ", not Gemm)");
        }
        Node gemm = n;
        Attributes ga = gemm.attributes();
        if (!"none".equals(ga.string("activation", "none"))) {
            throw new UnsupportedOperationException(what + " (Gemm '" + gemm.name() + "' has a fused "
                    + ga.string("activation", "") + ")");
        }
        if (!g.isWeight(gemm.input(1)) || (gemm.inputs().size() > 2 && !g.isWeight(gemm.input(2)))) {
            throw new UnsupportedOperationException(what + " (Gemm '" + gemm.name() + "' has computed weights)");
        }
        // walk back to the pool through shape-only and affine ops
        float scale = 1f;
        float shift = 0f;
        String v = gemm.input(0);
        Node pool = null;
        while (pool == null) {
            Node p = producer.get(v);
            if (p == null) {
                throw new UnsupportedOperationException(what + " (no GlobalAveragePool before Gemm '" + gemm.name()
                        + "')");
            }
            if (readers.getOrDefault(v, 0) != 1) {
                throw new UnsupportedOperationException(what + " ('" + v + "' between the pool and Gemm has other"
                        + " readers)");
            }
            switch (p.op()) {
                case GLOBAL_AVERAGE_POOL:
                    pool = p;
                    break;
                case FLATTEN: case RESHAPE: case IDENTITY:
                    v = p.input(0);
                    break;
                case SCALE: {
                    float s = p.attributes().floatValue("scale", 1f);
                    float b = p.attributes().floatValue("bias", 0f);
                    // the ops closer to Gemm come first: y = scale * (s * x + b) + shift
                    shift = scale * b + shift;
                    scale = scale * s;
                    v = p.input(0);
                    break;
                }
                default:
                    throw new UnsupportedOperationException(what + " (" + p.op().fileName() + " '" + p.name()
                            + "' comes between the feature map and Gemm '" + gemm.name() + "')");
            }
        }
        String feature = pool.input(0);
        if (g.isWeight(feature) || readers.getOrDefault(pool.output(), 0) != 1) {
            throw new UnsupportedOperationException(what + " (the pool's input or output is shared)");
        }
        Map<String, int[]> shapes = ShapeInference.infer(g, probeShape);
        int[] fs = shapes.get(feature);
        int[] ws = g.weight(gemm.input(1)).shape();
        boolean transB = ga.intValue("transB", 0) != 0;
        int k = transB ? ws[1] : ws[0];
        int classes = transB ? ws[0] : ws[1];
        if (fs.length != 4 || fs[1] != k) {
            throw new UnsupportedOperationException(what + " (feature map " + java.util.Arrays.toString(fs)
                    + " does not feed Gemm '" + gemm.name() + "' of " + k + " inputs)");
        }
        float alpha = ga.floatValue("alpha", 1f);
        float beta = ga.floatValue("beta", 1f);
        float[] w = g.weight(gemm.input(1)).data();
        float[] weight = new float[classes * k];
        float[] bias = new float[classes];
        for (int j = 0; j < classes; j++) {
            double dot = 0;
            for (int i = 0; i < k; i++) {
                float wji = alpha * (transB ? w[j * k + i] : w[i * classes + j]);
                weight[j * k + i] = wji * scale;
                dot += (double) wji * shift;
            }
            bias[j] = (float) dot;
        }
        if (gemm.inputs().size() > 2) {
            float[] b = g.weight(gemm.input(2)).data();
            for (int j = 0; j < classes; j++) {
                bias[j] += beta * (b.length == 1 ? b[0] : b[j]);
            }
        }
        PoolingHead head = new PoolingHead(feature, k, classes, weight, bias, softmax);
        head.traceGeometry(g, producer, shapes);
        return head;
    }

    /**
     * Follows the feature map back to the input through the spatial ops (the input of a binary op with
     * the most pixels, so a squeeze-excitation gate or a residual branch does not lead it astray),
     * composing each conv or pool's {@code centre_in = stride * centre_out - pad + dilation * (k - 1) / 2}.
     */
    private void traceGeometry(Graph g, Map<String, Node> producer, Map<String, int[]> shapes) {
        long[] a = {1, 1};
        double[] b = {0, 0};
        String v = feature;
        while (!v.equals(g.inputName())) {
            Node n = producer.get(v);
            if (n == null) {
                return;
            }
            Attributes at = n.attributes();
            switch (n.op()) {
                case CONV: case MAX_POOL: case AVERAGE_POOL: {
                    int[] s = at.ints("strides", 1, 1);
                    int[] p = at.ints("pads", 0, 0, 0, 0);
                    int[] d = n.op() == OpType.CONV ? at.ints("dilations", 1, 1) : new int[] {1, 1};
                    int[] k;
                    if (n.op() == OpType.CONV) {
                        int[] w = shapes.get(n.input(1));
                        k = new int[] {w[2], w[3]};
                    } else {
                        k = at.ints("kernel");
                    }
                    for (int axis = 0; axis < 2; axis++) {
                        b[axis] = s[axis] * b[axis] - p[axis] + d[axis] * (k[axis] - 1) / 2.0;
                        a[axis] *= s[axis];
                    }
                    v = n.input(0);
                    break;
                }
                case ADD: case SUB: case MUL: case DIV: {
                    String best = null;
                    long most = 0;
                    for (String in : n.inputs()) {
                        int[] s = shapes.get(in);
                        long px = g.isWeight(in) || s.length != 4 ? 0 : (long) s[2] * s[3];
                        if (px > most) {
                            most = px;
                            best = in;
                        }
                    }
                    if (best == null) {
                        return;
                    }
                    v = best;
                    break;
                }
                case BATCH_NORM: case RELU: case RELU6: case HARD_SWISH: case HARD_SIGMOID: case SIGMOID: case CLIP:
                case SCALE: case IDENTITY:
                    v = n.input(0);
                    break;
                default:
                    return;
            }
        }
        if (a[0] > 1 << 20 || a[1] > 1 << 20) {
            return;
        }
        for (int axis = 0; axis < 2; axis++) {
            stride[axis] = (int) a[axis];
            offset[axis] = b[axis];
        }
    }

    /**
     * Per-cell logits of the feature map {@code x} (NCHW, or NHWC when {@code nhwc}) with {@code cells}
     * pixels, into {@code logits[k * cells + cell]}.
     */
    void cellLogits(float[] x, boolean nhwc, int cells, float[] logits) {
        int c = channels;
        for (int k = 0; k < classes; k++) {
            int wo = k * c;
            int lo = k * cells;
            if (nhwc) {
                for (int p = 0; p < cells; p++) {
                    int xo = p * c;
                    float sum = 0f;
                    for (int i = 0; i < c; i++) {
                        sum += x[xo + i] * weight[wo + i];
                    }
                    logits[lo + p] = sum + bias[k];
                }
            } else {
                java.util.Arrays.fill(logits, lo, lo + cells, bias[k]);
                for (int i = 0; i < c; i++) {
                    float wi = weight[wo + i];
                    int xo = i * cells;
                    for (int p = 0; p < cells; p++) {
                        logits[lo + p] += x[xo + p] * wi;
                    }
                }
            }
        }
    }

    /** {@code scores[k * cells + p]}: softmax over the classes of each cell's logits, or the logits. */
    void cellScores(float[] logits, int cells, float[] scores) {
        if (!softmax) {
            System.arraycopy(logits, 0, scores, 0, classes * cells);
            return;
        }
        for (int p = 0; p < cells; p++) {
            float max = Float.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) {
                max = Math.max(max, logits[k * cells + p]);
            }
            double sum = 0;
            for (int k = 0; k < classes; k++) {
                sum += Math.exp(logits[k * cells + p] - max);
            }
            for (int k = 0; k < classes; k++) {
                scores[k * cells + p] = (float) (Math.exp(logits[k * cells + p] - max) / sum);
            }
        }
    }
}
