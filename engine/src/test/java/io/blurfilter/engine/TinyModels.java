package io.blurfilter.engine;

import io.blurfilter.engine.format.ModelFile;
import io.blurfilter.engine.graph.Attributes;
import io.blurfilter.engine.graph.Graph;
import io.blurfilter.engine.graph.Node;
import io.blurfilter.engine.graph.OpType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** A small, valid classifier (conv, BN, hardswish, pool, gemm, softmax) with seeded weights. */
public final class TinyModels {
    private TinyModels() {}

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
