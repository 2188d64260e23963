package io.blurfilter.model;

import io.blurfilter.converter.json.JsonException;
import io.blurfilter.converter.json.JsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A folder of PyTorch reference outputs written by the training scripts: a JSON index whose
 * {@code samples} list names raw little-endian float32 input files beside it.
 */
final class PyTorchFixture {
    private final Path dir;
    private final List<Map<String, Object>> samples;

    /** Reads {@code index} in {@code -Dproperty=DIR}, or in {@code src/test/resources/<folder>} without it. */
    static PyTorchFixture open(String property, String folder, String index) throws IOException, JsonException {
        String override = System.getProperty(property);
        return new PyTorchFixture(override != null ? Path.of(override) : Path.of("src", "test", "resources", folder),
                index);
    }

    @SuppressWarnings("unchecked")
    private PyTorchFixture(Path dir, String index) throws IOException, JsonException {
        this.dir = dir;
        Map<String, Object> meta = (Map<String, Object>) JsonParser.parse(
                Files.readString(dir.resolve(index), StandardCharsets.UTF_8));
        this.samples = (List<Map<String, Object>>) meta.get("samples");
    }

    Path dir() {
        return dir;
    }

    List<Map<String, Object>> samples() {
        return samples;
    }

    /** The float32 file a sample names under {@code key}. */
    float[] floats(Map<String, Object> sample, String key) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(dir.resolve((String) sample.get(key))))
                .order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }
}
