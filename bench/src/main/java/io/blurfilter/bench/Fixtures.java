package io.blurfilter.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The PP-LCNet ONNX fixtures (converter/src/test/resources/onnx-lcnet): found through
 * {@code -Dblurfilter.fixtures=DIR}, else by walking up from the working directory.
 */
public final class Fixtures {
    private static final String RELATIVE = "converter/src/test/resources/onnx-lcnet";

    private Fixtures() {}

    public static Path dir() {
        String explicit = System.getProperty("blurfilter.fixtures");
        if (explicit != null) {
            return Path.of(explicit);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve(RELATIVE);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no " + RELATIVE + " above " + Path.of("").toAbsolutePath()
                + "; run from the repository or pass -Dblurfilter.fixtures=DIR");
    }

    /** The shared 1x3x224x224 random-normal input, already normalized. */
    public static float[] input224() {
        return floats(dir().resolve("input_224x224_randn.f32"));
    }

    static float[] floats(Path file) {
        try {
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
            float[] out = new float[b.remaining() / 4];
            b.asFloatBuffer().get(out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
