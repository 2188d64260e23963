package io.blurfilter.converter.lower;

import io.blurfilter.engine.Tensor;
import io.blurfilter.engine.graph.Attributes;
import io.blurfilter.engine.graph.Graph;
import io.blurfilter.engine.graph.Node;
import io.blurfilter.engine.graph.OpType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rewrites that undo how exporters spell things, so the engine sees one op per concept:
 * <ul>
 *   <li>Conv followed by Add of a per-channel constant (Paddle exports the SE conv bias that way) ⇒
 *       Conv with bias; Gemm followed by Add of a per-column constant (Paddle Linear, ONNX MatMul+Add)
 *       ⇒ Gemm with bias;</li>
 *   <li>{@code x * HardSigmoid(x; 1/6, 0.5)} (PyTorch opset &lt; 14) and
 *       {@code x * Clip(x + 3, 0, 6) / 6} (Paddle2ONNX) ⇒ HardSwish. Any other slope stays as separate
 *       ops, which compute exactly what the source says.</li>
 * </ul>
 * Each rewrite only fires when the intermediate values have no other reader. Weights nobody reads
 * afterwards are dropped. BatchNorm folding and activation fusion are the engine optimizer's job.
 */
final class Peephole {
    private static final float ONE_SIXTH = (float) (1.0 / 6.0);

    private final List<Node> nodes;
    private final Map<String, Tensor> weights;
    private final String output;
    /** The map head's output, or null; kept as a value like {@link #output}. */
    private final String mapOutput;
    private final Map<String, Integer> producer = new HashMap<>();
    private final Map<String, Integer> uses = new HashMap<>();

    private Peephole(Graph g) {
        this.nodes = new ArrayList<>(g.nodes());
        this.weights = new LinkedHashMap<>(g.weights());
        this.output = g.outputName();
        this.mapOutput = g.mapOutput() == null ? null : g.mapOutput().value();
        for (int i = 0; i < nodes.size(); i++) {
            producer.put(nodes.get(i).output(), i);
            for (String in : nodes.get(i).inputs()) {
                uses.merge(in, 1, Integer::sum);
            }
        }
        uses.merge(output, 1, Integer::sum);
        if (mapOutput != null) {
            uses.merge(mapOutput, 1, Integer::sum);
        }
    }

    static Graph simplify(Graph g) {
        Peephole p = new Peephole(g);
        for (int i = 0; i < p.nodes.size(); i++) {
            Node n = p.nodes.get(i);
            if (n == null) {
                continue;
            }
            if (n.op() == OpType.ADD) {
                p.fuseBias(i, n);
            } else if (n.op() == OpType.MUL || n.op() == OpType.DIV) {
                if (!p.fuseHardSigmoidForm(i, n)) {
                    p.fuseClipForm(i, n);
                }
            }
        }
        return p.result(g);
    }

    private void fuseBias(int at, Node add) {
        String x = add.input(0);
        String b = add.input(1);
        if (weights.containsKey(x)) {
            String t = x;
            x = b;
            b = t;
        }
        Tensor bias = weights.get(b);
        Node prev = single(x);
        if (bias == null || prev == null) {
            return;
        }
        int[] bs = bias.shape();
        if (prev.op() == OpType.CONV && prev.inputs().size() == 2) {
            int channels = weights.get(prev.input(1)).dim(0);
            // Broadcast over axis 1 of NCHW only: [C,1,1] or [1,C,1,1] (a [C] bias would hit the width axis).
            boolean perChannel = bias.size() == channels
                    && ((bs.length == 3 && bs[1] == 1 && bs[2] == 1)
                    || (bs.length == 4 && bs[0] == 1 && bs[2] == 1 && bs[3] == 1));
            if (perChannel) {
                replace(at, add, prev, List.of(prev.input(0), prev.input(1), vector(b, bias)), prev.attributes());
            }
        } else if (prev.op() == OpType.GEMM && prev.inputs().size() == 2
                && prev.attributes().floatValue("beta", 1f) == 1f) {
            Tensor w = weights.get(prev.input(1));
            int n = prev.attributes().intValue("transB", 0) != 0 ? w.dim(0) : w.dim(1);
            boolean perColumn = bias.size() == n && (bs.length == 1 || (bs.length == 2 && bs[0] == 1));
            if (perColumn) {
                replace(at, add, prev, List.of(prev.input(0), prev.input(1), vector(b, bias)), prev.attributes());
            }
        }
    }

    /** {@code Mul(x, HardSigmoid(x))} with slope exactly 1/6 and offset 0.5. */
    private boolean fuseHardSigmoidForm(int at, Node mul) {
        if (mul.op() != OpType.MUL) {
            return false;
        }
        for (int side = 0; side < 2; side++) {
            Node hs = single(mul.input(side));
            String x = mul.input(1 - side);
            if (hs != null && hs.op() == OpType.HARD_SIGMOID && hs.input(0).equals(x)
                    && hs.attributes().floatValue("alpha", 0f) == ONE_SIXTH
                    && hs.attributes().floatValue("beta", 0f) == 0.5f) {
                remove(hs);
                nodes.set(at, new Node(OpType.HARD_SWISH, mul.name(), List.of(x), mul.output(), Attributes.NONE));
                return true;
            }
        }
        return false;
    }

    /** {@code Div(Mul(x, Clip(Add(x, 3), 0, 6)), 6)}, or the Mul/Div swapped, or Div as Mul by 1/6. */
    private void fuseClipForm(int at, Node top) {
        Float divisor = scalarOperand(top);
        if (divisor == null) {
            return;
        }
        boolean sixth = top.op() == OpType.DIV ? divisor == 6f : top.op() == OpType.MUL && divisor == ONE_SIXTH;
        if (!sixth) {
            return;
        }
        String inner = weights.containsKey(top.input(0)) ? top.input(1) : top.input(0);
        Node mid = single(inner);
        if (mid == null) {
            return;
        }
        Node clip;
        String x;
        if (mid.op() == OpType.MUL) {
            // x * clip(x + 3, 0, 6), then / 6
            Node c0 = single(mid.input(0));
            Node c1 = single(mid.input(1));
            clip = isRelu6Clip(c1) ? c1 : isRelu6Clip(c0) ? c0 : null;
            x = clip == c1 ? mid.input(0) : mid.input(1);
            if (clip == null || !addsThree(single(clip.input(0)), x)) {
                return;
            }
            remove(mid);
        } else {
            return;
        }
        Node add = single(clip.input(0));
        remove(clip);
        remove(add);
        nodes.set(at, new Node(OpType.HARD_SWISH, top.name(), List.of(x), top.output(), Attributes.NONE));
    }

    private static boolean isRelu6Clip(Node n) {
        return n != null && n.op() == OpType.CLIP && n.attributes().floatValue("min", 1f) == 0f
                && n.attributes().floatValue("max", 0f) == 6f;
    }

    private boolean addsThree(Node add, String x) {
        if (add == null || add.op() != OpType.ADD) {
            return false;
        }
        Float three = scalarOperand(add);
        return three != null && three == 3f && (add.input(0).equals(x) || add.input(1).equals(x));
    }

    /** The value of a one-element weight operand of a binary node, or null. */
    private Float scalarOperand(Node n) {
        for (String in : n.inputs()) {
            Tensor t = weights.get(in);
            if (t != null && t.size() == 1) {
                return t.data()[0];
            }
        }
        return null;
    }

    /** The producer of a value that exactly one node reads (and that is not the graph output). */
    private Node single(String value) {
        Integer p = producer.get(value);
        if (p == null || nodes.get(p) == null || uses.getOrDefault(value, 0) != 1 || value.equals(output)
                || value.equals(mapOutput)) {
            return null;
        }
        return nodes.get(p);
    }

    private void remove(Node n) {
        nodes.set(producer.get(n.output()), null);
    }

    private void replace(int at, Node consumer, Node fused, List<String> inputs, Attributes attrs) {
        remove(fused);
        nodes.set(at, new Node(fused.op(), fused.name(), inputs, consumer.output(), attrs));
    }

    /** A bias weight as a plain vector, stored under a fresh name if the original is read elsewhere. */
    private String vector(String name, Tensor t) {
        Tensor v = new Tensor(new int[] {t.size()}, t.data());
        if (uses.getOrDefault(name, 0) == 1) {
            weights.put(name, v);
            return name;
        }
        String fresh = name + "_vec";
        for (int i = 1; weights.containsKey(fresh) || producer.containsKey(fresh); i++) {
            fresh = name + "_vec" + i;
        }
        weights.put(fresh, v);
        return fresh;
    }

    private Graph result(Graph g) {
        List<Node> kept = new ArrayList<>();
        Map<String, Integer> read = new HashMap<>();
        for (Node n : nodes) {
            if (n != null) {
                kept.add(n);
                for (String in : n.inputs()) {
                    read.merge(in, 1, Integer::sum);
                }
            }
        }
        Map<String, Tensor> used = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> w : weights.entrySet()) {
            if (read.containsKey(w.getKey())) {
                used.put(w.getKey(), w.getValue());
            }
        }
        return g.withNodes(kept, used);
    }
}
