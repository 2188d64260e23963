package io.blurfilter.imageio;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;

/**
 * Turns any decoded {@link BufferedImage} into opaque ARGB ints the way OpenCV's
 * {@code imread(IMREAD_COLOR)} does, which is what PaddleClas reads images with: alpha is dropped
 * (the raw colour channels are kept, not composited onto a background), grey is replicated to three
 * channels with its stored value, and 16-bit samples keep their high byte.
 */
final class ArgbPixels {
    private ArgbPixels() {}

    static int[] of(BufferedImage image) {
        ColorModel cm = image.getColorModel();
        if (cm instanceof ComponentColorModel && cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
            // Java treats grey as linear and would brighten it through getRGB; OpenCV uses the stored value.
            return grey(image.getRaster(), cm.getComponentSize(0));
        }
        if (cm instanceof ComponentColorModel && cm.getColorSpace().isCS_sRGB() && cm.getComponentSize(0) == 16) {
            return rgb16(image.getRaster());
        }
        if (isInterleavedSrgbBytes(image)) {
            return interleavedBytes(image.getRaster());
        }
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < argb.length; i++) {
            argb[i] |= 0xFF000000;
        }
        return argb;
    }

    /**
     * 8-bit sRGB colour (optionally with straight alpha) in one interleaved byte array: how JPEGs and
     * most PNGs decode. For these {@code getRGB} returns the stored bytes, but through the colour model
     * one pixel at a time: 28 ns a pixel, 8.6 ms for a 640x480 photo, more than decoding it.
     */
    static boolean isInterleavedSrgbBytes(BufferedImage image) {
        ColorModel cm = image.getColorModel();
        Raster raster = image.getRaster();
        if (!(cm instanceof ComponentColorModel) || !cm.getColorSpace().isCS_sRGB() || cm.isAlphaPremultiplied()
                || cm.getTransferType() != DataBuffer.TYPE_BYTE
                || !(raster.getSampleModel() instanceof PixelInterleavedSampleModel)
                || !(raster.getDataBuffer() instanceof DataBufferByte) || raster.getDataBuffer().getNumBanks() != 1) {
            return false;
        }
        int colours = cm.getNumColorComponents();
        if (colours != 3 || cm.getNumComponents() - colours > 1) {
            return false;
        }
        for (int c = 0; c < cm.getNumComponents(); c++) {
            if (cm.getComponentSize(c) != 8) {
                return false;
            }
        }
        return true;
    }

    private static int[] interleavedBytes(Raster raster) {
        PixelInterleavedSampleModel sm = (PixelInterleavedSampleModel) raster.getSampleModel();
        byte[] data = ((DataBufferByte) raster.getDataBuffer()).getData();
        int w = raster.getWidth();
        int h = raster.getHeight();
        int stride = sm.getPixelStride();
        int[] bands = sm.getBandOffsets();
        int r = bands[0];
        int g = bands[1];
        int b = bands[2];
        // a child raster (a sub-image) starts inside its parent's buffer
        int first = raster.getDataBuffer().getOffset() - raster.getSampleModelTranslateY() * sm.getScanlineStride()
                - raster.getSampleModelTranslateX() * stride;
        int[] argb = new int[w * h];
        for (int y = 0; y < h; y++) {
            int at = first + y * sm.getScanlineStride();
            int out = y * w;
            for (int x = 0; x < w; x++, at += stride) {
                argb[out + x] = 0xFF000000 | (data[at + r] & 0xFF) << 16 | (data[at + g] & 0xFF) << 8
                        | (data[at + b] & 0xFF);
            }
        }
        return argb;
    }

    private static int[] grey(Raster raster, int bits) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int shift = Math.max(0, bits - 8);
        int[] row = new int[w];
        int[] argb = new int[w * h];
        for (int y = 0; y < h; y++) {
            raster.getSamples(0, y, w, 1, 0, row);
            for (int x = 0; x < w; x++) {
                int v = Math.min(255, row[x] >>> shift);
                argb[y * w + x] = 0xFF000000 | v << 16 | v << 8 | v;
            }
        }
        return argb;
    }

    private static int[] rgb16(Raster raster) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int[] r = new int[w];
        int[] g = new int[w];
        int[] b = new int[w];
        int[] argb = new int[w * h];
        for (int y = 0; y < h; y++) {
            raster.getSamples(0, y, w, 1, 0, r);
            raster.getSamples(0, y, w, 1, 1, g);
            raster.getSamples(0, y, w, 1, 2, b);
            for (int x = 0; x < w; x++) {
                argb[y * w + x] = 0xFF000000 | (r[x] >>> 8) << 16 | (g[x] >>> 8) << 8 | (b[x] >>> 8);
            }
        }
        return argb;
    }
}
