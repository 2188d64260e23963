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

    /**
     * A convolution on {@code x} to describe and then {@link ConvBuilder#add() add}: 1x1, stride 1, group 1,
     * dilation 1, pads {@code (k - 1) / 2 * dilation} on every side unless given, a bias, no activation.
     * Its weights and bias are drawn from this graph's random sequence when it is added.
     */
    ConvBuilder conv(String x, int inC, int outC) {
        return new ConvBuilder(x, inC, outC);
    }

    /** One convolution's settings; {@link #add()} draws its weights and appends the node. */
    final class ConvBuilder {
        private final String x;
        private final int inC;
        private final int outC;
        private int kh = 1;
        private int kw = 1;
        private int sh = 1;
        private int sw = 1;
        private int group = 1;
        private int dilation = 1;
        private int[] pads;
        private String act = "none";
        private float alpha;
        private float beta;

        private ConvBuilder(String x, int inC, int outC) {
            this.x = x;
            this.inC = inC;
            this.outC = outC;
        }

        ConvBuilder kernel(int k) {
            return kernel(k, k);
        }

        ConvBuilder kernel(int height, int width) {
            kh = height;
            kw = width;
            return this;
        }

        ConvBuilder stride(int s) {
            return stride(s, s);
        }

        ConvBuilder stride(int height, int width) {
            sh = height;
            sw = width;
            return this;
        }

        ConvBuilder group(int g) {
            group = g;
            return this;
        }

        /** ONNX order: top, left, bottom, right. */
        ConvBuilder pads(int top, int left, int bottom, int right) {
            pads = new int[] {top, left, bottom, right};
            return this;
        }

        ConvBuilder dilation(int d) {
            dilation = d;
            return this;
        }

        /** A fused activation with {@code act_alpha} and {@code act_beta} 0 ("none" for none). */
        ConvBuilder act(String name) {
            return act(name, 0f, 0f);
        }

        ConvBuilder act(String name, float actAlpha, float actBeta) {
            act = name;
            alpha = actAlpha;
            beta = actBeta;
            return this;
        }

        /** Draws the weights (then the bias), appends the node and returns its output. */
        String add() {
            int[] p = pads != null ? pads : new int[] {(kh - 1) / 2 * dilation, (kw - 1) / 2 * dilation,
                (kh - 1) / 2 * dilation, (kw - 1) / 2 * dilation};
            int fanIn = inC / group * kh * kw;
            String w = weight(new int[] {outC, inC / group, kh, kw}, (float) Math.sqrt(3.0 / fanIn));
            String b = weight(new int[] {outC}, 0.2f);
            Attributes.Builder a = Attributes.builder().ints("strides", sh, sw).ints("pads", p)
                    .ints("dilations", dilation, dilation).ints("group", group);
            if (!act.equals("none")) {
                a.string("activation", act).floats("act_alpha", alpha).floats("act_beta", beta);
            }
            return node(OpType.CONV, a.build(), x, w, b);
        }
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
        s = conv(s, c, c / 4).act("relu").add();
        s = conv(s, c / 4, c).act("hardsigmoid", 1f / 6, 0.5f).add();
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
