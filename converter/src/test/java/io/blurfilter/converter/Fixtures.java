package io.blurfilter.converter;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the shared fixtures and this module's test resources are. */
final class Fixtures {
    private Fixtures() {}

    static Path shared() {
        return SharedDir.path();
    }

    static Path fixture(String relative) {
        return shared().resolve("fixtures").resolve(relative);
    }

    static Path resource(String relative) {
        return Path.of("src/test/resources").resolve(relative);
    }

    static float[] readF32(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }
}
