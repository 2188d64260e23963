package io.blurfilter.decoder;

import java.util.Locale;

/** The pixel limit both decoders check from the header, before any buffer the size of the image exists. */
final class ImageLimits {
    private ImageLimits() {}

    static void check(String format, long width, long height, long maxPixels) throws DecodeException {
        if (width <= 0 || height <= 0) {
            throw new DecodeException(format + " header declares an invalid size " + width + "x" + height);
        }
        long pixels = width * height;
        if (pixels > maxPixels) {
            throw new DecodeException(String.format(Locale.ROOT,
                    "image too large: %dx%d is %.1f megapixels, over the %.1f megapixel limit; refused before decoding",
                    width, height, pixels / 1e6, maxPixels / 1e6));
        }
    }
}
