package io.blurfilter.engine;

/**
 * The pixels {@code [x0, x1) x [y0, y1)} of an image: what {@link Model#pixelsRead} says preprocessing
 * reads, and what {@link Image#ofArgbRegion} holds. A value class rather than a record: libraries with
 * records need extra desugaring settings in Android builds.
 */
public final class PixelRegion {
    private final int x0;
    private final int y0;
    private final int x1;
    private final int y1;

    public PixelRegion(int x0, int y0, int x1, int y1) {
        if (x0 < 0 || y0 < 0 || x1 <= x0 || y1 <= y0) {
            throw new IllegalArgumentException("invalid region [" + x0 + ", " + x1 + ") x [" + y0 + ", " + y1 + ")");
        }
        this.x0 = x0;
        this.y0 = y0;
        this.x1 = x1;
        this.y1 = y1;
    }

    public int x0() {
        return x0;
    }

    public int y0() {
        return y0;
    }

    public int x1() {
        return x1;
    }

    public int y1() {
        return y1;
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

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PixelRegion)) {
            return false;
        }
        PixelRegion r = (PixelRegion) o;
        return x0 == r.x0 && y0 == r.y0 && x1 == r.x1 && y1 == r.y1;
    }

    @Override
    public int hashCode() {
        return ((x0 * 31 + y0) * 31 + x1) * 31 + y1;
    }

    @Override
    public String toString() {
        return "PixelRegion[x0=" + x0 + ", y0=" + y0 + ", x1=" + x1 + ", y1=" + y1 + "]";
    }
}
