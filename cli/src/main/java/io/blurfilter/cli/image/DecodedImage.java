package io.blurfilter.cli.image;

/**
 * Decoded, upright pixels as {@code 0xAARRGGBB} ints (alpha always 0xFF), possibly at a reduced size,
 * together with the full-resolution upright size the file declares.
 */
public final class DecodedImage {
    private final int[] argb;
    private final int width;
    private final int height;
    private final int fullWidth;
    private final int fullHeight;

    DecodedImage(int[] argb, int width, int height, int fullWidth, int fullHeight) {
        this.argb = argb;
        this.width = width;
        this.height = height;
        this.fullWidth = fullWidth;
        this.fullHeight = fullHeight;
    }

    /** For tests and callers that already hold pixels. */
    public static DecodedImage of(int[] argb, int width, int height) {
        return new DecodedImage(argb, width, height, width, height);
    }

    /** The pixels, row-major; not copied. */
    public int[] argb() {
        return argb;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Upright width of the image in the file (before any reduced-size decoding). */
    public int fullWidth() {
        return fullWidth;
    }

    /** Upright height of the image in the file. */
    public int fullHeight() {
        return fullHeight;
    }
}
