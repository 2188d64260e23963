package io.blurfilter.decoder;

/**
 * A rectangle of a decoded image, in pixels of the (possibly reduced) output, stored orientation:
 * what {@link JpegDecoder#decode(byte[], int, Window)} decodes when a consumer reads only part of the
 * image (a model's centre crop). Blocks wholly outside it are entropy-decoded but never transformed,
 * and the image data below it is skipped, not decoded.
 *
 * <p>A final class, not a record: the decoder runs on Android API 26, which has no records.
 */
public final class Window {
    private final int x;
    private final int y;
    private final int width;
    private final int height;

    /**
     * @param x first column
     * @param y first row
     * @param width columns, at least 1
     * @param height rows, at least 1
     */
    public Window(int x, int y, int width, int height) {
        if (x < 0 || y < 0 || width < 1 || height < 1) {
            throw new IllegalArgumentException("invalid window " + x + "," + y + " " + width + "x" + height);
        }
        this.x = x;
        this.y = y;
        this.width = width;
        this.height = height;
    }

    /** The whole of a {@code width x height} output. */
    public static Window whole(int width, int height) {
        return new Window(0, 0, width, height);
    }

    public int x() {
        return x;
    }

    public int y() {
        return y;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    int x1() {
        return x + width;
    }

    int y1() {
        return y + height;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Window && ((Window) o).x == x && ((Window) o).y == y && ((Window) o).width == width
                && ((Window) o).height == height;
    }

    @Override
    public int hashCode() {
        return ((x * 31 + y) * 31 + width) * 31 + height;
    }

    @Override
    public String toString() {
        return width + "x" + height + " at " + x + "," + y;
    }
}
