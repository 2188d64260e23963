package io.blurfilter.engine.kernels;

import io.blurfilter.engine.Tensor;
import io.blurfilter.engine.graph.Attributes;
import io.blurfilter.engine.graph.Graph;
import io.blurfilter.engine.graph.Node;
import io.blurfilter.engine.graph.OpType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Builds small graphs with seeded random weights, in the shape the optimizer leaves (BN folded, activations fused). */
final class TestGraph {
    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, Tensor> weights = new LinkedHashMap<>();
    private final SplittableRandom random;
    private final int[] inputShape;
    private int count;

    TestGraph(long seed, int... inputShape) {
        this.random = new SplittableRandom(seed);
        this.inputShape = inputShape;
    }

    String input() {
        return "x";
    }

    Graph build(String output) {
        return new Graph("x", inputShape, output, nodes, weights);
    }

    /** Conv with pads (k-1)/2 on every side, bias, and a fused activation ("none" for none). */
    String conv(String x, int inC, int outC, int k, int stride, int group, String act) {
        return conv(x, inC, outC, k, k, stride, stride, group, new int[] {(k - 1) / 2, (k - 1) / 2, (k - 1) / 2,
            (k - 1) / 2}, 1, act, 0f, 0f);
    }

    String conv(String x, int inC, int outC, int kh, int kw, int sh, int sw, int group, int[] pads, int dil,
            String act, float alpha, float beta) {
        int fanIn = inC / group * kh * kw;
        String w = weight(new int[] {outC, inC / group, kh, kw}, (float) Math.sqrt(3.0 / fanIn));
        String b = weight(new int[] {outC}, 0.2f);
        Attributes.Builder a = Attributes.builder().ints("strides", sh, sw).ints("pads", pads)
                .ints("dilations", dil, dil).ints("group", group);
        if (!act.equals("none")) {
            a.string("activation", act).floats("act_alpha", alpha).floats("act_beta", beta);
        }
        return node(OpType.CONV, a.build(), x, w, b);
    }

    String node(OpType op, Attributes a, String... inputs) {
        String out = "v" + (++count);
        nodes.add(new Node(op, "n" + count, List.of(inputs), out, a));
        return out;
    }

    String weight(int[] shape, float scale) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        float[] data = new float[n];
        for (int i = 0; i < n; i++) {
            data[i] = (float) ((random.nextDouble() * 2 - 1) * scale);
        }
        String name = "w" + weights.size();
        weights.put(name, new Tensor(shape, data));
        return name;
    }

    /** Squeeze-excitation as PP-LCNet has it: pool, 1x1 relu, 1x1 hardsigmoid, channel scale. */
    String se(String x, int c) {
        String s = node(OpType.GLOBAL_AVERAGE_POOL, Attributes.NONE, x);
        s = conv(s, c, c / 4, 1, 1, 1, "relu");
        s = conv(s, c / 4, c, 1, 1, 1, 1, 1, new int[] {0, 0, 0, 0}, 1, "hardsigmoid", 1f / 6, 0.5f);
        return node(OpType.MUL, Attributes.NONE, x, s);
    }

    /** Global pool, optional 1x1 expansion with hardswish, flatten, fully connected, softmax. */
    String head(String x, int c, int expand, int classes) {
        String h = node(OpType.GLOBAL_AVERAGE_POOL, Attributes.NONE, x);
        if (expand > 0) {
            String w = weight(new int[] {expand, c, 1, 1}, (float) Math.sqrt(3.0 / c));
            h = node(OpType.CONV, Attributes.builder().string("activation", "hardswish").build(), h, w);
            c = expand;
        }
        h = node(OpType.FLATTEN, Attributes.builder().ints("axis", 1).build(), h);
        String fc = weight(new int[] {classes, c}, (float) Math.sqrt(3.0 / c));
        String fb = weight(new int[] {classes}, 0.1f);
        h = node(OpType.GEMM, Attributes.builder().ints("transB", 1).build(), h, fc, fb);
        return node(OpType.SOFTMAX, Attributes.builder().ints("axis", -1).build(), h);
    }

    float[] randomInput() {
        int n = 1;
        for (int d : inputShape) {
            n *= d;
        }
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (random.nextDouble() * 4 - 2);
        }
        return x;
    }
}
