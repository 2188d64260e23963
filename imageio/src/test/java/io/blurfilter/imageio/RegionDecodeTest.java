package io.blurfilter.imageio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blurfilter.engine.PixelRegion;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Decoding only a region of interest gives exactly the pixels of that region of the whole decode,
 * for every EXIF orientation, with and without reduced-size decoding (JPEG; other formats decode whole),
 * through ImageIO and through the built-in decoder (its windowed decode).
 */
class RegionDecodeTest {
    /** Off-centre and uneven, so a mirrored or transposed mapping lands elsewhere. */
    private static final RegionOfInterest ROI = (w, h) -> new PixelRegion(w / 5, h / 7, w - w / 3, h - h / 9);

    @TempDir
    Path tmp;

    private static BufferedImage noise(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(w * 7919L + h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                // smooth enough that JPEG keeps detail, varied enough that any shift shows
                img.setRGB(x, y, (x * 3 + r.nextInt(8)) % 256 << 16 | (y * 5 + r.nextInt(8)) % 256 << 8 | (x ^ y) & 0xFF);
            }
        }
        return img;
    }

    private static int[] cut(DecodedImage whole, PixelRegion r) {
        int[] part = new int[r.width() * r.height()];
        for (int y = r.y0(); y < r.y1(); y++) {
            System.arraycopy(whole.argb(), y * whole.width() + r.x0(), part, (y - r.y0()) * r.width(), r.width());
        }
        return part;
    }

    private void assertRegionMatchesWhole(Path file, DecodeSettings settings, String what) throws IOException {
        for (boolean builtIn : new boolean[] {false, true}) {
            assertRegionMatchesWhole(file, settings, builtIn, what + (builtIn ? ", built-in decoder" : ", ImageIO"));
        }
    }

    private void assertRegionMatchesWhole(Path file, DecodeSettings settings, boolean builtIn, String what)
            throws IOException {
        DecodedImage whole = new ImageDecoder(settings, null, builtIn).decode(file);
        DecodedImage part = new ImageDecoder(settings, ROI, builtIn).decode(file);
        assertTrue(whole.isWhole(), what);
        assertFalse(part.isWhole(), what);
        assertEquals(whole.width(), part.width(), what);
        assertEquals(whole.height(), part.height(), what);
        assertEquals(ROI.of(whole.width(), whole.height()), part.region(), what);
        assertEquals(whole.fullWidth(), part.fullWidth(), what);
        assertArrayEquals(cut(whole, part.region()), part.argb(), what);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void jpegRegionsMatchTheWholeDecodeInEveryOrientation(int orientation) throws IOException {
        byte[] jpeg = TestImages.withExifOrientation(TestImages.encode(noise(150, 97), "jpeg"), orientation,
                orientation % 2 == 0);
        Path file = TestImages.write(tmp.resolve("o" + orientation + ".jpg"), jpeg);
        assertRegionMatchesWhole(file, DecodeSettings.fullSize(), "full size, orientation " + orientation);
        // 97 / 24 -> every 4th pixel, then 3rd, 2nd: periods that do not divide the sizes
        for (int minShort : new int[] {24, 32, 45}) {
            assertRegionMatchesWhole(file, new DecodeSettings(DecodeSettings.DEFAULT_MAX_PIXELS, minShort, 0, 0),
                    "short side " + minShort + ", orientation " + orientation);
        }
    }

    @Test
    void progressiveJpegRegionsMatchTheWholeDecode() throws IOException {
        Path file = TestImages.write(tmp.resolve("p.jpg"), TestImages.progressiveJpeg(noise(150, 97)));
        assertRegionMatchesWhole(file, DecodeSettings.fullSize(), "progressive");
        assertRegionMatchesWhole(file, new DecodeSettings(DecodeSettings.DEFAULT_MAX_PIXELS, 32, 0, 0),
                "progressive, reduced");
        byte[] bytes = java.nio.file.Files.readAllBytes(file);
        Path cut = TestImages.write(tmp.resolve("pcut.jpg"), java.util.Arrays.copyOf(bytes, bytes.length * 98 / 100));
        for (boolean builtIn : new boolean[] {false, true}) {
            assertThrows(ImageDecodeException.class,
                    () -> new ImageDecoder(DecodeSettings.fullSize(), ROI, builtIn).decode(cut));
        }
    }

    /** Only JPEG cuts below a region can be found without decoding them: other formats decode whole. */
    @Test
    void decodesOtherFormatsWhole() throws IOException {
        Path file = TestImages.write(tmp.resolve("n.png"), TestImages.encode(noise(211, 130), "png"));
        DecodedImage whole = new ImageDecoder(DecodeSettings.fullSize()).decode(file);
        DecodedImage asked = new ImageDecoder(DecodeSettings.fullSize(), ROI).decode(file);
        assertTrue(asked.isWhole());
        assertArrayEquals(whole.argb(), asked.argb());
    }

    /**
     * A region stops decoding early, so libjpeg never reaches (and never warns about) a cut below it;
     * the decoder still reports such files as truncated, as a whole decode does.
     */
    @ParameterizedTest
    @ValueSource(ints = {50, 90, 97, 99})
    void reportsAJpegCutBelowTheRegionAsTruncated(int percent) throws IOException {
        byte[] jpeg = TestImages.encode(noise(160, 120), "jpeg");
        Path file = TestImages.write(tmp.resolve("cut" + percent + ".jpg"),
                java.util.Arrays.copyOf(jpeg, jpeg.length * percent / 100));
        for (boolean builtIn : new boolean[] {false, true}) {
            ImageDecodeException e = assertThrows(ImageDecodeException.class,
                    () -> new ImageDecoder(DecodeSettings.fullSize(), ROI, builtIn).decode(file));
            assertTrue(e.getMessage().contains("truncated"), (builtIn ? "built-in: " : "ImageIO: ") + e.getMessage());
        }
    }

    @Test
    void acceptsDataAfterTheEndOfTheImage() throws IOException {
        byte[] jpeg = TestImages.encode(noise(160, 120), "jpeg");
        byte[] trailer = java.util.Arrays.copyOf(jpeg, jpeg.length + 64); // zeros after EOI, as phone trailers
        Path file = TestImages.write(tmp.resolve("trailer.jpg"), trailer);
        assertRegionMatchesWhole(file, DecodeSettings.fullSize(), "trailing bytes");
    }

    @Test
    void refusesARegionOutsideTheImage() throws IOException {
        Path file = TestImages.write(tmp.resolve("s.jpg"), TestImages.encode(noise(40, 30), "jpeg"));
        ImageDecoder decoder = new ImageDecoder(DecodeSettings.fullSize(), (w, h) -> new PixelRegion(0, 0, w + 1, h));
        assertThrows(ImageDecodeException.class, () -> decoder.decode(file));
    }
}
