package io.blurfilter.imageio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.blurfilter.decoder.JpegDecoder;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Which decoder reads what ({@code -Dblurfilter.decoder}): PNG goes through the built-in decoder by
 * default, JPEG too where the decoder's Vector API paths run or with {@code builtin}, neither with
 * {@code imageio}. Told apart by the wording of a truncated file's error, which each decoder phrases
 * its own way. Surefire runs this class twice, without and with {@code jdk.incubator.vector}, and
 * says which in {@code blurfilter.test.vector}.
 */
class DecoderSelectionTest {
    @Test
    void thePropertyAndTheVectorApiPickTheFormats() {
        for (boolean vectorApi : new boolean[] {false, true}) {
            BuiltInDecoder.Formats byDefault = vectorApi ? BuiltInDecoder.Formats.JPEG_AND_PNG : BuiltInDecoder.Formats.PNG;
            assertEquals(byDefault, BuiltInDecoder.selected("default", vectorApi));
            assertEquals(byDefault, BuiltInDecoder.selected(" Default ", vectorApi));
            assertEquals(BuiltInDecoder.Formats.JPEG_AND_PNG, BuiltInDecoder.selected("builtin", vectorApi));
            assertEquals(BuiltInDecoder.Formats.NONE, BuiltInDecoder.selected("imageio", vectorApi));
        }
        assertEquals(BuiltInDecoder.selected("default", JpegDecoder.usesVectorApi()), with(null, BuiltInDecoder::selected));
        assertEquals(BuiltInDecoder.Formats.NONE, with("imageio", BuiltInDecoder::selected));
    }

    @Test
    void jpegGoesThroughTheBuiltInDecoderByDefaultExactlyWhereTheVectorApiRuns() throws Exception {
        String vector = System.getProperty("blurfilter.test.vector");
        assumeTrue(vector != null, "run by Maven, which says whether jdk.incubator.vector is there");
        assertEquals(vector.equals("present"), JpegDecoder.usesVectorApi());

        byte[] jpeg = encode(image(320, 240), "jpeg");
        byte[] cut = Arrays.copyOf(jpeg, jpeg.length - 100); // inside the image data
        String byDefault = error(with(null, () -> new ImageDecoder(DecodeSettings.fullSize())), cut);
        String builtIn = error(with("builtin", () -> new ImageDecoder(DecodeSettings.fullSize())), cut);
        String imageIo = error(with("imageio", () -> new ImageDecoder(DecodeSettings.fullSize())), cut);
        assertTrue(builtIn.contains(BUILT_IN_CUT), builtIn);
        assertFalse(imageIo.contains(BUILT_IN_CUT), imageIo);
        assertEquals(JpegDecoder.usesVectorApi() ? builtIn : imageIo, byDefault);
    }

    @Test
    void pngGoesThroughTheBuiltInDecoderByDefaultAndBackToImageIoOnRequest() throws Exception {
        byte[] png = png(64, 48);
        byte[] cut = Arrays.copyOf(png, png.length - 30);
        String byDefault = error(with(null, () -> new ImageDecoder(DecodeSettings.fullSize())), cut);
        String imageIo = error(with("imageio", () -> new ImageDecoder(DecodeSettings.fullSize())), cut);
        assertTrue(byDefault.contains("truncated PNG"), byDefault);
        assertFalse(imageIo.contains("truncated PNG"), imageIo);
        // and a whole file gives the same pixels either way
        assertTrue(Arrays.equals(with(null, () -> new ImageDecoder(DecodeSettings.fullSize())).decode(png).argb(),
                with("imageio", () -> new ImageDecoder(DecodeSettings.fullSize())).decode(png).argb()));
    }

    /** How the built-in decoder words a JPEG cut inside its image data; ImageIO's reader says it otherwise. */
    private static final String BUILT_IN_CUT = "the file ends inside the image data";

    private static String error(ImageDecoder decoder, byte[] file) {
        return assertThrows(ImageDecodeException.class, () -> decoder.decode(file)).getMessage();
    }

    private static byte[] png(int w, int h) throws Exception {
        return encode(image(w, h), "png");
    }

    private static BufferedImage image(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, (x * 4) << 16 | (y * 5) << 8 | (x ^ y) & 0xFF);
            }
        }
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    private static <T> T with(String value, Supplier<T> action) {
        String before = System.getProperty(BuiltInDecoder.PROPERTY);
        try {
            if (value == null) {
                System.clearProperty(BuiltInDecoder.PROPERTY);
            } else {
                System.setProperty(BuiltInDecoder.PROPERTY, value);
            }
            return action.get();
        } finally {
            if (before == null) {
                System.clearProperty(BuiltInDecoder.PROPERTY);
            } else {
                System.setProperty(BuiltInDecoder.PROPERTY, before);
            }
        }
    }
}
