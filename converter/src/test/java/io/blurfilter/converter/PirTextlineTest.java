package io.blurfilter.converter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blurfilter.engine.Image;
import io.blurfilter.engine.Model;
import io.blurfilter.engine.Tensor;
import io.blurfilter.engine.Classification;
import io.blurfilter.engine.format.ModelReader;
import io.blurfilter.engine.format.ModelWriter;
import io.blurfilter.engine.graph.OpType;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real PP-LCNet x0_25 textline PIR export against the fixture README's reference outputs. */
class PirTextlineTest {
    static final Path DIR = Fixtures.fixture("paddle-pir-lcnet-x0_25-textline");
    static ConversionResult result;

    @BeforeAll
    static void convert() throws Exception {
        result = Converter.convertPaddle(List.of(DIR), new ConvertOptions());
    }

    @Test
    void metadataComesFromTheYml() {
        var meta = result.model().metadata();
        assertEquals("PP-LCNet_x0_25_textline_ori", meta.name());
        assertArrayEquals(new int[] {1, 3, 80, 160}, meta.inputShape());
        assertEquals(List.of("0_degree", "180_degree"), meta.labels());
        assertEquals(160, meta.preprocessing().resizeWidth());
        assertEquals(80, meta.preprocessing().resizeHeight());
        assertEquals(0, meta.preprocessing().cropWidth());
        assertEquals("paddle-pir", meta.provenance().get("source_format"));
        assertTrue(meta.provenance().get("source_sha256:inference.json").startsWith("88fd2aae75bbedf5"));
        assertTrue(meta.provenance().get("source_sha256:inference.pdiparams").startsWith("7d46d5ed72c21ba2"));
    }

    @Test
    void unoptimizedGraphHasOneEngineOpPerPaddleOp() throws Exception {
        var raw = Converter.convertPaddle(List.of(DIR), new ConvertOptions().optimize(false)).model().graph();
        var counts = raw.opCounts();
        assertEquals(31, counts.get(OpType.CONV)); // 18 conv2d + 13 depthwise
        assertEquals(27, counts.get(OpType.BATCH_NORM));
        assertEquals(27, counts.get(OpType.HARD_SWISH));
        assertEquals(2, counts.get(OpType.HARD_SIGMOID));
        assertEquals(3, counts.get(OpType.GLOBAL_AVERAGE_POOL));
        assertEquals(1, counts.get(OpType.GEMM));
        assertEquals(null, counts.get(OpType.ADD), "SE biases and fc bias are folded into conv/gemm");
        assertEquals(79_354 - 0, raw.parameterCount());
    }

    @Test
    void zerosInputMatchesReference() {
        float[] probs = run(new float[3 * 80 * 160]);
        assertArrayEquals(new float[] {0.4940970f, 0.5059030f}, probs, 2e-6f);
    }

    @Test
    void sineInputMatchesReference() {
        float[] x = new float[3 * 80 * 160];
        for (int c = 0; c < 3; c++) {
            for (int h = 0; h < 80; h++) {
                for (int w = 0; w < 160; w++) {
                    x[c * 80 * 160 + h * 160 + w] = (float) Math.sin(0.001 * (c * 80 * 160 + h * 160 + w) + 0.5 * c);
                }
            }
        }
        assertArrayEquals(new float[] {0.5794531f, 0.4205468f}, run(x), 2e-6f);
    }

    @Test
    void demoImagesGetTheirLabels(@TempDir Path tmp) throws Exception {
        Path bin = tmp.resolve("textline.bin");
        ModelWriter.write(result.model(), bin);
        try (Model model = Model.load(bin)) {
            for (String name : new String[] {"0_0", "0_1", "1_0", "1_1"}) {
                BufferedImage img = ImageIO.read(Fixtures.fixture("images/textline_orientation_test_" + name + ".png")
                        .toFile());
                int[] argb = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
                Classification c = model.classify(Image.ofArgb(argb, img.getWidth(), img.getHeight()));
                String expected = name.startsWith("0") ? "0_degree" : "180_degree";
                assertEquals(expected, c.label(), name);
                assertTrue(c.score() > 0.99f, name + " score " + c.score());
            }
        }
        assertEquals(result.model().graph().nodes().size(), ModelReader.read(bin).graph().nodes().size());
    }

    static float[] run(float[] input) {
        try (Model m = Model.of(result.model())) {
            Tensor out = m.run(new Tensor(new int[] {1, 3, 80, 160}, input));
            return out.data();
        }
    }
}
