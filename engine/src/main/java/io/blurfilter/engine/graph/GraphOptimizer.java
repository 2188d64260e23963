package io.blurfilter.engine.graph;

import io.blurfilter.engine.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rewrites that leave the results unchanged (up to float rounding) and make the graph cheaper:
 * BatchNorm folded into the preceding Conv, an activation fused into the preceding Conv or Gemm,
 * Identity removed. Only values with a single reader are fused, and the graph output is never
 * renamed away.
 */
public final class GraphOptimizer {
    private GraphOptimizer() {}

    public static Graph optimize(Graph g) {
        GraphValidator.validate(g);
        List<Node> nodes = new ArrayList<>(g.nodes());
        Map<String, Tensor> weights = new LinkedHashMap<>(g.weights());
        removeIdentities(g, nodes);
        foldBatchNorms(g, nodes, weights);
        fuseActivations(g, nodes);
        dropUnusedWeights(nodes, weights);
        Graph out = g.withNodes(nodes, weights);
        GraphValidator.validate(out);
        return out;
    }

    private static Map<String, Integer> readers(Graph g, List<Node> nodes) {
        Map<String, Integer> count = new HashMap<>();
        for (Node n : nodes) {
            for (String in : n.inputs()) {
                count.merge(in, 1, Integer::sum);
            }
        }
        count.merge(g.outputName(), 1, Integer::sum);
        if (g.mapOutput() != null) {
            count.merge(g.mapOutput().value(), 1, Integer::sum);
        }
        return count;
    }

    private static int producerIndex(List<Node> nodes, String value) {
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).output().equals(value)) {
                return i;
            }
        }
        return -1;
    }

    private static void removeIdentities(Graph g, List<Node> nodes) {
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            if (n.op() != OpType.IDENTITY || n.output().equals(g.outputName())
                    || g.mapOutput() != null && n.output().equals(g.mapOutput().value())) {
                continue;
            }
            String from = n.output();
            String to = n.input(0);
            nodes.remove(i--);
            for (int j = 0; j < nodes.size(); j++) {
                Node m = nodes.get(j);
                if (m.inputs().contains(from)) {
                    List<String> ins = new ArrayList<>(m.inputs());
                    ins.replaceAll(s -> s.equals(from) ? to : s);
                    nodes.set(j, m.withInputs(ins));
                }
            }
        }
    }

    /** conv(x, W, b) -> bn: W' = W * k, b' = (b - mean) * k + beta, with k = gamma / sqrt(var + eps). */
    private static void foldBatchNorms(Graph g, List<Node> nodes, Map<String, Tensor> weights) {
        for (int i = 0; i < nodes.size(); i++) {
            Node bn = nodes.get(i);
            if (bn.op() != OpType.BATCH_NORM) {
                continue;
            }
            int p = producerIndex(nodes, bn.input(0));
            if (p < 0) {
                continue;
            }
            Node conv = nodes.get(p);
            if (conv.op() != OpType.CONV || conv.attributes().has("activation")
                    || readers(g, nodes).get(conv.output()) != 1) {
                continue;
            }
            Tensor w = weights.get(conv.input(1));
            Tensor b = conv.inputs().size() > 2 ? weights.get(conv.input(2)) : null;
            int outC = w.dim(0);
            float[] gamma = weights.get(bn.input(1)).data();
            float[] beta = weights.get(bn.input(2)).data();
            float[] mean = weights.get(bn.input(3)).data();
            float[] var = weights.get(bn.input(4)).data();
            float eps = bn.attributes().floatValue("epsilon", 1e-5f);
            float[] src = w.data();
            float[] folded = new float[src.length];
            float[] bias = new float[outC];
            int per = src.length / outC;
            for (int o = 0; o < outC; o++) {
                double k = gamma[o] / Math.sqrt((double) var[o] + eps);
                for (int j = 0; j < per; j++) {
                    folded[o * per + j] = (float) (src[o * per + j] * k);
                }
                double b0 = b == null ? 0 : b.data()[o];
                bias[o] = (float) ((b0 - mean[o]) * k + beta[o]);
            }
            String wName = unique(weights, conv.name() + ".folded_w");
            String bName = unique(weights, conv.name() + ".folded_b");
            weights.put(wName, new Tensor(w.shape(), folded));
            weights.put(bName, new Tensor(new int[] {outC}, bias));
            Node fused = new Node(OpType.CONV, conv.name(), Arrays.asList(conv.input(0), wName, bName), bn.output(),
                    conv.attributes());
            nodes.set(p, fused);
            nodes.remove(i--);
        }
    }

    private static void fuseActivations(Graph g, List<Node> nodes) {
        for (int i = 0; i < nodes.size(); i++) {
            Node act = nodes.get(i);
            Activation kind = Activation.of(act.op());
            if (kind == null) {
                continue;
            }
            int p = producerIndex(nodes, act.input(0));
            if (p < 0) {
                continue;
            }
            Node prod = nodes.get(p);
            if ((prod.op() != OpType.CONV && prod.op() != OpType.GEMM) || prod.attributes().has("activation")
                    || readers(g, nodes).get(prod.output()) != 1) {
                continue;
            }
            Attributes.Builder b = prod.attributes().toBuilder().string("activation", kind.fileName());
            if (kind == Activation.HARD_SIGMOID) {
                b.floats("act_alpha", act.attributes().floatValue("alpha", 0f))
                        .floats("act_beta", act.attributes().floatValue("beta", 0f));
            } else if (kind == Activation.CLIP) {
                b.floats("act_alpha", act.attributes().floatValue("min", 0f))
                        .floats("act_beta", act.attributes().floatValue("max", 0f));
            }
            nodes.set(p, prod.withAttributes(b.build()).withOutput(act.output()));
            nodes.remove(i--);
        }
    }

    private static void dropUnusedWeights(List<Node> nodes, Map<String, Tensor> weights) {
        Map<String, Boolean> used = new HashMap<>();
        for (Node n : nodes) {
            for (String in : n.inputs()) {
                used.put(in, true);
            }
        }
        weights.keySet().removeIf(k -> !used.containsKey(k));
    }

    private static String unique(Map<String, Tensor> weights, String base) {
        String name = ValueNames.sanitize(base);
        for (int k = 1; weights.containsKey(name); k++) {
            name = ValueNames.sanitize(base + "_" + k);
        }
        return name;
    }
}
