package io.blurfilter.engine.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/** The table-driven CRC-32C that Android runs gives the JDK's values. */
class Crc32cTest {
    @Test
    void matchesTheStandardCheckValue() {
        byte[] digits = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0xE3069283, Crc32c.portable(digits, 0, digits.length)); // RFC 3720's CRC-32C check value
        assertEquals(0xE3069283, Crc32c.of(digits, 0, digits.length));
    }

    @Test
    void matchesTheJdkOnRandomBytesAtEveryOffsetAndLength() {
        Random random = new Random(42);
        byte[] bytes = new byte[4096];
        random.nextBytes(bytes);
        for (int offset = 0; offset < 16; offset++) {
            for (int length = 0; length <= 100; length++) {
                assertEquals(jdk(bytes, offset, length), Crc32c.portable(bytes, offset, length),
                        "offset " + offset + ", length " + length);
            }
        }
        assertEquals(jdk(bytes, 3, 4000), Crc32c.portable(bytes, 3, 4000));
        assertEquals(0, Crc32c.portable(bytes, 7, 0));
    }

    @Test
    void refusesRangesOutsideTheArray() {
        byte[] bytes = new byte[16];
        assertThrows(IndexOutOfBoundsException.class, () -> Crc32c.portable(bytes, 8, 9));
        assertThrows(IndexOutOfBoundsException.class, () -> Crc32c.portable(bytes, -1, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> Crc32c.portable(bytes, 0, -1));
    }

    private static int jdk(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }
}
