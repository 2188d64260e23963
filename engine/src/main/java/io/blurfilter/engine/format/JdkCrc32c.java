package io.blurfilter.engine.format;

import io.blurfilter.engine.runtime.GuardedApiCall;
import java.util.zip.CRC32C;

/**
 * The one use of {@code java.util.zip.CRC32C}, in a class of its own: Android (API level 26 at least)
 * lacks the class, and a reference to it fails the verification of the class that holds it, which
 * then runs slower; only {@link Crc32c} calls this, after checking the class exists.
 */
final class JdkCrc32c {
    private JdkCrc32c() {}

    @GuardedApiCall
    static int of(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }
}
