package io.blurfilter.imageio;

import io.blurfilter.engine.Image;
import io.blurfilter.engine.PixelRegion;

/**
 * Decoded, upright pixels as {@code 0xAARRGGBB} ints (alpha always 0xFF), possibly at a reduced size,
 * together with the full-resolution upright size the file declares. With a {@link RegionOfInterest}
 * the pixels are only that region of the decoded image ({@link #region()}).
 */
public final class DecodedImage {
    private final int[] argb;
    private final int width;
    private final int height;
    private final PixelRegion region;
    private final int fullWidth;
    private final int fullHeight;

    DecodedImage(int[] argb, int width, int height, PixelRegion region, int fullWidth, int fullHeight) {
        this.argb = argb;
        this.width = width;
        this.height = height;
        this.region = region;
        this.fullWidth = fullWidth;
        this.fullHeight = fullHeight;
    }

    /** For tests and callers that already hold pixels. */
    public static DecodedImage of(int[] argb, int width, int height) {
        return new DecodedImage(argb, width, height, new PixelRegion(0, 0, width, height), width, height);
    }

    /** The pixels of {@link #region()}, row-major; not copied. */
    public int[] argb() {
        return argb;
    }

    /** Width of the decoded image (of which {@link #argb()} may hold a region). */
    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The part of the decoded image that {@link #argb()} holds: all of it unless a region was asked for. */
    public PixelRegion region() {
        return region;
    }

    public boolean isWhole() {
        return region.width() == width && region.height() == height;
    }

    /** The pixels for the engine: the whole decoded image, or the region of it they hold. */
    public Image toImage() {
        return isWhole() ? Image.ofArgb(argb, width, height) : Image.ofArgbRegion(argb, width, height, region);
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
