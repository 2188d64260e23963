package io.blurfilter.cli.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
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
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < argb.length; i++) {
            argb[i] |= 0xFF000000;
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
