package io.blurfilter.converter.onnx;

import static io.blurfilter.converter.onnx.OnnxBuilder.attrInt;
import static io.blurfilter.converter.onnx.OnnxBuilder.attrInts;
import static io.blurfilter.converter.onnx.OnnxLoweringTest.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.blurfilter.converter.ConvertOptions;
import io.blurfilter.converter.Converter;
import io.blurfilter.engine.KernelFamily;
import io.blurfilter.engine.Model;
import io.blurfilter.engine.Tensor;
import io.blurfilter.engine.format.ModelFile;
import io.blurfilter.engine.graph.Node;
import io.blurfilter.engine.graph.OpType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Dilated convolutions (the blur-map head's context layer is a 3x3 depthwise one with dilation 2):
 * the default model has none, so this is where the kernels' dilation handling meets a reference,
 * ONNX Runtime, on every kernel family, on odd sizes where the dilated taps cross the edges.
 */
class OnnxDilatedConvTest {
    private static final KernelFamily[] FAMILIES = {KernelFamily.REFERENCE, KernelFamily.PLAIN, KernelFamily.AUTO};

    @ParameterizedTest(name = "groups {0}, dilation {1}, pad {2}")
    @CsvSource({"8, 2, 2", "8, 3, 3", "8, 2, 1", "1, 2, 2"})
    void dilatedConvolutionsMatchOnnxRuntime(int groups, int dilation, int pad) throws Exception {
        int[] shape = {1, 3, 13, 11};
        byte[] model = new OnnxBuilder(13).input("x", 1, 3, 13, 11).output("y")
                .initializer("w1", new long[] {8, 3, 3, 3}, random(216, 1))
                .node("Conv", new String[] {"x", "w1"}, "c", attrInts("pads", 1, 1, 1, 1))
                .initializer("w2", new long[] {8, 8 / groups, 3, 3}, random(8 * (8 / groups) * 9, 2))
                .initializer("b2", new long[] {8}, random(8, 3))
                .node("Conv", new String[] {"c", "w2", "b2"}, "d", attrInt("group", groups),
                        attrInts("dilations", dilation, dilation), attrInts("pads", pad, pad, pad, pad))
                .node("Relu", new String[] {"d"}, "r")
                .initializer("w3", new long[] {4, 8, 1, 1}, random(32, 4))
                .node("Conv", new String[] {"r", "w3"}, "c3")
                .node("Flatten", new String[] {"c3"}, "y")
                .build();
        ModelFile m = Converter.convertOnnx("t.onnx", model, new ConvertOptions().inputShape(shape)).model();
        Node dilated = m.graph().nodes().stream()
                .filter(n -> n.op() == OpType.CONV && n.attributes().ints("dilations", 1, 1)[0] > 1)
                .findFirst().orElseThrow();
        assertArrayEquals(new int[] {dilation, dilation}, dilated.attributes().ints("dilations", 1, 1));
        float[] x = random(3 * 13 * 11, 17);
        float[] expected = OnnxResizeLogTest.ort(model, x, shape);
        float scale = 0;
        for (float e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        // outputs reach ~60 with these random weights; sums in another order differ by float32's
        // precision at that scale (~1e-5), also where an output cancels to near 0
        float tolerance = 2e-6f * Math.max(1f, scale);
        for (KernelFamily f : FAMILIES) {
            try (Model engine = Model.of(m, f)) {
                float[] got = engine.run(new Tensor(shape, x)).data();
                assertEquals(expected.length, got.length, f.name());
                for (int i = 0; i < got.length; i++) {
                    assertEquals(expected[i], got[i], tolerance, f.name() + " [" + i + "]");
                }
            }
        }
    }
}
