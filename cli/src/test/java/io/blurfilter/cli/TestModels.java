package io.blurfilter.cli;

import io.blurfilter.engine.ModelMetadata;
import io.blurfilter.engine.Postprocessing;
import io.blurfilter.engine.Preprocessing;
import io.blurfilter.engine.Tensor;
import io.blurfilter.engine.format.ModelFile;
import io.blurfilter.engine.format.ModelReader;
import io.blurfilter.engine.format.ModelWriter;
import io.blurfilter.engine.graph.Attributes;
import io.blurfilter.engine.graph.Graph;
import io.blurfilter.engine.graph.MapOutput;
import io.blurfilter.engine.graph.Node;
import io.blurfilter.engine.graph.OpType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Small hand-built models for tests, so they do not depend on the trained default model.
 *
 * <p>{@link #laplacian} is a real (if crude) sharpness detector: a Laplacian filter over the summed
 * colour channels, split into positive and negative responses by two output channels and a ReLU,
 * averaged over the image, then mapped to two logits. Sharp images have strong edges, so a high
 * mean response means "clear"; blurred ones score towards "blur".
 */
final class TestModels {
    private TestModels() {}

    /** Writes the Laplacian model to {@code file} and returns it. */
    static Path laplacian(Path file) throws IOException {
        float[] lap = {0, 1, 0, 1, -4, 1, 0, 1, 0};
        float[] w = new float[2 * 3 * 9];
        for (int c = 0; c < 3; c++) {
            for (int k = 0; k < 9; k++) {
                w[c * 9 + k] = lap[k];          // output 0: +laplacian
                w[27 + c * 9 + k] = -lap[k];    // output 1: -laplacian
            }
        }
        Map<String, Tensor> weights = new LinkedHashMap<>();
        weights.put("lap.w", new Tensor(new int[] {2, 3, 3, 3}, w));
        // edge energy e = mean |laplacian|; logits: clear = K*e - B, blur = B - K*e. Calibrated on
        // ../shared/data/real-dev: sharp photos have e >= 1.15, blurred ones e <= 0.97; e = 1.06 scores 0.5.
        float k = 5f;
        float b = 5.3f;
        weights.put("fc.w", new Tensor(new int[] {2, 2}, new float[] {k, -k, k, -k}));
        weights.put("fc.b", new Tensor(new int[] {2}, new float[] {-b, b}));
        List<Node> nodes = List.of(
                new Node(OpType.CONV, "lap", List.of("x", "lap.w"), "edges",
                        Attributes.builder().ints("pads", 1, 1, 1, 1).build()),
                new Node(OpType.RELU, "abs", List.of("edges"), "energy_map", Attributes.NONE),
                new Node(OpType.GLOBAL_AVERAGE_POOL, "pool", List.of("energy_map"), "energy", Attributes.NONE),
                new Node(OpType.FLATTEN, "flat", List.of("energy"), "features", Attributes.NONE),
                new Node(OpType.GEMM, "fc", List.of("features", "fc.w", "fc.b"), "logits", Attributes.NONE),
                new Node(OpType.SOFTMAX, "softmax", List.of("logits"), "probs",
                        Attributes.builder().ints("axis", 1).build()));
        Graph graph = new Graph("x", new int[] {1, 3, -1, -1}, "probs", nodes, weights);
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("source_format", "hand-built test model");
        ModelMetadata meta = new ModelMetadata("test-laplacian", new int[] {1, 3, 224, 224},
                Preprocessing.resizeShortThenCrop(256, 224, 224), List.of("clear", "blur"),
                Postprocessing.threshold(0.5f, 1), provenance);
        ModelWriter.write(new ModelFile(meta, graph), file);
        return file;
    }

    /** The Laplacian model plus {@link #withMapHead}'s head at stride 1. */
    static Path laplacianWithMapHead(Path file) throws IOException {
        return withMapHead(laplacian(file), 1);
    }

    /**
     * Adds a one-node map head to the Laplacian-family model in {@code file} (rewritten): a 1x1 conv on
     * its edge energies (the ReLU's two channels) giving the blur logit {@code 3 e - 4}, declared at
     * {@code stride} (the model's convolution's). It calls edges blurred, the opposite of the classifier,
     * so whichever map a command used shows.
     */
    static Path withMapHead(Path file, int stride) throws IOException {
        ModelFile m = ModelReader.read(file);
        Graph g = m.graph();
        Map<String, Tensor> weights = new LinkedHashMap<>(g.weights());
        weights.put("head.w", new Tensor(new int[] {1, 2, 1, 1}, new float[] {3, 3}));
        weights.put("head.b", new Tensor(new int[] {1}, new float[] {-4}));
        List<Node> nodes = new java.util.ArrayList<>(g.nodes());
        nodes.add(new Node(OpType.CONV, "head", List.of("energy_map", "head.w", "head.b"), "blur_logit",
                Attributes.NONE));
        ModelWriter.write(new ModelFile(m.metadata(), new Graph(g.inputName(), g.inputShape(), g.outputName(),
                new MapOutput("blur_logit", stride), nodes, weights)), file);
        return file;
    }

    /** The Laplacian model with these named thresholds (operating points) beside its 0.5. */
    static Path laplacianWithOperatingPoints(Path file, Map<String, Float> points) throws IOException {
        ModelFile m = ModelReader.read(laplacian(file));
        ModelMetadata meta = m.metadata();
        ModelWriter.write(new ModelFile(new ModelMetadata(meta.name(), meta.inputShape(), meta.preprocessing(),
                meta.labels(), meta.postprocessing().withOperatingPoints(points), meta.provenance()), m.graph()), file);
        return file;
    }
}
