package io.blurfilter.decoder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The committed test files (src/test/resources; see jpeg/make-fixtures.sh for how they were made). */
final class Fixtures {
    static final String[] JPEGS = {"baseline-420-restart", "progressive-422", "grey"};

    private Fixtures() {}

    static byte[] bytes(String resource) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] jpeg(String name) {
        return bytes("jpeg/" + name + ".jpg");
    }

    /** Offset of the first {@code 0xFF marker} in a JPEG. */
    static int marker(byte[] jpeg, int marker) {
        for (int i = 2; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == marker) {
                return i;
            }
        }
        throw new IllegalArgumentException("no marker " + Integer.toHexString(marker));
    }
}
