package io.blurfilter.converter.onnx;

import static io.blurfilter.converter.onnx.OnnxBuilder.attrFloat;
import static io.blurfilter.converter.onnx.OnnxBuilder.attrInt;
import static io.blurfilter.converter.onnx.OnnxBuilder.attrInts;
import static io.blurfilter.converter.onnx.OnnxBuilder.attrString;
import static io.blurfilter.converter.onnx.OnnxBuilder.attrTensor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.blurfilter.converter.ConversionException;
import io.blurfilter.converter.ConvertOptions;
import io.blurfilter.converter.Converter;
import io.blurfilter.engine.Model;
import io.blurfilter.engine.Tensor;
import io.blurfilter.engine.format.ModelFile;
import io.blurfilter.engine.graph.Graph;
import io.blurfilter.engine.graph.Node;
import io.blurfilter.engine.graph.OpType;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Small hand-written ONNX graphs: each supported form against ONNX Runtime, each refusal by name. */
class OnnxLoweringTest {
    static float[] random(int n, long seed) {
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    /** Converted engine output and ONNX Runtime output on the same input agree to 1e-5. */
    static Graph checkAgainstOrt(byte[] model, int[] shape) throws Exception {
        ModelFile m = Converter.convertOnnx("t.onnx", model, new ConvertOptions().inputShape(shape)).model();
        float[] x = random(shape[0] * shape[1] * shape[2] * shape[3], 9);
        float[] got;
        try (Model engine = Model.of(m)) {
            got = engine.run(new Tensor(shape, x)).data();
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long[] s = {shape[0], shape[1], shape[2], shape[3]};
        try (OrtSession session = env.createSession(model, new OrtSession.SessionOptions());
                ai.onnxruntime.OnnxTensor t = ai.onnxruntime.OnnxTensor.createTensor(env, FloatBuffer.wrap(x), s);
                OrtSession.Result r = session.run(Map.of("x", t))) {
            float[][] expected = (float[][]) r.get(0).getValue();
            float[] flat = new float[got.length];
            for (int i = 0; i < expected.length; i++) {
                System.arraycopy(expected[i], 0, flat, i * expected[i].length, expected[i].length);
            }
            assertArrayEquals(flat, got, 1e-5f);
        }
        return m.graph();
    }

    @Test
    void constantNodesClipAttributesPoolsReduceMeanGemm() throws Exception {
        byte[] model = new OnnxBuilder(10).input("x", -1, 3, 8, 8).output("y")
                .node("Constant", new String[0], "w", attrTensor("value", new long[] {4, 3, 3, 3}, random(108, 1)))
                .initializer("b", new long[] {4}, random(4, 2))
                .node("Conv", new String[] {"x", "w", "b"}, "c", attrInts("pads", 1, 1, 1, 1), attrInts("strides", 2, 1),
                        attrInts("kernel_shape", 3, 3))
                .node("Clip", new String[] {"c"}, "r", attrFloat("min", 0f), attrFloat("max", 6f))
                .node("MaxPool", new String[] {"r"}, "p", attrInts("kernel_shape", 3, 3), attrInts("pads", 1, 1, 1, 1))
                .node("AveragePool", new String[] {"p"}, "a", attrInts("kernel_shape", 2, 2), attrInts("strides", 1, 1),
                        attrInt("count_include_pad", 1), attrInts("pads", 0, 0, 1, 1))
                .node("ReduceMean", new String[] {"a"}, "m", attrInts("axes", 2, 3), attrInt("keepdims", 0))
                .initializer("fw", new long[] {5, 4}, random(20, 3))
                .initializer("fb", new long[] {5}, random(5, 4))
                .node("Gemm", new String[] {"m", "fw", "fb"}, "g", attrInt("transB", 1), attrFloat("alpha", 0.5f),
                        attrFloat("beta", 2f))
                .node("Softmax", new String[] {"g"}, "y", attrInt("axis", 1))
                .build();
        Graph g = checkAgainstOrt(model, new int[] {2, 3, 8, 8});
        assertArrayEquals(new int[] {-1, 3, 8, 8}, g.inputShape());
    }

    @Test
    void paddle2onnxHardSwishDecompositionBecomesHardSwish() throws Exception {
        byte[] model = new OnnxBuilder(11).input("x", 1, 3, 3, 3).output("y")
                .node("Constant", new String[0], "three", attrTensor("value", new long[0], 3f))
                .node("Constant", new String[0], "zero", attrTensor("value", new long[0], 0f))
                .node("Constant", new String[0], "six", attrTensor("value", new long[0], 6f))
                .node("Add", new String[] {"x", "three"}, "a")
                .node("Clip", new String[] {"a", "zero", "six"}, "c")
                .node("Mul", new String[] {"x", "c"}, "m")
                .node("Div", new String[] {"m", "six"}, "h")
                .node("Flatten", new String[] {"h"}, "y", attrInt("axis", 1))
                .build();
        ModelFile raw = Converter.convertOnnx("t.onnx", model, new ConvertOptions().optimize(false)).model();
        assertEquals(Map.of(OpType.HARD_SWISH, 1, OpType.FLATTEN, 1), raw.graph().opCounts());
        checkAgainstOrt(model, new int[] {1, 3, 3, 3});
    }

    @Test
    void xTimesHardSigmoidOfOtherSlopeStaysSeparate() throws Exception {
        byte[] model = new OnnxBuilder(13).input("x", 1, 3, 3, 3).output("y")
                .node("HardSigmoid", new String[] {"x"}, "s", attrFloat("alpha", 0.2f), attrFloat("beta", 0.5f))
                .node("Mul", new String[] {"x", "s"}, "m")
                .node("Flatten", new String[] {"m"}, "y")
                .build();
        ModelFile raw = Converter.convertOnnx("t.onnx", model, new ConvertOptions().optimize(false)).model();
        assertEquals(Map.of(OpType.HARD_SIGMOID, 1, OpType.MUL, 1, OpType.FLATTEN, 1), raw.graph().opCounts());
        checkAgainstOrt(model, new int[] {1, 3, 3, 3});
    }

    @Test
    void shapeSubgraphFlattenWithDynamicBatchBecomesReshapeZeroMinusOne() throws Exception {
        byte[] model = new OnnxBuilder(13).input("x", -1, 3, 3, 3).output("y")
                .node("Shape", new String[] {"x"}, "s")
                .initializerInts("zero", 0)
                .node("Gather", new String[] {"s", "zero"}, "n", attrInt("axis", 0))
                .initializerInts("minus1", -1)
                .node("Concat", new String[] {"n", "minus1"}, "target", attrInt("axis", 0))
                .node("Reshape", new String[] {"x", "target"}, "y")
                .build();
        Graph g = checkAgainstOrt(model, new int[] {3, 3, 3, 3});
        Node reshape = g.nodes().get(0);
        assertEquals(OpType.RESHAPE, reshape.op());
        assertArrayEquals(new int[] {0, -1}, reshape.attributes().ints("shape"));
    }

    @Test
    void matMulPlusAddBecomesGemmWithBias() throws Exception {
        byte[] model = new OnnxBuilder(13).input("x", 1, 3, 1, 1).output("y")
                .node("Flatten", new String[] {"x"}, "f")
                .initializer("w", new long[] {3, 3}, random(9, 5))
                .initializer("b", new long[] {3}, random(3, 6))
                .node("MatMul", new String[] {"f", "w"}, "mm")
                .node("Add", new String[] {"mm", "b"}, "y")
                .build();
        Graph g = checkAgainstOrt(model, new int[] {1, 3, 1, 1});
        Node gemm = g.nodes().stream().filter(n -> n.op() == OpType.GEMM).findFirst().orElseThrow();
        assertEquals(3, gemm.inputs().size());
        assertEquals(0, gemm.attributes().intValue("transB", -1));
    }

    static String refusal(byte[] model) {
        return assertThrows(ConversionException.class,
                () -> Converter.convertOnnx("t.onnx", model, new ConvertOptions().inputShape(1, 2, 4, 4))).getMessage();
    }

    static void assertMentions(String message, String... parts) {
        for (String p : parts) {
            assertTrue(message.contains(p), "'" + p + "' missing in: " + message);
        }
    }

    @Test
    void gemmTransAIsRefused() {
        byte[] model = new OnnxBuilder(13).input("x", 1, 2, 4, 4).output("y")
                .node("Flatten", new String[] {"x"}, "f")
                .initializer("w", new long[] {32, 2}, new float[64])
                .node("Gemm", new String[] {"f", "w"}, "y", attrInt("transA", 1))
                .build();
        assertMentions(refusal(model), "t.onnx: node #1 Gemm 'n_y'", "transA=1");
    }

    @Test
    void samePaddingOnDynamicSizeIsRefused() {
        byte[] model = new OnnxBuilder(13).input("x", 1, 2, -1, -1).output("y")
                .initializer("w", new long[] {2, 2, 3, 3}, new float[36])
                .node("Conv", new String[] {"x", "w"}, "c", attrString("auto_pad", "SAME_LOWER"))
                .node("Flatten", new String[] {"c"}, "y")
                .build();
        assertMentions(refusal(model), "node #0 Conv 'n_c'", "auto_pad=SAME_LOWER", "static input size");
    }

    @Test
    void dilatedPoolingIsRefused() {
        byte[] model = new OnnxBuilder(13).input("x", 1, 2, 4, 4).output("y")
                .node("MaxPool", new String[] {"x"}, "p", attrInts("kernel_shape", 2, 2), attrInts("dilations", 2, 2))
                .node("Flatten", new String[] {"p"}, "y")
                .build();
        assertMentions(refusal(model), "node #0 MaxPool 'n_p'", "dilations=[2, 2]");
    }

    @Test
    void batchNormTrainingModeIsRefused() {
        byte[] model = new OnnxBuilder(15).input("x", 1, 2, 4, 4).output("y")
                .initializer("s", new long[] {2}, 1, 1).initializer("b", new long[] {2}, 0, 0)
                .initializer("m", new long[] {2}, 0, 0).initializer("v", new long[] {2}, 1, 1)
                .node("BatchNormalization", new String[] {"x", "s", "b", "m", "v"}, "n", attrInt("training_mode", 1))
                .node("Flatten", new String[] {"n"}, "y")
                .build();
        assertMentions(refusal(model), "node #0 BatchNormalization", "training_mode=1");
    }

    @Test
    void oldSoftmaxOverSeveralAxesIsRefused() {
        byte[] model = new OnnxBuilder(11).input("x", 1, 2, 4, 4).output("y")
                .node("Softmax", new String[] {"x"}, "s", attrInt("axis", 1))
                .node("Flatten", new String[] {"s"}, "y")
                .build();
        assertMentions(refusal(model), "node #0 Softmax 'n_s'", "axis=1", "opset 11");
    }

    @Test
    void unknownOpAndUnknownAttributeAreRefused() {
        byte[] lstm = new OnnxBuilder(13).input("x", 1, 2, 4, 4).output("y")
                .node("LSTM", new String[] {"x"}, "y").build();
        assertMentions(refusal(lstm), "node #0 LSTM 'n_y'", "unsupported op type 'LSTM'");
        byte[] attr = new OnnxBuilder(13).input("x", 1, 2, 4, 4).output("y")
                .node("Relu", new String[] {"x"}, "r", attrInt("fancy", 1))
                .node("Flatten", new String[] {"r"}, "y").build();
        assertMentions(refusal(attr), "node #0 Relu 'n_r'", "unsupported attribute 'fancy'");
    }
}
