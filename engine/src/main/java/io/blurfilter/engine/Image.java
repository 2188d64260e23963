package io.blurfilter.engine;

/**
 * Pixels to classify: {@code int} ARGB as {@code BufferedImage.getRGB} and Android's
 * {@code Bitmap.getPixels} give them, or interleaved bytes in a {@link PixelFormat}. Alpha is ignored,
 * as OpenCV's {@code imread} (which PaddleClas uses) ignores it. The array is not copied: do not change
 * it while a classification runs.
 */
public final class Image {
    private static final long MAX_PIXELS = 1L << 30;

    private final int width;
    private final int height;
    private final int[] argb;
    private final byte[] bytes;
    private final PixelFormat format;
    /** The part of the image the pixel array holds: all of it, or a region (ARGB only). */
    private final int x0;
    private final int y0;
    private final int heldWidth;
    private final boolean whole;

    private Image(int width, int height, int[] argb, byte[] bytes, PixelFormat format) {
        this(width, height, argb, bytes, format, null);
    }

    /** {@code held}: the part the pixel array holds, null for the whole image. */
    private Image(int width, int height, int[] argb, byte[] bytes, PixelFormat format, PixelRegion held) {
        if (width < 1 || height < 1 || (long) width * height > MAX_PIXELS) {
            throw new IllegalArgumentException("invalid image size " + width + "x" + height);
        }
        if (held != null && (held.x1() > width || held.y1() > height)) {
            throw new IllegalArgumentException("region " + held + " lies outside the " + width + "x" + height + " image");
        }
        this.width = width;
        this.height = height;
        this.argb = argb;
        this.bytes = bytes;
        this.format = format;
        this.x0 = held == null ? 0 : held.x0();
        this.y0 = held == null ? 0 : held.y0();
        this.heldWidth = held == null ? width : held.width();
        this.whole = held == null || held.width() == width && held.height() == height;
    }

    /** An image from packed ARGB ints, row-major, {@code width * height} of them. */
    public static Image ofArgb(int[] argb, int width, int height) {
        Image img = new Image(width, height, argb, null, null);
        if (argb.length != width * height) {
            throw new IllegalArgumentException("ARGB array holds " + argb.length + " pixels, " + width + "x" + height
                    + " needs " + width * height);
        }
        return img;
    }

    /**
     * Part of a {@code width x height} image: the ARGB pixels of {@code region} only, row-major,
     * {@code region.width() * region.height()} of them. Classification sees the whole image's size, so
     * it resizes and crops exactly as it would the whole image, as long as {@code region} covers
     * {@link Model#pixelsRead}; a decoder can then decode that part alone. Reading a pixel outside the
     * region throws.
     */
    public static Image ofArgbRegion(int[] argb, int width, int height, PixelRegion region) {
        Image img = new Image(width, height, argb, null, null, region);
        if (argb.length != region.width() * region.height()) {
            throw new IllegalArgumentException("ARGB array holds " + argb.length + " pixels, region " + region
                    + " needs " + region.width() * region.height());
        }
        return img;
    }

    /** An image from interleaved bytes, row-major, {@code width * height * bytesPerPixel} of them. */
    public static Image of(byte[] pixels, int width, int height, PixelFormat format) {
        Image img = new Image(width, height, null, pixels, format);
        long need = (long) width * height * format.bytesPerPixel();
        if (pixels.length != need) {
            throw new IllegalArgumentException(format + " array holds " + pixels.length + " bytes, " + width + "x"
                    + height + " needs " + need);
        }
        return img;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The pixel at (x, y) as 0xRRGGBB. */
    public int rgb(int x, int y) {
        int i = y * width + x;
        if (argb != null) {
            if (whole) {
                return argb[i] & 0xFFFFFF;
            }
            // a column outside the held width would read the neighbouring row; rows outside the held
            // ones fall outside the array
            int hx = x - x0;
            if (hx < 0 || hx >= heldWidth) {
                throw new IndexOutOfBoundsException("column " + x + " is outside the held columns [" + x0 + ", "
                        + (x0 + heldWidth) + ")");
            }
            return argb[(y - y0) * heldWidth + hx] & 0xFFFFFF;
        }
        switch (format) {
            case RGB:
                return rgbBytes(3 * i, 3 * i + 1, 3 * i + 2);
            case BGR:
                return rgbBytes(3 * i + 2, 3 * i + 1, 3 * i);
            case RGBA:
                return rgbBytes(4 * i, 4 * i + 1, 4 * i + 2);
            case BGRA:
                return rgbBytes(4 * i + 2, 4 * i + 1, 4 * i);
            default:
                int v = bytes[i] & 0xFF;
                return v << 16 | v << 8 | v;
        }
    }

    private int rgbBytes(int r, int g, int b) {
        return (bytes[r] & 0xFF) << 16 | (bytes[g] & 0xFF) << 8 | (bytes[b] & 0xFF);
    }
}
