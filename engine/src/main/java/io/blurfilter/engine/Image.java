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

    private Image(int width, int height, int[] argb, byte[] bytes, PixelFormat format) {
        if (width < 1 || height < 1 || (long) width * height > MAX_PIXELS) {
            throw new IllegalArgumentException("invalid image size " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.argb = argb;
        this.bytes = bytes;
        this.format = format;
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
            return argb[i] & 0xFFFFFF;
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
