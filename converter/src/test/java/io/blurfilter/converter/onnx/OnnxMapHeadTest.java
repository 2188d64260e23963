package io.blurfilter.converter.onnx;

import static io.blurfilter.converter.onnx.OnnxBuilder.attrInts;
import static io.blurfilter.converter.onnx.OnnxLoweringTest.assertMentions;
import static io.blurfilter.converter.onnx.OnnxLoweringTest.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.blurfilter.converter.ConversionException;
import io.blurfilter.converter.ConvertOptions;
import io.blurfilter.converter.Converter;
import io.blurfilter.engine.KernelFamily;
import io.blurfilter.engine.Model;
import io.blurfilter.engine.ScoreMap;
import io.blurfilter.engine.Tensor;
import io.blurfilter.engine.format.ModelFile;
import io.blurfilter.engine.format.ModelReader;
import io.blurfilter.engine.format.ModelWriter;
import io.blurfilter.engine.graph.OpType;
import io.blurfilter.converter.ConvertCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ONNX classifier with a second output, a map head ending in Sigmoid: converted with the map
 * declared, both outputs agree with ONNX Runtime's from one engine pass.
 */
class OnnxMapHeadTest {
    private static final int[] SHAPE = {1, 3, 16, 12};

    /**
     * Conv stride 2 + Relu to two channels, then GAP + Flatten (a two-class classifier "y", class 1 the
     * positive one) and Conv 1x1 + Sigmoid (map "m", stride 2).
     */
    private static byte[] twoOutputs() {
        return new OnnxBuilder(13).input("x", 1, 3, -1, -1).output("y").output("m")
                .initializer("w1", new long[] {2, 3, 3, 3}, random(54, 1))
                .node("Conv", new String[] {"x", "w1"}, "c", attrInts("pads", 1, 1, 1, 1), attrInts("strides", 2, 2))
                .node("Relu", new String[] {"c"}, "a")
                .node("GlobalAveragePool", new String[] {"a"}, "p")
                .node("Flatten", new String[] {"p"}, "y")
                .initializer("wm", new long[] {1, 2, 1, 1}, random(2, 2))
                .initializer("bm", new long[] {1}, random(1, 3))
                .node("Conv", new String[] {"a", "wm", "bm"}, "ml")
                .node("Sigmoid", new String[] {"ml"}, "m")
                .build();
    }

    @Test
    void bothOutputsMatchOnnxRuntimeFromOnePass() throws Exception {
        byte[] onnx = twoOutputs();
        ModelFile m = Converter.convertOnnx("head.onnx", onnx,
                new ConvertOptions().inputShape(SHAPE).mapOutput("m", 2)).model();
        assertEquals(2, m.graph().mapOutput().stride());
        assertFalse(m.graph().nodes().stream().anyMatch(n -> n.op() == OpType.SIGMOID));
        m = ModelReader.read(ModelWriter.toBytes(m), "head.bfm");
        float[] x = random(SHAPE[0] * SHAPE[1] * SHAPE[2] * SHAPE[3], 17);
        float[][] expected = ort(onnx, x);
        for (KernelFamily f : new KernelFamily[] {KernelFamily.REFERENCE, KernelFamily.PLAIN, KernelFamily.AUTO}) {
            try (Model engine = Model.of(m, f)) {
                ScoreMap map = engine.headMap(new Tensor(SHAPE, x));
                assertArrayEquals(expected[0], map.output().data(), 1e-5f, f.name());
                assertEquals(8, map.rows());
                assertEquals(6, map.cols());
                for (int r = 0; r < 8; r++) {
                    for (int c = 0; c < 6; c++) {
                        assertEquals(expected[1][r * 6 + c], map.score(1, r, c), 1e-5f, f.name());
                    }
                }
            }
        }
    }

    @Test
    void twoOutputsWithoutAMapNamedAreRefused() {
        String msg = assertThrows(ConversionException.class, () -> Converter.convertOnnx("head.onnx", twoOutputs(),
                new ConvertOptions().inputShape(SHAPE))).getMessage();
        assertMentions(msg, "has 2 outputs", "map head");
        msg = assertThrows(ConversionException.class, () -> Converter.convertOnnx("head.onnx", twoOutputs(),
                new ConvertOptions().inputShape(SHAPE).mapOutput("nope", 2))).getMessage();
        assertMentions(msg, "the map output 'nope' is not a graph output");
        msg = assertThrows(ConversionException.class, () -> Converter.convertOnnx("head.onnx", twoOutputs(),
                new ConvertOptions().inputShape(SHAPE).mapOutput("m", 4))).getMessage();
        assertMentions(msg, "stride 4 needs [1, 1, 4, 3]");
    }

    @Test
    void convertCommandTakesTheMapOutputFlag(@TempDir Path dir) throws Exception {
        Path onnx = dir.resolve("head.onnx");
        Files.write(onnx, twoOutputs());
        Path bfm = dir.resolve("head.bfm");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        PrintStream errs = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertEquals(0, ConvertCommand.run(List.of("--from", "onnx", onnx.toString(), "--input-shape", "1,3,16,12",
                "--map-output", "m:2", "-o", bfm.toString()), quiet, errs), err.toString(StandardCharsets.UTF_8));
        assertEquals(2, ModelReader.read(bfm).graph().mapOutput().stride());
        assertEquals(2, ConvertCommand.run(List.of("--from", "onnx", onnx.toString(), "--input-shape", "1,3,16,12",
                "--map-output", "m", "-o", bfm.toString()), quiet, errs));
        assertMentions(err.toString(StandardCharsets.UTF_8), "--map-output takes NAME:STRIDE, not 'm'");
    }

    private static float[][] ort(byte[] model, float[] x) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long[] s = {SHAPE[0], SHAPE[1], SHAPE[2], SHAPE[3]};
        try (OrtSession session = env.createSession(model, new OrtSession.SessionOptions());
                OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), s);
                OrtSession.Result r = session.run(Map.of("x", t))) {
            float[][] out = new float[2][];
            for (int i = 0; i < 2; i++) {
                FloatBuffer b = ((OnnxTensor) r.get(i)).getFloatBuffer();
                out[i] = new float[b.remaining()];
                b.get(out[i]);
            }
            return out;
        }
    }
}
