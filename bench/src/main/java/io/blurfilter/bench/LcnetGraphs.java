package io.blurfilter.bench;

import io.blurfilter.engine.ModelMetadata;
import io.blurfilter.engine.Postprocessing;
import io.blurfilter.engine.Preprocessing;
import io.blurfilter.engine.Tensor;
import io.blurfilter.engine.format.ModelFile;
import io.blurfilter.engine.graph.Attributes;
import io.blurfilter.engine.graph.Graph;
import io.blurfilter.engine.graph.Node;
import io.blurfilter.engine.graph.OpType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * PP-LCNet (model-weights/training/pplcnet.py, PaddleClas layout) built straight on the engine's graph
 * API with seeded random weights, BatchNorm already folded and activations fused, as the optimizer
 * would leave a converted model: same shapes and ops as the ONNX fixtures, so the same work.
 */
public final class LcnetGraphs {
    /** k, in, out, stride, se per depthwise-separable block (blocks2..blocks6). */
    private static final int[][] BLOCKS = {
        {3, 16, 32, 1, 0},
        {3, 32, 64, 2, 0}, {3, 64, 64, 1, 0},
        {3, 64, 128, 2, 0}, {3, 128, 128, 1, 0},
        {3, 128, 256, 2, 0}, {5, 256, 256, 1, 0}, {5, 256, 256, 1, 0}, {5, 256, 256, 1, 0}, {5, 256, 256, 1, 0},
        {5, 256, 256, 1, 0},
        {5, 256, 512, 2, 1}, {5, 512, 512, 1, 1},
    };

    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, Tensor> weights = new LinkedHashMap<>();
    private final SplittableRandom random;
    private int count;

    private LcnetGraphs(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** PP-LCNet at {@code scale}, 2 classes with softmax, input [1, 3, size, size]. */
    public static ModelFile lcnet(double scale, boolean lastConv, int size) {
        LcnetGraphs b = new LcnetGraphs(Math.round(scale * 1000) + (lastConv ? 1 : 0));
        Graph g = b.build(scale, lastConv);
        String name = "pplcnet_x" + scale + (lastConv ? "_last" : "_nolast");
        ModelMetadata meta = new ModelMetadata(name, new int[] {1, 3, size, size}, Preprocessing.imagenet(),
                List.of("blurry", "clear"), Postprocessing.top1(), Map.of("source", "bench random weights"));
        return new ModelFile(meta, g);
    }

    static int makeDivisible(double v) {
        int d = 8;
        int n = Math.max(d, (int) (v + d / 2.0) / d * d);
        return n < 0.9 * v ? n + d : n;
    }

    private Graph build(double scale, boolean lastConv) {
        int stem = makeDivisible(16 * scale);
        String x = conv("x", 3, stem, 3, 2, 1, true, "hardswish");
        for (int[] blk : BLOCKS) {
            int in = makeDivisible(blk[1] * scale);
            int out = makeDivisible(blk[2] * scale);
            x = conv(x, in, in, blk[0], blk[3], in, true, "hardswish");
            if (blk[4] == 1) {
                x = se(x, in);
            }
            x = conv(x, in, out, 1, 1, 1, true, "hardswish");
        }
        int feat = makeDivisible(512 * scale);
        String h = node(OpType.GLOBAL_AVERAGE_POOL, Attributes.NONE, x);
        if (lastConv) {
            h = conv(h, feat, 1280, 1, 1, 1, false, "hardswish");
            feat = 1280;
        }
        h = node(OpType.FLATTEN, Attributes.builder().ints("axis", 1).build(), h);
        h = node(OpType.GEMM, Attributes.builder().ints("transB", 1).build(), h,
                weight(new int[] {2, feat}, Math.sqrt(3.0 / feat)), weight(new int[] {2}, 0.1));
        String out = node(OpType.SOFTMAX, Attributes.builder().ints("axis", -1).build(), h);
        return new Graph("x", new int[] {-1, 3, -1, -1}, out, nodes, weights);
    }

    private String se(String x, int c) {
        String s = node(OpType.GLOBAL_AVERAGE_POOL, Attributes.NONE, x);
        s = conv(s, c, c / 4, 1, 1, 1, true, "relu");
        s = node(OpType.CONV, Attributes.builder().string("activation", "hardsigmoid").floats("act_alpha", 1f / 6)
                .floats("act_beta", 0.5f).build(), s, weight(new int[] {c, c / 4, 1, 1}, Math.sqrt(3.0 / (c / 4))),
                weight(new int[] {c}, 0.5));
        return node(OpType.MUL, Attributes.NONE, x, s);
    }

    private String conv(String x, int in, int out, int k, int stride, int group, boolean bias, String act) {
        int pad = (k - 1) / 2;
        int fanIn = in / group * k * k;
        Attributes a = Attributes.builder().ints("strides", stride, stride).ints("pads", pad, pad, pad, pad)
                .ints("group", group).string("activation", act).build();
        String w = weight(new int[] {out, in / group, k, k}, Math.sqrt(6.0 / fanIn));
        return bias ? node(OpType.CONV, a, x, w, weight(new int[] {out}, 0.2)) : node(OpType.CONV, a, x, w);
    }

    private String node(OpType op, Attributes a, String... inputs) {
        String out = "v" + (++count);
        nodes.add(new Node(op, "n" + count, List.of(inputs), out, a));
        return out;
    }

    private String weight(int[] shape, double scale) {
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
}
