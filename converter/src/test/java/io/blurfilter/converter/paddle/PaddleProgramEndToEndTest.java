package io.blurfilter.converter.paddle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blurfilter.converter.ConversionResult;
import io.blurfilter.converter.ConvertOptions;
import io.blurfilter.converter.Converter;
import io.blurfilter.converter.SharedDir;
import io.blurfilter.engine.Model;
import io.blurfilter.engine.Tensor;
import io.blurfilter.engine.format.ModelFile;
import io.blurfilter.engine.graph.Graph;
import io.blurfilter.engine.graph.Node;
import io.blurfilter.engine.graph.OpType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Program-only fixtures (legacy PP-LCNet x1_0 3-class, PIR PP-LCNet x1_0 doc_ori, both with last conv
 * and dropout; legacy MobileNetV2) parsed into the expected graphs, then run end to end with a
 * {@code .pdiparams} written here for the program's own parameters and checked against a float64
 * textbook interpreter of the same program.
 */
class PaddleProgramEndToEndTest {
    static Path fixture(String relative) {
        return SharedDir.path().resolve("fixtures").resolve(relative);
    }

    @Test
    void legacyLcnetParsesIntoTheExpectedProgram() throws Exception {
        PaddleProgram p = read(fixture("paddle-legacy-graphs/pplcnet_x1_0_3class/inference.pdmodel"));
        Map<String, Integer> ops = p.opCounts();
        assertEquals(Map.ofEntries(Map.entry("feed", 1), Map.entry("conv2d", 19), Map.entry("batch_norm", 27),
                Map.entry("hard_swish", 28), Map.entry("depthwise_conv2d", 13), Map.entry("pool2d", 3),
                Map.entry("reshape2", 4), Map.entry("elementwise_add", 5), Map.entry("relu", 2),
                Map.entry("hard_sigmoid", 2), Map.entry("elementwise_mul", 2), Map.entry("dropout", 1),
                Map.entry("flatten_contiguous_range", 1), Map.entry("matmul_v2", 1), Map.entry("softmax", 1),
                Map.entry("scale", 1), Map.entry("fetch", 1)), ops);
        assertEquals(112, ops.values().stream().mapToInt(Integer::intValue).sum());
        assertArrayEquals(new int[] {-1, 3, 224, 224}, p.inputShape());
        assertEquals("x", p.inputName());
        // 32 convs (19 + 13), 27 BN x 4, 4 SE conv biases, fc weight + bias.
        assertEquals(32 + 27 * 4 + 4 + 2, p.parameters().size());
        assertArrayEquals(new long[] {1280, 3}, p.parameter("linear_0.w_0_deepcopy_25840").dims(),
                "Paddle Linear weight is [in, out]");
        List<String> sorted = p.parameterNamesInFileOrder();
        assertTrue(sorted.get(0).startsWith("batch_norm2d_0.b_0"), sorted.get(0));
        assertTrue(sorted.get(sorted.size() - 1).startsWith("linear_0.w_0"));
    }

    @Test
    void legacyLcnetRunsEndToEnd(@TempDir Path tmp) throws Exception {
        Path dir = fixture("paddle-legacy-graphs/pplcnet_x1_0_3class");
        PaddleProgram p = read(dir.resolve("inference.pdmodel"));
        Map<String, float[]> weights = PdiparamsWriter.randomWeights(p, 7);
        Files.copy(dir.resolve("inference.pdmodel"), tmp.resolve("inference.pdmodel"));
        Files.copy(dir.resolve("inference.yml"), tmp.resolve("inference.yml"));
        Files.write(tmp.resolve("inference.pdiparams"), PdiparamsWriter.randomFile(p, weights));
        ConversionResult r = Converter.convertPaddle(List.of(tmp), new ConvertOptions());
        assertEquals(List.of("def", "green", "red"), r.model().metadata().labels());
        assertEquals(256, r.model().metadata().preprocessing().resizeShort());
        assertEquals(224, r.model().metadata().preprocessing().cropWidth());
        compareWithReference(p, weights, r.model(), new int[] {1, 3, 224, 224}, 11);
    }

    @Test
    void pirDocOriParsesAndDropoutBecomesScale(@TempDir Path tmp) throws Exception {
        Path dir = fixture("paddle-pir-graph-lcnet-x1_0-doc-ori");
        PaddleProgram p = read(dir.resolve("inference.json"));
        Map<String, Integer> ops = p.opCounts();
        assertEquals(19, ops.get("conv2d"));
        assertEquals(13, ops.get("depthwise_conv2d"));
        assertEquals(27, ops.get("batch_norm_"));
        assertEquals(28, ops.get("hardswish"));
        assertEquals(1, ops.get("dropout"));
        assertEquals(146, p.parameters().size());
        Map<String, float[]> weights = PdiparamsWriter.randomWeights(p, 11);
        Files.copy(dir.resolve("inference.json"), tmp.resolve("inference.json"));
        Files.write(tmp.resolve("inference.pdiparams"), PdiparamsWriter.randomFile(p, weights));
        ConversionResult raw = Converter.convertPaddle(List.of(tmp), new ConvertOptions().optimize(false)
                .labels(List.of("0", "90", "180", "270")));
        Graph g = raw.model().graph();
        Node dropout = g.nodes().stream().filter(n -> n.op() == OpType.SCALE).findFirst().orElseThrow();
        assertEquals(0.8f, dropout.attributes().floatValue("scale", 0), 1e-7f, "downgrade_in_infer: x * (1 - 0.2)");
        assertEquals(32, g.opCounts().get(OpType.CONV));
        assertEquals(1, g.opCounts().get(OpType.SCALE));
        int[] fc = g.weight(g.nodes().stream().filter(n -> n.op() == OpType.GEMM).findFirst().orElseThrow().input(1))
                .shape();
        assertArrayEquals(new int[] {1280, 4}, fc);
        ConversionResult r = Converter.convertPaddle(List.of(tmp), new ConvertOptions()
                .labels(List.of("0", "90", "180", "270")));
        compareWithReference(p, weights, r.model(), new int[] {1, 3, 224, 224}, 5);
    }

    @Test
    void legacyMobileNetV2Parses() throws Exception {
        PaddleProgram p = read(fixture("paddle-legacy-graphs/mobilenetv2/inference.pdmodel"));
        Map<String, Integer> ops = p.opCounts();
        assertEquals(36, ops.get("relu6"));
        assertEquals(1, ops.get("matmul"));
        assertEquals(53, ops.get("batch_norm"));
        assertEquals(36 + 17, ops.get("conv2d") + ops.get("depthwise_conv2d"));
        assertEquals(1, ops.get("scale"));
    }

    @Test
    void legacyMobileNetV2RunsEndToEnd(@TempDir Path tmp) throws Exception {
        Path src = fixture("paddle-legacy-graphs/mobilenetv2/inference.pdmodel");
        PaddleProgram p = read(src);
        Map<String, float[]> weights = PdiparamsWriter.randomWeights(p, 3);
        Files.copy(src, tmp.resolve("inference.pdmodel"));
        Files.write(tmp.resolve("inference.pdiparams"), PdiparamsWriter.randomFile(p, weights));
        ConversionResult r = Converter.convertPaddle(List.of(tmp), new ConvertOptions());
        compareWithReference(p, weights, r.model(), new int[] {1, 3, 224, 224}, 3);
    }

    static PaddleProgram read(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        return file.toString().endsWith(".json") ? PirProgramReader.read(file.getFileName().toString(), bytes)
                : LegacyProgramReader.read(file.getFileName().toString(), bytes);
    }

    static void compareWithReference(PaddleProgram p, Map<String, float[]> weights, ModelFile model, int[] shape,
            long seed) {
        Random rnd = new Random(seed);
        float[] x = new float[shape[1] * shape[2] * shape[3]];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        NaivePaddleInterpreter ref = new NaivePaddleInterpreter(p, weights);
        double[] expectedLogits = ref.run(shape, x, "softmax");
        double[] expectedProbs = softmax(expectedLogits);
        try (Model probs = Model.of(model); Model logits = Model.of(withoutFinalSoftmax(model))) {
            float[] got = probs.run(new Tensor(shape, x)).data();
            float[] gotLogits = logits.run(new Tensor(shape, x)).data();
            for (int i = 0; i < got.length; i++) {
                assertEquals(expectedProbs[i], got[i], 1e-5, "probability " + i);
                assertEquals(expectedLogits[i], gotLogits[i], 1e-4, "logit " + i);
            }
            // Non-trivial logits, or the comparison proves little.
            double spread = 0;
            for (double l : expectedLogits) {
                spread = Math.max(spread, Math.abs(l - expectedLogits[0]));
            }
            assertTrue(spread > 1e-3, "logit spread " + spread);
        }
    }

    static double[] softmax(double[] logits) {
        double max = java.util.Arrays.stream(logits).max().orElseThrow();
        double[] e = java.util.Arrays.stream(logits).map(l -> Math.exp(l - max)).toArray();
        double sum = java.util.Arrays.stream(e).sum();
        return java.util.Arrays.stream(e).map(v -> v / sum).toArray();
    }

    static ModelFile withoutFinalSoftmax(ModelFile m) {
        Graph g = m.graph();
        List<Node> nodes = new ArrayList<>(g.nodes());
        Node last = nodes.remove(nodes.size() - 1);
        assertEquals(OpType.SOFTMAX, last.op());
        return new ModelFile(m.metadata(), new Graph(g.inputName(), g.inputShape(), last.input(0), nodes,
                g.weights()));
    }
}
