package io.blurfilter.imageio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The byte-array path for interleaved 8-bit sRGB images against Java's own {@code getRGB}. */
class ArgbPixelsTest {
    private static final int W = 37;
    private static final int H = 23;

    /** What {@code ArgbPixels} promised before it had a fast path: getRGB's colour, alpha dropped. */
    private static int[] viaGetRgb(BufferedImage image) {
        int[] argb = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        for (int i = 0; i < argb.length; i++) {
            argb[i] |= 0xFF000000;
        }
        return argb;
    }

    private static BufferedImage randomBytes(BufferedImage image, long seed) {
        new Random(seed).nextBytes(((DataBufferByte) image.getRaster().getDataBuffer()).getData());
        return image;
    }

    @ParameterizedTest
    @ValueSource(ints = {BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_4BYTE_ABGR})
    void readsJpegAndPngLayoutsAsGetRgbDoes(int type) {
        BufferedImage image = randomBytes(new BufferedImage(W, H, type), type);
        assertTrue(ArgbPixels.isInterleavedSrgbBytes(image));
        assertArrayEquals(viaGetRgb(image), ArgbPixels.of(image));
    }

    @Test
    void readsRgbOrderedBytes() {
        ColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, W, H, 3 * W, 3,
                new int[] {0, 1, 2}, null);
        BufferedImage image = randomBytes(new BufferedImage(cm, raster, false, null), 7);
        assertTrue(ArgbPixels.isInterleavedSrgbBytes(image));
        assertArrayEquals(viaGetRgb(image), ArgbPixels.of(image));
    }

    @Test
    void readsASubImageFromInsideItsParent() {
        BufferedImage parent = randomBytes(new BufferedImage(W, H, BufferedImage.TYPE_3BYTE_BGR), 11);
        BufferedImage sub = parent.getSubimage(5, 3, 20, 11);
        assertTrue(ArgbPixels.isInterleavedSrgbBytes(sub));
        assertArrayEquals(viaGetRgb(sub), ArgbPixels.of(sub));
    }

    @Test
    void leavesPremultipliedAlphaToGetRgb() {
        BufferedImage image = randomBytes(new BufferedImage(W, H, BufferedImage.TYPE_4BYTE_ABGR_PRE), 13);
        assertFalse(ArgbPixels.isInterleavedSrgbBytes(image));
        assertArrayEquals(viaGetRgb(image), ArgbPixels.of(image));
    }
}
