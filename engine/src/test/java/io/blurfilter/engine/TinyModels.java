package io.blurfilter.engine;

import io.blurfilter.engine.format.ModelFile;
import io.blurfilter.engine.graph.Attributes;
import io.blurfilter.engine.graph.Graph;
import io.blurfilter.engine.graph.MapOutput;
import io.blurfilter.engine.graph.Node;
import io.blurfilter.engine.graph.OpType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Small, valid classifiers with seeded weights. */
public final class TinyModels {
    private TinyModels() {}

    /** Conv, BN, hardswish, pool, gemm, softmax. */
    public static ModelFile classifier(long seed) {
        Random r = new Random(seed);
        Map<String, Tensor> w = new LinkedHashMap<>();
        w.put("conv.w", random(r, 4, 3, 3, 3));
        w.put("bn.scale", random(r, 4));
        w.put("bn.bias", random(r, 4));
        w.put("bn.mean", random(r, 4));
        w.put("bn.var", positive(r, 4));
        w.put("fc.w", random(r, 2, 4));
        w.put("fc.b", random(r, 2));
        List<Node> nodes = List.of(
                new Node(OpType.CONV, "conv", List.of("x", "conv.w"), "c",
                        Attributes.builder().ints("strides", 2, 2).ints("pads", 1, 1, 1, 1).build()),
                new Node(OpType.BATCH_NORM, "bn", List.of("c", "bn.scale", "bn.bias", "bn.mean", "bn.var"), "b",
                        Attributes.builder().floats("epsilon", 1e-5f).build()),
                new Node(OpType.HARD_SWISH, "act", List.of("b"), "a", Attributes.NONE),
                new Node(OpType.GLOBAL_AVERAGE_POOL, "pool", List.of("a"), "p", Attributes.NONE),
                new Node(OpType.FLATTEN, "flat", List.of("p"), "f", Attributes.NONE),
                new Node(OpType.GEMM, "fc", List.of("f", "fc.w", "fc.b"), "logits",
                        Attributes.builder().ints("transB", 1).build()),
                new Node(OpType.SOFTMAX, "softmax", List.of("logits"), "probs", Attributes.NONE));
        Graph g = new Graph("x", new int[] {1, 3, -1, -1}, "probs", nodes, w);
        ModelMetadata meta = new ModelMetadata("tiny \"test\" model", new int[] {1, 3, 32, 32},
                Preprocessing.resizeShortThenCrop(36, 32, 32), List.of("clear", "blur"),
                Postprocessing.threshold(0.5f, 1), Map.of("source_format", "test", "note", "línea\tdos"));
        return new ModelFile(meta, g);
    }

    /**
     * A classifier whose features pass through Log and two Resizes (linear x2 by x4, then nearest x2 by
     * x1) before the pool: the sigmoid keeps the log's input positive.
     */
    public static ModelFile upsampling(long seed) {
        Random r = new Random(seed);
        Map<String, Tensor> w = new LinkedHashMap<>();
        w.put("conv.w", random(r, 4, 3, 3, 3));
        w.put("fc.w", random(r, 2, 4));
        w.put("fc.b", random(r, 2));
        List<Node> nodes = List.of(
                new Node(OpType.CONV, "conv", List.of("x", "conv.w"), "c",
                        Attributes.builder().ints("pads", 1, 1, 1, 1).string("activation", "sigmoid").build()),
                new Node(OpType.LOG, "log", List.of("c"), "l", Attributes.NONE),
                new Node(OpType.RESIZE, "up", List.of("l"), "u",
                        Attributes.builder().ints("scales", 2, 4).string("mode", "linear").build()),
                new Node(OpType.RESIZE, "near", List.of("u"), "n",
                        Attributes.builder().ints("scales", 2, 1).string("mode", "nearest").build()),
                new Node(OpType.GLOBAL_AVERAGE_POOL, "pool", List.of("n"), "p", Attributes.NONE),
                new Node(OpType.FLATTEN, "flat", List.of("p"), "f", Attributes.NONE),
                new Node(OpType.GEMM, "fc", List.of("f", "fc.w", "fc.b"), "logits",
                        Attributes.builder().ints("transB", 1).build()),
                new Node(OpType.SOFTMAX, "softmax", List.of("logits"), "probs", Attributes.NONE));
        Graph g = new Graph("x", new int[] {1, 3, -1, -1}, "probs", nodes, w);
        ModelMetadata meta = new ModelMetadata("tiny upsampling model", new int[] {1, 3, 32, 32},
                Preprocessing.resizeShortThenCrop(36, 32, 32), List.of("clear", "blur"),
                Postprocessing.threshold(0.5f, 1), Map.of("source_format", "test"));
        return new ModelFile(meta, g);
    }

    /**
     * {@link #classifier} plus a small FPN-like map head on its stride-2 features: a 1x1 conv and a
     * stride-2 3x3 conv upsampled x2 (linear), added, relu, a 1x1 conv to one logit; declared as
     * {@code output map ml stride 2}.
     */
    public static ModelFile withMapHead(long seed) {
        ModelFile base = classifier(seed);
        Random r = new Random(seed + 1000);
        Map<String, Tensor> w = new LinkedHashMap<>(base.graph().weights());
        w.put("h1.w", random(r, 2, 4, 1, 1));
        w.put("h2.w", random(r, 2, 4, 3, 3));
        w.put("out.w", random(r, 1, 2, 1, 1));
        w.put("out.b", random(r, 1));
        List<Node> nodes = new java.util.ArrayList<>(base.graph().nodes());
        nodes.addAll(mapHeadNodes());
        Graph g = new Graph("x", new int[] {1, 3, -1, -1}, "probs", new MapOutput("ml", 2), nodes, w);
        return new ModelFile(base.metadata(), g);
    }

    /** The head of {@link #withMapHead}, reading the classifier's activation {@code a}. */
    static List<Node> mapHeadNodes() {
        return List.of(
                new Node(OpType.CONV, "h1", List.of("a", "h1.w"), "h1o", Attributes.NONE),
                new Node(OpType.CONV, "h2", List.of("a", "h2.w"), "h2o",
                        Attributes.builder().ints("strides", 2, 2).ints("pads", 1, 1, 1, 1).build()),
                new Node(OpType.RESIZE, "up", List.of("h2o"), "u",
                        Attributes.builder().ints("scales", 2, 2).string("mode", "linear").build()),
                new Node(OpType.ADD, "sum", List.of("h1o", "u"), "s", Attributes.NONE),
                new Node(OpType.RELU, "relu", List.of("s"), "rs", Attributes.NONE),
                new Node(OpType.CONV, "out", List.of("rs", "out.w", "out.b"), "ml", Attributes.NONE));
    }

    /** A {@code w x h} image of random ARGB pixels. */
    static Image randomImage(Random r, int w, int h) {
        int[] px = new int[w * h];
        for (int i = 0; i < px.length; i++) {
            px[i] = r.nextInt();
        }
        return Image.ofArgb(px, w, h);
    }

    static Tensor random(Random r, int... shape) {
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.size(); i++) {
            t.data()[i] = (float) r.nextGaussian();
        }
        return t;
    }

    static Tensor positive(Random r, int... shape) {
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.size(); i++) {
            t.data()[i] = 0.5f + r.nextFloat();
        }
        return t;
    }
}
