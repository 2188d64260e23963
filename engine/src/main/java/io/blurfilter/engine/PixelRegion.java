package io.blurfilter.engine;

/**
 * The pixels {@code [x0, x1) x [y0, y1)} of an image: what {@link Model#pixelsRead} says preprocessing
 * reads, and what {@link Image#ofArgbRegion} holds.
 */
public record PixelRegion(int x0, int y0, int x1, int y1) {
    public PixelRegion {
        if (x0 < 0 || y0 < 0 || x1 <= x0 || y1 <= y0) {
            throw new IllegalArgumentException("invalid region [" + x0 + ", " + x1 + ") x [" + y0 + ", " + y1 + ")");
        }
    }

    public int width() {
        return x1 - x0;
    }

    public int height() {
        return y1 - y0;
    }

    /** Whether {@code other} lies inside this region. */
    public boolean contains(PixelRegion other) {
        return other.x0 >= x0 && other.y0 >= y0 && other.x1 <= x1 && other.y1 <= y1;
    }
}
