package io.blurfilter.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blurfilter.converter.json.JsonParser;
import io.blurfilter.engine.Model;
import io.blurfilter.engine.Session;
import io.blurfilter.engine.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
        String override = System.getProperty("blurfilter.agreement");
        Path dir = override != null ? Path.of(override) : Path.of("src", "test", "resources", "agreement");
        @SuppressWarnings("unchecked")
        Map<String, Object> meta = (Map<String, Object>) JsonParser.parse(
                Files.readString(dir.resolve("agreement.json"), StandardCharsets.UTF_8));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> samples = (List<Map<String, Object>>) meta.get("samples");
        assertTrue(samples.size() >= 4, "agreement sample too small: " + samples.size());
        double worst = 0;
        Model model = BlurModel.loadDefault();
        try (Session session = model.newSession()) {
            for (Map<String, Object> s : samples) {
                float[] x = floats(dir.resolve((String) s.get("input")));
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

    private static float[] floats(Path file) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }
}
