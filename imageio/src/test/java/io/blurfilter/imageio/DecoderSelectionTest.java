package io.blurfilter.imageio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Which decoder reads what ({@code -Dblurfilter.decoder}): PNG goes through the built-in decoder by
 * default, JPEG too with {@code builtin}, neither with {@code imageio}. Told apart by the wording of a
 * truncated PNG's error, which each decoder phrases its own way.
 */
class DecoderSelectionTest {
    @Test
    void thePropertyPicksTheFormats() {
        assertEquals(BuiltInDecoder.Formats.PNG, with(null, BuiltInDecoder::selected));
        assertEquals(BuiltInDecoder.Formats.PNG, with("default", BuiltInDecoder::selected));
        assertEquals(BuiltInDecoder.Formats.JPEG_AND_PNG, with("builtin", BuiltInDecoder::selected));
        assertEquals(BuiltInDecoder.Formats.NONE, with("imageio", BuiltInDecoder::selected));
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

    private static String error(ImageDecoder decoder, byte[] file) {
        return assertThrows(ImageDecodeException.class, () -> decoder.decode(file)).getMessage();
    }

    private static byte[] png(int w, int h) throws Exception {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, (x * 4) << 16 | (y * 5) << 8 | (x ^ y) & 0xFF);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
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
