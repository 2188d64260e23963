package io.blurfilter.converter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blurfilter.converter.json.Json;
import io.blurfilter.converter.json.JsonParser;
import io.blurfilter.engine.Model;
import io.blurfilter.engine.Tensor;
import io.blurfilter.engine.format.ModelFile;
import io.blurfilter.engine.graph.Graph;
import io.blurfilter.engine.graph.Node;
import io.blurfilter.engine.graph.OpType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * PyTorch-exported PP-LCNet ONNX fixtures (onnx-lcnet/README.md): converted models against ONNX
 * Runtime (probabilities, 1e-5) and against the stored PyTorch/float64 references (probabilities 1e-5,
 * pre-softmax logits 1e-4), at 224x224 and 80x160 on one converted file (dynamic H, W).
 */
class OnnxLcnetFixturesTest {
    static final Path DIR = Fixtures.resource("onnx-lcnet");

    static Stream<String> models() throws Exception {
        Map<String, Object> manifest = Json.obj(JsonParser.parse(Files.readString(DIR.resolve("manifest.json"))), "m");
        List<String> files = new ArrayList<>();
        for (Object m : Json.arr(manifest.get("models"), "models")) {
            files.add(Json.str(Json.obj(m, "model").get("file"), "file"));
        }
        assertEquals(12, files.size());
        return files.stream();
    }

    @ParameterizedTest
    @MethodSource("models")
    void matchesOrtAndReferences(String file) throws Exception {
        Path onnx = DIR.resolve(file);
        ModelFile converted = Converter.convertOnnx(onnx, new ConvertOptions().inputShape(1, 3, 224, 224)).model();
        Map<OpType, Integer> raw = Converter.convertOnnx(onnx, new ConvertOptions().inputShape(1, 3, 224, 224)
                .optimize(false)).model().graph().opCounts();
        // x * HardSigmoid(x; 1/6, 0.5) is HardSwish; only the two SE gates remain HardSigmoid + Mul.
        assertEquals(2, raw.get(OpType.HARD_SIGMOID), file);
        assertEquals(2, raw.get(OpType.MUL), file);
        assertTrue(raw.get(OpType.HARD_SWISH) >= 27, file);
        ModelFile logitsModel = withoutFinalSoftmax(converted);
        Map<String, Object> ref = Json.obj(JsonParser.parse(Files.readString(
                DIR.resolve(file.replace(".onnx", ".ref.json")), StandardCharsets.UTF_8)), "ref");
        try (Model probsEngine = Model.of(converted); Model logitsEngine = Model.of(logitsModel);
                OrtReference ort = new OrtReference(onnx)) {
            for (Object o : Json.arr(ref.get("outputs"), "outputs")) {
                Map<String, Object> r = Json.obj(o, "output");
                String input = Json.str(r.get("input"), "input");
                int[] shape = ints(r.get("shape"));
                float[] x = Fixtures.readF32(DIR.resolve(input));
                float[] probs = probsEngine.run(new Tensor(shape, x)).data();
                float[] logits = logitsEngine.run(new Tensor(shape, x)).data();
                float[] ortProbs = ort.run(x, shape);
                String what = file + " on " + input;
                assertClose(ortProbs, probs, 1e-5, what + " probs vs ONNX Runtime");
                assertClose(floats(r.get("probs_f64")), probs, 1e-5, what + " probs vs float64 reference");
                assertClose(floats(r.get("probs")), probs, 1e-5, what + " probs vs PyTorch");
                assertClose(floats(r.get("logits_f64")), logits, 1e-4, what + " logits vs float64 reference");
                assertClose(floats(r.get("logits")), logits, 1e-4, what + " logits vs PyTorch");
            }
        }
    }

    /** The same model with the final Softmax cut off, so the engine yields logits. */
    static ModelFile withoutFinalSoftmax(ModelFile m) {
        Graph g = m.graph();
        List<Node> nodes = new ArrayList<>(g.nodes());
        Node last = nodes.remove(nodes.size() - 1);
        assertEquals(OpType.SOFTMAX, last.op());
        Graph cut = new Graph(g.inputName(), g.inputShape(), last.input(0), nodes, g.weights());
        return new ModelFile(m.metadata(), cut);
    }

    static void assertClose(float[] expected, float[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertTrue(Math.abs(expected[i] - actual[i]) <= tol,
                    what + ": [" + i + "] expected " + expected[i] + " got " + actual[i]);
        }
    }

    static int[] ints(Object list) throws Exception {
        List<Object> l = Json.arr(list, "ints");
        int[] out = new int[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) Json.lng(l.get(i), "int");
        }
        return out;
    }

    static float[] floats(Object list) throws Exception {
        List<Object> l = Json.arr(list, "floats");
        float[] out = new float[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) Json.num(l.get(i), "float");
        }
        return out;
    }
}
