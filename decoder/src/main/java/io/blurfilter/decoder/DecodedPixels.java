package io.blurfilter.decoder;

/**
 * Decoded pixels as {@code 0xAARRGGBB} ints, row-major, stored orientation (EXIF is not applied
 * here). Alpha is 0xFF except for PNGs with transparency, whose straight alpha is kept.
 */
public final class DecodedPixels {
    private final int[] argb;
    private final int width;
    private final int height;

    DecodedPixels(int[] argb, int width, int height) {
        if (argb.length != width * height) {
            throw new IllegalArgumentException(argb.length + " pixels for " + width + "x" + height);
        }
        this.argb = argb;
        this.width = width;
        this.height = height;
    }

    /** The pixels; not copied. */
    public int[] argb() {
        return argb;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }
}
