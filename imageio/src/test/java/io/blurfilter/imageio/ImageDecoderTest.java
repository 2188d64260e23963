package io.blurfilter.imageio;

import static io.blurfilter.imageio.TestImages.BLUE;
import static io.blurfilter.imageio.TestImages.GREEN;
import static io.blurfilter.imageio.TestImages.RED;
import static io.blurfilter.imageio.TestImages.WHITE;
import static io.blurfilter.imageio.TestImages.near;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageDecoderTest {
    @TempDir
    Path tmp;

    private final ImageDecoder decoder = new ImageDecoder(DecodeSettings.fullSize());

    private static void assertQuadrants(DecodedImage img, int tolerance) {
        int w = img.width();
        int h = img.height();
        int[] p = img.argb();
        String where = " in " + w + "x" + h;
        assertTrue(near(p[(h / 4) * w + w / 4], RED, tolerance), "top-left" + where);
        assertTrue(near(p[(h / 4) * w + 3 * w / 4], GREEN, tolerance), "top-right" + where);
        assertTrue(near(p[(3 * h / 4) * w + w / 4], BLUE, tolerance), "bottom-left" + where);
        assertTrue(near(p[(3 * h / 4) * w + 3 * w / 4], WHITE, tolerance), "bottom-right" + where);
        for (int argb : p) {
            assertEquals(0xFF, argb >>> 24, "alpha is always opaque");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"png", "bmp", "gif", "jpeg", "tiff"})
    void decodesEveryFormatTheJdkWrites(String format) throws IOException {
        BufferedImage src = TestImages.quadrants(40, 30, BufferedImage.TYPE_INT_RGB);
        // the file name says nothing: formats are recognised by content
        Path file = TestImages.write(tmp.resolve("image.bin"), TestImages.encode(src, format));
        DecodedImage img = decoder.decode(file);
        assertEquals(40, img.width());
        assertEquals(30, img.height());
        assertQuadrants(img, format.equals("jpeg") ? 12 : 0);
    }

    @Test
    void decodesProgressiveJpeg() throws IOException {
        BufferedImage src = TestImages.quadrants(64, 48, BufferedImage.TYPE_INT_RGB);
        Path file = TestImages.write(tmp.resolve("p.jpg"), TestImages.progressiveJpeg(src));
        assertQuadrants(decoder.decode(file), 12);
    }

    @Test
    void decodesGreyPngWithItsStoredValues() throws IOException {
        BufferedImage grey = new BufferedImage(4, 2, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(1, 0, 0, 100);
        DecodedImage img = decoder.decode(TestImages.write(tmp.resolve("g.png"), TestImages.encode(grey, "png")));
        // Java's getRGB would gamma-brighten grey; OpenCV (and PaddleClas) use the stored value
        assertEquals(0xFF646464, img.argb()[1]);
        assertEquals(0xFF000000, img.argb()[0]);
    }

    @Test
    void decodesSixteenBitGreyPngKeepingTheHighByte() throws IOException {
        BufferedImage grey = new BufferedImage(3, 1, BufferedImage.TYPE_USHORT_GRAY);
        grey.getRaster().setSample(0, 0, 0, 0x64FF);
        grey.getRaster().setSample(1, 0, 0, 0xFFFF);
        DecodedImage img = decoder.decode(TestImages.write(tmp.resolve("g16.png"), TestImages.encode(grey, "png")));
        assertArrayEquals(new int[] {0xFF646464, 0xFFFFFFFF, 0xFF000000}, img.argb());
    }

    @Test
    void decodesPalettePng() throws IOException {
        byte[] r = {(byte) 0xE0, 0x10};
        byte[] g = {0x10, (byte) 0xC0};
        byte[] b = {0x10, 0x20};
        BufferedImage pal = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(1, 2, r, g, b));
        WritableRaster raster = pal.getRaster();
        raster.setSample(0, 0, 0, 0);
        raster.setSample(1, 0, 0, 1);
        DecodedImage img = decoder.decode(TestImages.write(tmp.resolve("pal.png"), TestImages.encode(pal, "png")));
        assertArrayEquals(new int[] {0xFFE01010, 0xFF10C020}, img.argb());
    }

    @Test
    void dropsAlphaKeepingTheRawColourLikeOpenCv() throws IOException {
        BufferedImage rgba = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        rgba.setRGB(0, 0, 0x000AC81E); // fully transparent, colour (10, 200, 30)
        rgba.setRGB(1, 0, 0x80FF0000);
        DecodedImage img = decoder.decode(TestImages.write(tmp.resolve("a.png"), TestImages.encode(rgba, "png")));
        assertArrayEquals(new int[] {0xFF0AC81E, 0xFFFF0000}, img.argb());
    }

    @ParameterizedTest
    @ValueSource(strings = {"cmyk.jpg", "rgb16.png", "lossless.webp", "lossy.webp"})
    void decodesFormatsTheJdkCannotWrite(String sample) throws IOException {
        Path file = copyResource("/formats/" + sample);
        DecodedImage img = decoder.decode(file);
        assertEquals(96, img.width());
        assertEquals(64, img.height());
        DecodedImage reference = decoder.decode(copyResource("/formats/lossless.webp"));
        // same picture in every file: compare the mean colour with the lossless one
        int tolerance = sample.equals("cmyk.jpg") ? 24 : 8;
        assertTrue(near(mean(img.argb()), mean(reference.argb()), tolerance),
                sample + " mean " + Integer.toHexString(mean(img.argb())) + " vs "
                        + Integer.toHexString(mean(reference.argb())));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void appliesExifOrientation(int orientation) throws IOException {
        BufferedImage src = TestImages.quadrants(64, 32, BufferedImage.TYPE_INT_RGB);
        byte[] jpeg = TestImages.withExifOrientation(TestImages.encode(src, "jpeg"), orientation, orientation % 2 == 0);
        DecodedImage img = decoder.decode(TestImages.write(tmp.resolve("o.jpg"), jpeg));
        boolean transposed = orientation >= 5;
        assertEquals(transposed ? 32 : 64, img.width());
        assertEquals(transposed ? 64 : 32, img.height());
        assertEquals(img.width(), img.fullWidth());
        // where the stored top-left (red) quadrant ends up once upright
        int[][] redCorner = {null, {0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}, {1, 0}, {1, 1}, {0, 1}};
        int x = redCorner[orientation][0] == 0 ? img.width() / 4 : 3 * img.width() / 4;
        int y = redCorner[orientation][1] == 0 ? img.height() / 4 : 3 * img.height() / 4;
        assertTrue(near(img.argb()[y * img.width() + x], RED, 12), "orientation " + orientation);
    }

    @Test
    void subsamplesLargeImagesKeepingTwiceTheTarget() throws IOException {
        BufferedImage src = TestImages.quadrants(2000, 1000, BufferedImage.TYPE_INT_RGB);
        Path file = TestImages.write(tmp.resolve("big.png"), TestImages.encode(src, "png"));
        DecodedImage img = new ImageDecoder(new DecodeSettings(DecodeSettings.DEFAULT_MAX_PIXELS, 256, 0, 0))
                .decode(file);
        assertEquals(2000, img.fullWidth());
        assertEquals(1000, img.fullHeight());
        assertEquals(667, img.width()); // every 3rd pixel: 1000 / 256 = 3
        assertEquals(334, img.height());
        assertTrue(Math.min(img.width(), img.height()) >= 256);
        assertQuadrants(img, 0);
    }

    @Test
    void refusesDecompressionBombsFromTheHeader() throws IOException {
        Path bomb = TestImages.write(tmp.resolve("bomb.png"), TestImages.pngHeaderOnly(100_000, 100_000));
        ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> decoder.decode(bomb));
        assertTrue(e.getMessage().startsWith("image too large: 100000x100000 is 10000.0 megapixels"), e.getMessage());

        byte[] jpeg = TestImages.encode(TestImages.quadrants(16, 16, BufferedImage.TYPE_INT_RGB), "jpeg");
        Path bigJpeg = TestImages.write(tmp.resolve("bomb.jpg"), withJpegSize(jpeg, 65000, 65000));
        e = assertThrows(ImageDecodeException.class, () -> decoder.decode(bigJpeg));
        assertTrue(e.getMessage().startsWith("image too large: 65000x65000"), e.getMessage());
    }

    @Test
    void namesEveryBrokenInput() throws IOException {
        byte[] jpeg = TestImages.encode(TestImages.quadrants(200, 100, BufferedImage.TYPE_INT_RGB), "jpeg");
        byte[] png = TestImages.encode(TestImages.quadrants(200, 100, BufferedImage.TYPE_INT_RGB), "png");
        assertError("empty file (0 bytes)", TestImages.write(tmp.resolve("empty.jpg"), new byte[0]));
        assertError("truncated", TestImages.write(tmp.resolve("cut.jpg"), Arrays.copyOf(jpeg, jpeg.length / 2)));
        assertError("truncated", TestImages.write(tmp.resolve("cut.png"), Arrays.copyOf(png, png.length / 2)));
        assertError("not an image", TestImages.write(tmp.resolve("text.jpg"), "hello, not a picture\n".getBytes()));
        assertError("HEIF/HEIC", TestImages.write(tmp.resolve("phone.jpg"),
                new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c', 0, 0, 0, 0}));
        assertError("file vanished", tmp.resolve("never-existed.jpg"));
        assertError("not a regular file", Files.createDirectories(tmp.resolve("folder.jpg")));
    }

    @Test
    void describesFileSystemFailuresForPeople() {
        // root reads any file, so permission errors are checked on the exception mapping itself
        assertEquals("permission denied", ImageDecoder.describe(new java.nio.file.AccessDeniedException("/x.jpg")));
        assertEquals("permission denied",
                ImageDecoder.describe(new java.io.FileNotFoundException("/x.jpg (Permission denied)")));
        assertEquals("file vanished before it could be read",
                ImageDecoder.describe(new java.nio.file.NoSuchFileException("/x.jpg")));
        assertEquals("symbolic link loop", ImageDecoder.describe(
                new java.io.FileNotFoundException("/x.jpg (Too many levels of symbolic links)")));
    }

    private void assertError(String expected, Path file) {
        ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> decoder.decode(file));
        assertTrue(e.getMessage().contains(expected), file.getFileName() + ": " + e.getMessage());
    }

    private Path copyResource(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream(name)) {
            return TestImages.write(tmp.resolve(Path.of(name).getFileName().toString()), in.readAllBytes());
        }
    }

    private static int mean(int[] argb) {
        long r = 0;
        long g = 0;
        long b = 0;
        for (int p : argb) {
            r += (p >> 16) & 0xFF;
            g += (p >> 8) & 0xFF;
            b += p & 0xFF;
        }
        int n = argb.length;
        return (int) (0xFF000000L | (r / n) << 16 | (g / n) << 8 | (b / n));
    }

    /** The JPEG with the size in its SOF0 header rewritten. */
    static byte[] withJpegSize(byte[] jpeg, int width, int height) {
        byte[] out = jpeg.clone();
        for (int i = 2; i + 9 < out.length; i++) {
            if ((out[i] & 0xFF) == 0xFF && (out[i + 1] & 0xFF) == 0xC0) {
                out[i + 5] = (byte) (height >> 8);
                out[i + 6] = (byte) height;
                out[i + 7] = (byte) (width >> 8);
                out[i + 8] = (byte) width;
                return out;
            }
        }
        throw new IllegalArgumentException("no SOF0");
    }
}
