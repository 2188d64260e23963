package io.blurfilter.converter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.blurfilter.engine.Image;
import io.blurfilter.engine.Model;
import io.blurfilter.engine.Session;
import io.blurfilter.engine.Tensor;
import io.blurfilter.engine.format.ModelFile;
import io.blurfilter.engine.graph.OpType;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** PaddleOCR's MobileNetV3 text-direction classifier as exported by Paddle2ONNX, against ONNX Runtime. */
class OnnxPaddle2OnnxTest {
    static final Path ONNX = Fixtures.fixture("onnx-paddle2onnx-mobilenetv3-cls/cls.onnx");

    static ConvertOptions options() {
        return new ConvertOptions().resize(192, 48).mean(0.5f, 0.5f, 0.5f).std(0.5f, 0.5f, 0.5f)
                .labels(List.of("0", "180"));
    }

    @Test
    void constantsPatternsAndShapeSubgraphAreLowered() throws Exception {
        ConversionResult r = Converter.convertOnnx(ONNX, options().optimize(false));
        Map<OpType, Integer> ops = r.model().graph().opCounts();
        // Add/Clip/Mul/Div hardswish decompositions collapse; the flatten subgraph is one Reshape.
        assertNull(ops.get(OpType.DIV));
        assertNull(ops.get(OpType.CLIP));
        assertEquals(1, ops.get(OpType.RESHAPE));
        assertEquals(1, ops.get(OpType.MAX_POOL));
        assertEquals(1, ops.get(OpType.GEMM));
        // MatMul + Add became one Gemm with bias (the remaining Adds are MobileNetV3 residuals).
        assertEquals(3, r.model().graph().nodes().stream().filter(n -> n.op() == OpType.GEMM).findFirst()
                .orElseThrow().inputs().size());
        assertEquals(0, r.summary().sourceOps().getOrDefault("Initializer", 0));
        assertEquals(List.of("0", "180"), r.model().metadata().labels());
    }

    @Test
    void matchesOrtOnRandomAndImageInputs() throws Exception {
        ModelFile model = Converter.convertOnnx(ONNX, options()).model();
        int[] shape = model.metadata().inputShape();
        assertEquals(List.of(1, 3, 48, 192), List.of(shape[0], shape[1], shape[2], shape[3]));
        try (Model engine = Model.of(model); OrtReference ort = new OrtReference(ONNX)) {
            Random rnd = new Random(42);
            for (int k = 0; k < 5; k++) {
                float[] x = new float[3 * 48 * 192];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) (rnd.nextGaussian() * (k + 1) * 0.5);
                }
                OnnxLcnetFixturesTest.assertClose(ort.run(x, shape), engine.run(new Tensor(shape, x)).data(), 1e-5,
                        "random input " + k);
            }
            for (String name : new String[] {"0_0", "1_1"}) {
                BufferedImage img = ImageIO.read(Fixtures.fixture("images/textline_orientation_test_" + name + ".png")
                        .toFile());
                int[] argb = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
                try (Session s = engine.newSession()) {
                    Tensor t = s.preprocess(Image.ofArgb(argb, img.getWidth(), img.getHeight()));
                    OnnxLcnetFixturesTest.assertClose(ort.run(t.data(), shape), s.run(t).data(), 1e-5, "image " + name);
                }
            }
        }
    }
}
