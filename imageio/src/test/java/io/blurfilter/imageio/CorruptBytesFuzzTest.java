package io.blurfilter.imageio;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.blurfilter.engine.PixelRegion;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Damaged image bytes (flipped bytes, overwritten runs, cuts, a wrong length in a marker segment)
 * decode or fail with an {@link ImageDecodeException}: never another exception, never a pixel
 * array of the wrong size; and reading their metadata never throws. Seeded, so a failure repeats.
 */
class CorruptBytesFuzzTest {
    private static final int CASES = 300;
    private static final RegionOfInterest CENTRE = (w, h) -> new PixelRegion(w / 4, h / 4, w - w / 4, h - h / 4);

    @ParameterizedTest
    @ValueSource(strings = {"jpeg", "png", "bmp", "gif", "tiff", "webp"})
    void damagedBytesDecodeOrFailWithADecodeError(String format) throws IOException {
        byte[] good = sample(format);
        ImageDecoder whole = new ImageDecoder(DecodeSettings.fullSize());
        ImageDecoder region = new ImageDecoder(DecodeSettings.fullSize(), CENTRE);
        Random random = new Random(format.hashCode());
        int failures = 0;
        for (int c = 0; c < CASES; c++) {
            byte[] bad = damage(good, random);
            try {
                PhotoMetadata.read(bad); // never throws; what it gives is PhotoMetadataFuzzTest's concern
            } catch (RuntimeException | Error e) {
                fail(format + " case " + c + ": metadata read: " + e, e);
            }
            for (ImageDecoder decoder : Arrays.asList(whole, region)) {
                try {
                    DecodedImage d = decoder.decode(bad);
                    PixelRegion r = d.region();
                    assertTrue(d.argb().length == r.width() * r.height() && r.x1() <= d.width() && r.y1() <= d.height(),
                            format + " case " + c + ": pixels do not match the region");
                } catch (ImageDecodeException expected) {
                    failures++;
                    assertTrue(expected.getMessage() != null && !expected.getMessage().isEmpty());
                } catch (RuntimeException | Error e) {
                    fail(format + " case " + c + ": " + e, e);
                }
            }
        }
        assertTrue(failures > 0, format + ": no damaged input was refused, so the damage is too mild to test anything");
    }

    private static byte[] sample(String format) throws IOException {
        if (format.equals("webp")) { // the JDK writes no WebP: one of the decoder tests' samples
            try (InputStream in = CorruptBytesFuzzTest.class.getResourceAsStream("/formats/lossy.webp")) {
                return in.readAllBytes();
            }
        }
        byte[] encoded = TestImages.encode(TestImages.quadrants(96, 64, BufferedImage.TYPE_INT_RGB), format);
        return format.equals("jpeg") ? TestImages.withExifOrientation(encoded, 6, true) : encoded;
    }

    private static byte[] damage(byte[] good, Random random) {
        byte[] bad = good.clone();
        switch (random.nextInt(4)) {
            case 0: // a few flipped bytes
                for (int i = 1 + random.nextInt(4); i > 0; i--) {
                    bad[random.nextInt(bad.length)] ^= (byte) (1 + random.nextInt(255));
                }
                return bad;
            case 1: // a run overwritten with one value (0x00 or 0xFF: markers and stuffing)
                int at = random.nextInt(bad.length);
                Arrays.fill(bad, at, Math.min(bad.length, at + 1 + random.nextInt(32)), random.nextBoolean() ? 0 : (byte) 0xFF);
                return bad;
            case 2: // cut anywhere
                return Arrays.copyOf(good, random.nextInt(good.length));
            default: // a length or size field in the first bytes of the file
                int i = 2 + random.nextInt(Math.min(60, bad.length - 2));
                bad[i] = (byte) random.nextInt(256);
                return bad;
        }
    }
}
