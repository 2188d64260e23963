package io.blurfilter.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Damaged JPEG bytes (flipped bytes, overwritten runs, cuts, header fields) decode to an image of the
 * size their header declares or fail with a {@link DecodeException}: never another exception, never a
 * hang (the timeout is a guard against loops, not a speed check). Seeded, so a failure repeats.
 */
class JpegFuzzTest {
    static final int CASES = 1500;

    @ParameterizedTest
    @ValueSource(strings = {"baseline-420-restart", "progressive-422", "grey"})
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void damagedBytesDecodeOrFailWithADecodeException(String name) {
        byte[] good = Fixtures.jpeg(name);
        JpegDecoder decoder = new JpegDecoder(4_000_000);
        Random random = new Random(name.hashCode());
        int failures = 0;
        for (int c = 0; c < CASES; c++) {
            byte[] bad = Damage.apply(good, random);
            int n = 1 << random.nextInt(4);
            try {
                JpegInfo info = decoder.readInfo(bad);
                DecodedPixels p = decoder.decode(bad, n);
                assertEquals((info.width() + n - 1) / n, p.width(), name + " case " + c);
                assertEquals((info.height() + n - 1) / n, p.height(), name + " case " + c);
            } catch (DecodeException expected) {
                failures++;
                assertTrue(expected.getMessage() != null && !expected.getMessage().isEmpty());
                assertTrue(!expected.getMessage().contains("Exception"), name + " case " + c
                        + ": a check the parser missed: " + expected.getMessage());
            } catch (RuntimeException | Error e) {
                fail(name + " case " + c + ": " + e, e);
            }
        }
        assertTrue(failures > 0, name + ": no damaged input was refused, so the damage is too mild to test anything");
    }

    /** The damage imageio's CorruptBytesFuzzTest does, so both decoders face the same kinds of file. */
    static final class Damage {
        private Damage() {}

        static byte[] apply(byte[] good, Random random) {
            byte[] bad = good.clone();
            switch (random.nextInt(4)) {
                case 0:
                    for (int i = 1 + random.nextInt(4); i > 0; i--) {
                        bad[random.nextInt(bad.length)] ^= (byte) (1 + random.nextInt(255));
                    }
                    return bad;
                case 1:
                    int at = random.nextInt(bad.length);
                    Arrays.fill(bad, at, Math.min(bad.length, at + 1 + random.nextInt(32)), random.nextBoolean() ? 0 : (byte) 0xFF);
                    return bad;
                case 2:
                    return Arrays.copyOf(good, random.nextInt(good.length));
                default:
                    int i = 2 + random.nextInt(Math.min(200, bad.length - 2));
                    bad[i] = (byte) random.nextInt(256);
                    return bad;
            }
        }
    }
}
