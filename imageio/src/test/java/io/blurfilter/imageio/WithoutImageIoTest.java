package io.blurfilter.imageio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Decoding as on a JVM without {@code java.desktop}, in this JVM (which has it): the decoder is told
 * not to use ImageIO. {@link LimitedJvmDecodeTest} runs the same in a JVM that really lacks it.
 */
class WithoutImageIoTest {
    @TempDir
    Path tmp;

    private static ImageDecoder withoutImageIo(boolean builtInProperty) {
        return new ImageDecoder(DecodeSettings.fullSize(), null, builtInProperty, false);
    }

    @Test
    void thisJvmHasImageIo() {
        assertTrue(ImageDecoder.hasImageIo());
    }

    @Test
    void jpegAndPngGoThroughTheBuiltInDecoderWhateverThePropertySays() throws IOException {
        BufferedImage src = TestImages.noise(48, 40, 3);
        for (String format : new String[] {"jpeg", "png"}) {
            byte[] bytes = TestImages.encode(src, format);
            DecodedImage builtIn = new ImageDecoder(DecodeSettings.fullSize(), null, true).decode(bytes);
            for (boolean property : new boolean[] {false, true}) {
                DecodedImage image = withoutImageIo(property).decode(bytes);
                assertEquals(48, image.width(), format);
                assertEquals(40, image.height(), format);
                assertArrayEquals(builtIn.argb(), image.argb(), format + ": the built-in decoder's pixels");
            }
        }
    }

    @Test
    void filesAndRegionsToo() throws IOException {
        byte[] jpeg = TestImages.withExifOrientation(TestImages.encode(TestImages.noise(64, 48, 5), "jpeg"), 6, true);
        Path file = TestImages.write(tmp.resolve("photo.jpg"), jpeg);
        RegionOfInterest centre = (w, h) -> new io.blurfilter.engine.PixelRegion(8, 8, w - 8, h - 8);
        DecodedImage region = new ImageDecoder(DecodeSettings.fullSize(), centre, false, false).decode(file);
        DecodedImage builtIn = new ImageDecoder(DecodeSettings.fullSize(), centre, true).decode(file);
        assertEquals(48, region.width(), "upright per EXIF");
        assertEquals(64, region.height());
        assertEquals(builtIn.region(), region.region());
        assertArrayEquals(builtIn.argb(), region.argb());
    }

    @ParameterizedTest
    @CsvSource({"gif, GIF", "bmp, BMP", "tiff, TIFF"})
    void otherFormatsAreErrorsNamingTheFormatAndTheMissingModule(String writer, String name) throws IOException {
        byte[] bytes = TestImages.encode(TestImages.quadrants(20, 10, BufferedImage.TYPE_INT_RGB), writer);
        // this JVM can decode it
        assertEquals(20, new ImageDecoder(DecodeSettings.fullSize()).decode(bytes).width());
        ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> withoutImageIo(false).decode(bytes));
        assertEquals(name + " image: this JVM has no java.desktop module (ImageIO), which decodes " + name
                + "; only JPEG and PNG are decoded without it", e.getMessage());
    }

    @Test
    void webpIsNamedFromItsHeader() {
        byte[] webp = {'R', 'I', 'F', 'F', 30, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', 'L', 0, 0, 0, 0};
        ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> withoutImageIo(false).decode(webp));
        assertTrue(e.getMessage().startsWith("WebP image: this JVM has no java.desktop module"), e.getMessage());
    }

    @Test
    void unknownContentSaysWhatCanBeRead() {
        byte[] text = "just some text, not an image".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> withoutImageIo(false).decode(text));
        assertEquals("not a JPEG or PNG image, the only formats decoded on this JVM: it has no java.desktop module"
                + " (ImageIO), which reads the others (WebP, TIFF, GIF, BMP)", e.getMessage());
        byte[] pdf = "%PDF-1.4 ...".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertEquals("not an image (a PDF document)",
                assertThrows(ImageDecodeException.class, () -> withoutImageIo(false).decode(pdf)).getMessage());
    }

    @Test
    void aJpegFeatureTheBuiltInDecoderLacksIsNamed() throws IOException {
        byte[] jpeg = TestImages.encode(TestImages.quadrants(16, 16, BufferedImage.TYPE_INT_RGB), "jpeg");
        // SOF0 (baseline Huffman) relabelled SOF9: arithmetic coding, which the built-in decoder refuses
        for (int i = 0; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xC0) {
                jpeg[i + 1] = (byte) 0xC9;
                break;
            }
        }
        ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> withoutImageIo(true).decode(jpeg));
        assertEquals("unsupported JPEG: arithmetic-coded JPEG (the built-in decoder does not read it, and this JVM"
                + " has no java.desktop module for ImageIO to try)", e.getMessage());
    }

    @Test
    void damagedJpegsAreStillDamaged() throws IOException {
        byte[] jpeg = TestImages.encode(TestImages.noise(64, 64, 9), "jpeg");
        byte[] cut = java.util.Arrays.copyOf(jpeg, jpeg.length / 2);
        ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> withoutImageIo(false).decode(cut));
        assertTrue(e.getMessage().contains("trunc"), e.getMessage());
    }
}
