package io.blurfilter.converter.onnx;

import static io.blurfilter.converter.onnx.OnnxBuilder.attrInt;
import static io.blurfilter.converter.onnx.OnnxBuilder.attrInts;
import static io.blurfilter.converter.onnx.OnnxBuilder.attrString;
import static io.blurfilter.converter.onnx.OnnxLoweringTest.assertMentions;
import static io.blurfilter.converter.onnx.OnnxLoweringTest.random;
import static io.blurfilter.converter.onnx.OnnxLoweringTest.refusal;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.blurfilter.converter.ConversionException;
import io.blurfilter.converter.ConvertOptions;
import io.blurfilter.converter.Converter;
import io.blurfilter.engine.KernelFamily;
import io.blurfilter.engine.Model;
import io.blurfilter.engine.Tensor;
import io.blurfilter.engine.format.ModelFile;
import io.blurfilter.engine.graph.Node;
import io.blurfilter.engine.graph.OpType;
import java.nio.FloatBuffer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ONNX Resize and Log: each accepted form (scales or sizes, opsets 11 to 19) converted and run on every
 * kernel family against ONNX Runtime; each form the engine cannot run exactly refused by name.
 */
class OnnxResizeLogTest {
    private static final KernelFamily[] FAMILIES = {KernelFamily.REFERENCE, KernelFamily.PLAIN, KernelFamily.AUTO};

    /** ONNX Runtime's output on {@code x}, flattened. */
    static float[] ort(byte[] model, float[] x, int[] shape) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long[] s = new long[shape.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = shape[i];
        }
        try (OrtSession session = env.createSession(model, new OrtSession.SessionOptions());
                OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), s);
                OrtSession.Result r = session.run(Map.of("x", t))) {
            FloatBuffer out = ((OnnxTensor) r.get(0)).getFloatBuffer();
            float[] flat = new float[out.remaining()];
            out.get(flat);
            return flat;
        }
    }

    /** The converted model on every family agrees with ONNX Runtime to 1e-5; returns the engine graph's Resize. */
    private static Node checkAgainstOrt(byte[] model, int[] shape) throws Exception {
        ModelFile m = Converter.convertOnnx("t.onnx", model, new ConvertOptions().inputShape(shape)).model();
        float[] x = random(shape[0] * shape[1] * shape[2] * shape[3], 17);
        float[] expected = ort(model, x, shape);
        for (KernelFamily f : FAMILIES) {
            try (Model engine = Model.of(m, f)) {
                assertArrayEquals(expected, engine.run(new Tensor(shape, x)).data(), 1e-5f, f.name());
            }
        }
        return m.graph().nodes().stream().filter(n -> n.op() == OpType.RESIZE).findFirst().orElseThrow();
    }

    /**
     * Conv (so the NHWC families hold the value NHWC), Resize with the given inputs and attributes, Conv,
     * and a Flatten because the converter takes classifiers ([N, classes] outputs).
     */
    private static OnnxBuilder convResizeConv(long opset, String[] resizeInputs, byte[]... attrs) {
        return new OnnxBuilder(opset).input("x", 1, 3, 5, 4).output("y")
                .initializer("w1", new long[] {8, 3, 3, 3}, random(216, 1))
                .node("Conv", new String[] {"x", "w1"}, "c", attrInts("pads", 1, 1, 1, 1))
                .node("Resize", resizeInputs, "r", attrs)
                .initializer("w2", new long[] {4, 8, 1, 1}, random(32, 2))
                .node("Conv", new String[] {"r", "w2"}, "c2")
                .node("Flatten", new String[] {"c2"}, "y");
    }

    @Test
    void linearWithScalesOpset11() throws Exception {
        byte[] model = convResizeConv(11, new String[] {"c", "roi", "scales"}, attrString("mode", "linear"),
                attrString("coordinate_transformation_mode", "asymmetric"))
                .initializer("roi", new long[] {0})
                .initializer("scales", new long[] {4}, 1f, 1f, 2f, 4f)
                .build();
        Node resize = checkAgainstOrt(model, new int[] {1, 3, 5, 4});
        assertArrayEquals(new int[] {2, 4}, resize.attributes().ints("scales"));
        assertEquals("linear", resize.attributes().string("mode", null));
    }

    @Test
    void linearWithSizesOpset11NeedsAnEmptyScales() throws Exception {
        byte[] model = convResizeConv(11, new String[] {"c", "roi", "scales", "sizes"}, attrString("mode", "linear"),
                attrString("coordinate_transformation_mode", "asymmetric"))
                .initializer("roi", new long[] {0})
                .initializer("scales", new long[] {0})
                .initializerInts("sizes", 1, 8, 20, 8)
                .build();
        assertArrayEquals(new int[] {4, 2}, checkAgainstOrt(model, new int[] {1, 3, 5, 4}).attributes().ints("scales"));
    }

    @Test
    void nearestFloorWithSizesOpset13() throws Exception {
        byte[] model = convResizeConv(13, new String[] {"c", "", "", "sizes"}, attrString("mode", "nearest"),
                attrString("nearest_mode", "floor"), attrString("coordinate_transformation_mode", "asymmetric"))
                .initializerInts("sizes", 1, 8, 10, 16)
                .build();
        Node resize = checkAgainstOrt(model, new int[] {1, 3, 5, 4});
        assertArrayEquals(new int[] {2, 4}, resize.attributes().ints("scales"));
        assertEquals("nearest", resize.attributes().string("mode", null));
    }

    @Test
    void linearWithScalesOpset19() throws Exception {
        byte[] model = convResizeConv(19, new String[] {"c", "", "scales"}, attrString("mode", "linear"),
                attrString("coordinate_transformation_mode", "asymmetric"), attrInt("antialias", 0),
                attrString("keep_aspect_ratio_policy", "stretch"))
                .initializer("scales", new long[] {4}, 1f, 1f, 4f, 2f)
                .build();
        assertArrayEquals(new int[] {4, 2}, checkAgainstOrt(model, new int[] {1, 3, 5, 4}).attributes().ints("scales"));
    }

    /** Log of zero, negatives and NaN: -Infinity and NaN where ONNX Runtime has them, the same values elsewhere. */
    @Test
    void logMatchesOnnxRuntimeIncludingNonPositiveInputs() throws Exception {
        byte[] model = new OnnxBuilder(13).input("x", 1, 3, 2, 2).output("y")
                .node("Log", new String[] {"x"}, "l")
                .node("Flatten", new String[] {"l"}, "y").build();
        int[] shape = {1, 3, 2, 2};
        float[] x = {0f, -0f, -1f, Float.NaN, Float.POSITIVE_INFINITY, 1f, 1e-30f, 0.5f, 2f, 1e30f, 3.5f, 7f};
        float[] expected = ort(model, x, shape);
        ModelFile m = Converter.convertOnnx("t.onnx", model, new ConvertOptions()).model();
        assertEquals(1, m.graph().opCounts().get(OpType.LOG));
        for (KernelFamily f : FAMILIES) {
            try (Model engine = Model.of(m, f)) {
                float[] got = engine.run(new Tensor(shape, x)).data();
                for (int i = 0; i < x.length; i++) {
                    if (Float.isNaN(expected[i]) || Float.isInfinite(expected[i])) {
                        assertEquals(expected[i], got[i], f + " log " + x[i]);
                    } else {
                        assertEquals(expected[i], got[i], 1e-6f * Math.max(1f, Math.abs(expected[i])), f + " log " + x[i]);
                    }
                }
            }
        }
        assertTrue(Float.isNaN(expected[2]) && expected[0] == Float.NEGATIVE_INFINITY, "ONNX Runtime's own IEEE");
    }

    private static byte[] resize(long opset, long[] xDims, String[] inputs, float[] scales, long[] sizes,
            byte[]... attrs) {
        OnnxBuilder b = new OnnxBuilder(opset).input("x", xDims).output("y")
                .node("Resize", inputs, "y", attrs);
        if (scales != null) {
            b.initializer("scales", new long[] {scales.length}, scales);
        }
        if (sizes != null) {
            b.initializerInts("sizes", sizes);
        }
        return b.build();
    }

    private static final long[] X = {1, 2, 4, 4};
    private static final byte[] ASYMMETRIC = attrString("coordinate_transformation_mode", "asymmetric");
    private static final byte[] LINEAR = attrString("mode", "linear");

    @Test
    void unsupportedModesAreRefused() {
        String[] in = {"x", "", "scales"};
        float[] x2 = {1f, 1f, 2f, 2f};
        assertMentions(refusal(resize(13, X, in, x2, null, attrString("mode", "cubic"), ASYMMETRIC)),
                "node #0 Resize 'n_y'", "mode=cubic", "linear or nearest");
        assertMentions(refusal(resize(13, X, in, x2, null, LINEAR)),
                "node #0 Resize 'n_y'", "coordinate_transformation_mode=half_pixel", "only asymmetric");
        assertMentions(refusal(resize(13, X, in, x2, null, LINEAR, attrString("coordinate_transformation_mode",
                "tf_crop_and_resize"))), "coordinate_transformation_mode=tf_crop_and_resize");
        assertMentions(refusal(resize(13, X, in, x2, null, ASYMMETRIC)),
                "node #0 Resize 'n_y'", "nearest_mode=round_prefer_floor", "only floor");
        assertMentions(refusal(resize(18, X, in, x2, null, LINEAR, ASYMMETRIC, attrInt("antialias", 1))),
                "antialias=1");
        assertMentions(refusal(resize(18, X, in, x2, null, LINEAR, ASYMMETRIC, attrInts("axes", 2, 3))),
                "unsupported attribute 'axes'");
        assertMentions(refusal(resize(10, X, new String[] {"x", "scales"}, x2, null, LINEAR)),
                "Resize of opset 10");
    }

    @Test
    void scalesAndSizesTheEngineCannotRunAreRefused() {
        String[] in = {"x", "", "scales"};
        assertMentions(refusal(resize(13, X, in, new float[] {1f, 1f, 1.5f, 2f}, null, LINEAR, ASYMMETRIC)),
                "node #0 Resize 'n_y'", "scales [1.0, 1.0, 1.5, 2.0]", "whole numbers");
        assertMentions(refusal(resize(13, X, in, new float[] {1f, 1f, 0.5f, 0.5f}, null, LINEAR, ASYMMETRIC)),
                "scales [1.0, 1.0, 0.5, 0.5]", "whole numbers >= 1");
        assertMentions(refusal(resize(13, X, in, new float[] {1f, 2f, 2f, 2f}, null, LINEAR, ASYMMETRIC)),
                "batch and channels must stay");
        assertMentions(refusal(resize(13, X, new String[] {"x", "", "", "sizes"}, null, new long[] {1, 2, 6, 8},
                LINEAR, ASYMMETRIC)), "sizes [1, 2, 6, 8]", "whole factors");
        assertMentions(refusal(resize(13, X, new String[] {"x", "", "scales", "sizes"}, new float[] {1f, 1f, 2f, 2f},
                new long[] {1, 2, 8, 8}, LINEAR, ASYMMETRIC)), "exactly one of the inputs scales and sizes");
        assertMentions(refusal(resize(13, X, new String[] {"x"}, null, null, LINEAR, ASYMMETRIC)),
                "exactly one of the inputs scales and sizes");
    }

    @Test
    void sizesOnADynamicHeightIsRefused() {
        byte[] model = resize(13, new long[] {1, 2, -1, -1}, new String[] {"x", "", "", "sizes"}, null,
                new long[] {1, 2, 8, 8}, LINEAR, ASYMMETRIC);
        String message = assertThrows(ConversionException.class, () -> Converter.convertOnnx("t.onnx", model, new ConvertOptions())).getMessage();
        assertMentions(message, "node #0 Resize 'n_y'", "static input height and width");
    }
}
