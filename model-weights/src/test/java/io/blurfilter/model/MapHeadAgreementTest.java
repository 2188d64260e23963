package io.blurfilter.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blurfilter.engine.Model;
import io.blurfilter.engine.ScoreMap;
import io.blurfilter.engine.Tensor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packaged model's map head in the Java engine against PyTorch: the same preprocessed whole-frame
 * inputs give the same per-cell blur logits and the same class probabilities (written by
 * model-weights/training/maphead/export_map_model.py --fixture from the head checkpoint and the
 * backbone the file was converted from). {@code -Dblurfilter.mapAgreement=DIR} and
 * {@code -Dblurfilter.mapModel=FILE} check another fixture or model file.
 */
class MapHeadAgreementTest {
    private static final double TOLERANCE = 1e-4;

    @Test
    void headLogitsAndProbabilitiesMatchPyTorch() throws Exception {
        String modelOverride = System.getProperty("blurfilter.mapModel");
        Model model = modelOverride != null ? Model.load(Path.of(modelOverride)) : BlurModel.loadDefault();
        assertTrue(model.hasMapHead(), "the model has no map head");
        PyTorchFixture fixture = PyTorchFixture.open("blurfilter.mapAgreement", "map-agreement", "map-agreement.json");
        List<Map<String, Object>> samples = fixture.samples();
        assertTrue(samples.size() >= 2, "map agreement sample too small: " + samples.size());
        double worstLogit = 0;
        double worstProb = 0;
        int cells = 0;
        for (Map<String, Object> s : samples) {
            int[] shape = ints(s.get("shape"));
            Tensor input = new Tensor(shape, fixture.floats(s, "input"));
            ScoreMap map = model.headMap(input);
            int[] mapShape = ints(s.get("map_shape"));
            assertArrayEquals(new int[] {1, 1, map.rows(), map.cols()}, mapShape, "map shape");
            List<?> expected = (List<?>) s.get("map_logits");
            for (int r = 0; r < map.rows(); r++) {
                for (int c = 0; c < map.cols(); c++) {
                    double want = ((Number) expected.get(r * map.cols() + c)).doubleValue();
                    worstLogit = Math.max(worstLogit, Math.abs(map.logit(1, r, c) - want));
                    cells++;
                }
            }
            List<?> probs = (List<?>) s.get("probs");
            float[] got = map.output().data();
            assertEquals(probs.size(), got.length);
            for (int i = 0; i < got.length; i++) {
                worstProb = Math.max(worstProb, Math.abs(got[i] - ((Number) probs.get(i)).doubleValue()));
            }
        }
        System.out.printf("map agreement: %d samples, %d cells, max |logit_java - logit_torch| = %.3g,"
                + " max |p_java - p_torch| = %.3g%n", samples.size(), cells, worstLogit, worstProb);
        assertTrue(worstLogit <= TOLERANCE, "max map logit difference " + worstLogit + " > " + TOLERANCE);
        assertTrue(worstProb <= TOLERANCE, "max probability difference " + worstProb + " > " + TOLERANCE);
    }

    private static int[] ints(Object list) {
        return ((List<?>) list).stream().mapToInt(v -> ((Number) v).intValue()).toArray();
    }
}
