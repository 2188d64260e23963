package io.blurfilter.converter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blurfilter.converter.json.Json;
import io.blurfilter.converter.json.JsonParser;
import io.blurfilter.engine.KernelFamily;
import io.blurfilter.engine.Model;
import io.blurfilter.engine.ScoreMap;
import io.blurfilter.engine.Tensor;
import io.blurfilter.engine.format.ModelFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The engine's score map against PyTorch (issue 20): per-cell logits of PP-LCNet ONNX fixtures from a
 * float64 PyTorch evaluation ({@code src/test/python/make_score_map_fixture.py}, stored in
 * {@code onnx-lcnet/score_maps.ref.json}), and the cells' positions against the receptive fields
 * PyTorch's autograd measured, on the node-by-node plan and the NHWC plan alike.
 */
class ScoreMapReferenceTest {
    static final Path DIR = OnnxLcnetFixturesTest.DIR;
    static final List<KernelFamily> FAMILIES = List.of(KernelFamily.REFERENCE, KernelFamily.PLAIN);

    @Test
    void cellLogitsMatchPyTorch() throws Exception {
        Map<String, Object> ref = reference();
        List<Object> cases = Json.arr(ref.get("cases"), "cases");
        assertEquals(4, cases.size());
        for (Object o : cases) {
            Map<String, Object> c = Json.obj(o, "case");
            String file = Json.str(c.get("model"), "model");
            int[] shape = OnnxLcnetFixturesTest.ints(c.get("shape"));
            float[] x = Fixtures.readF32(DIR.resolve(Json.str(c.get("input"), "input")));
            int rows = (int) Json.lng(c.get("rows"), "rows");
            int cols = (int) Json.lng(c.get("cols"), "cols");
            List<Object> expected = Json.arr(c.get("cell_logits"), "cell_logits");
            float[] pooled = OnnxLcnetFixturesTest.floats(c.get("pooled_logits"));
            for (KernelFamily family : FAMILIES) {
                String what = file + " on " + c.get("input") + ", " + family;
                try (Model model = Model.of(convert(file), family)) {
                    Tensor input = new Tensor(shape, x);
                    ScoreMap map = model.scoreMap(input);
                    assertEquals(rows, map.rows(), what);
                    assertEquals(cols, map.cols(), what);
                    assertEquals(2, map.classes(), what);
                    assertTrue(map.probabilities(), what);
                    // the same pass: the output is what running the model gives, to the bit
                    assertArrayEquals(model.run(input).data(), map.output().data(), what);
                    for (int k = 0; k < 2; k++) {
                        float[] want = OnnxLcnetFixturesTest.floats(expected.get(k));
                        float[] got = map.logits(k);
                        assertEquals(want.length, got.length, what);
                        // float32 through the network, one cell unaveraged: 2e-5 of the map's largest
                        // logit (the x0_25 stride-(16,2) map, logits up to 20, is off by up to 2.2e-4)
                        double largest = 0;
                        for (float v : want) {
                            largest = Math.max(largest, Math.abs(v));
                        }
                        for (int i = 0; i < want.length; i++) {
                            assertEquals(want[i], got[i], 1e-4 + 2e-5 * largest, what + " class " + k + " cell " + i);
                        }
                        double mean = 0;
                        for (float v : map.logits(k)) {
                            mean += v;
                        }
                        mean /= rows * cols;
                        assertEquals(pooled[k], mean, 1e-4, what + " mean of the cells = pooled logit");
                    }
                    for (int r = 0; r < rows; r++) {
                        for (int col = 0; col < cols; col++) {
                            double d = map.logit(1, r, col) - map.logit(0, r, col);
                            assertEquals(1 / (1 + Math.exp(-d)), map.score(1, r, col), 1e-6, what);
                            assertEquals(1, map.score(0, r, col) + map.score(1, r, col), 1e-6, what);
                        }
                    }
                }
            }
        }
    }

    @Test
    void cellsSitAtTheCentreOfTheirReceptiveFields() throws Exception {
        List<Object> fields = Json.arr(reference().get("receptive_fields"), "receptive_fields");
        assertEquals(3, fields.size());
        for (Object o : fields) {
            Map<String, Object> f = Json.obj(o, "field");
            String file = Json.str(f.get("model"), "model");
            int[] shape = OnnxLcnetFixturesTest.ints(f.get("shape"));
            boolean columns = "cols".equals(f.get("axis"));
            for (KernelFamily family : FAMILIES) {
                try (Model model = Model.of(convert(file), family)) {
                    ScoreMap map = model.scoreMap(Tensor.zeros(shape));
                    assertEquals(shape[3], map.imageWidth());
                    assertEquals(shape[2], map.imageHeight());
                    for (Object cell : Json.arr(f.get("cells"), "cells")) {
                        int[] jlh = OnnxLcnetFixturesTest.ints(cell);
                        // input pixel i covers [i, i + 1): the field's centre is (first + last + 1) / 2
                        double centre = (jlh[1] + jlh[2] + 1) / 2.0;
                        double at = columns ? map.centerX(jlh[0]) : map.centerY(jlh[0]);
                        assertEquals(centre, at, 1e-9, file + " " + f.get("axis") + " cell " + jlh[0] + ", " + family);
                    }
                    double step = columns ? map.cellWidth() : map.cellHeight();
                    assertEquals(columns ? map.centerX(1) - map.centerX(0) : map.centerY(1) - map.centerY(0), step,
                            1e-9);
                    assertEquals(0, columns ? map.coveredLeft() : map.coveredTop());
                    assertEquals(columns ? shape[3] : shape[2], columns ? map.coveredRight() : map.coveredBottom());
                }
            }
        }
    }

    @Test
    void aHeadWithTheLastConvHasNoScoreMap() throws Exception {
        ModelFile m = convert("lcnet_x0_25_last_op13.onnx");
        try (Model model = Model.of(m)) {
            assertFalse(model.hasScoreMap());
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> model.scoreMap(Tensor.zeros(1, 3, 224, 224)));
            assertTrue(e.getMessage().contains("'" + m.metadata().name() + "'"), e.getMessage());
            assertTrue(e.getMessage().contains("not global average pooling followed by a fully connected layer"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("Conv"), e.getMessage());
            // classification is untouched
            assertEquals(2, model.run(Tensor.zeros(1, 3, 224, 224)).size());
        }
        try (Model model = Model.of(convert("lcnet_x0_25_nolast_op14.onnx"))) {
            assertTrue(model.hasScoreMap());
        }
    }

    private static ModelFile convert(String file) throws Exception {
        return Converter.convertOnnx(DIR.resolve(file), new ConvertOptions().inputShape(1, 3, 224, 224)).model();
    }

    private static Map<String, Object> reference() throws Exception {
        return Json.obj(JsonParser.parse(Files.readString(DIR.resolve("score_maps.ref.json"))), "reference");
    }
}
