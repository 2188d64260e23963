package io.blurfilter.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blurfilter.engine.Model;
import io.blurfilter.engine.Session;
import io.blurfilter.engine.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packaged model in the Java engine against PyTorch on the same preprocessed validation inputs
 * (written by model-weights/training/agreement_sample.py from the checkpoint the model was exported
 * from). CI uses the small stored sample; {@code -Dblurfilter.agreement=/tmp/bf-agree} checks the full
 * 200-image set.
 */
class AgreementWithPyTorchTest {
    private static final double TOLERANCE = 1e-4;

    @Test
    void probabilitiesMatchPyTorch() throws Exception {
        PyTorchFixture fixture = PyTorchFixture.open("blurfilter.agreement", "agreement", "agreement.json");
        List<Map<String, Object>> samples = fixture.samples();
        assertTrue(samples.size() >= 4, "agreement sample too small: " + samples.size());
        double worst = 0;
        Model model = BlurModel.loadDefault();
        try (Session session = model.newSession()) {
            for (Map<String, Object> s : samples) {
                float[] x = fixture.floats(s, "input");
                Tensor out = session.run(new Tensor(new int[] {1, 3, 224, 224}, x));
                @SuppressWarnings("unchecked")
                List<Object> probs = (List<Object>) s.get("probs");
                assertEquals(2, out.size());
                for (int i = 0; i < 2; i++) {
                    double diff = Math.abs(out.data()[i] - ((Number) probs.get(i)).doubleValue());
                    worst = Math.max(worst, diff);
                }
            }
        }
        System.out.printf("agreement: %d samples, max |p_java - p_torch| = %.3g%n", samples.size(), worst);
        assertTrue(worst <= TOLERANCE, "max probability difference " + worst + " > " + TOLERANCE);
    }
}
