package io.blurfilter.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Damaged PNGs decode to an image of their declared size or fail with a {@link DecodeException}, never
 * another exception, never a hang (the timeout guards against loops; it is not a speed check). Half of
 * the cases get their CRCs recomputed, so the damage reaches the zlib stream, the filters and the
 * sample unpacking instead of stopping at the checksum.
 */
class PngFuzzTest {
    @ParameterizedTest
    @ValueSource(strings = {"palette4", "grey16", "rgba8", "greyalpha8"})
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void damagedBytesDecodeOrFailWithADecodeException(String kind) {
        PngDecoder decoder = new PngDecoder(4_000_000);
        Random random = new Random(kind.hashCode());
        int failures = 0;
        for (int c = 0; c < 1000; c++) {
            byte[] good = PngSamples.png(PngSamples.image(kind, 23, 17, 3), c % 3 == 0);
            byte[] bad = JpegFuzzTest.Damage.apply(good, random);
            if (random.nextBoolean()) {
                recomputeCrcs(bad);
            }
            try {
                DecodedPixels p = decoder.decode(bad);
                assertEquals(p.width() * p.height(), p.argb().length);
            } catch (DecodeException expected) {
                failures++;
                assertTrue(!expected.getMessage().contains("Exception"), kind + " case " + c
                        + ": a check the decoder missed: " + expected.getMessage());
            } catch (RuntimeException | Error e) {
                fail(kind + " case " + c + ": " + e, e);
            }
        }
        assertTrue(failures > 0);
    }

    private static void recomputeCrcs(byte[] png) {
        int pos = 8;
        while (pos + 12 <= png.length) {
            long length = PngHeader.u32(png, pos);
            if (length > png.length - pos - 12) {
                return;
            }
            CRC32 crc = new CRC32();
            crc.update(png, pos + 4, (int) length + 4);
            long v = crc.getValue();
            int at = pos + 8 + (int) length;
            png[at] = (byte) (v >>> 24);
            png[at + 1] = (byte) (v >>> 16);
            png[at + 2] = (byte) (v >>> 8);
            png[at + 3] = (byte) v;
            pos = at + 4;
        }
    }
}
