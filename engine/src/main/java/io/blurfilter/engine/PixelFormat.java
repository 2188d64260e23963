package io.blurfilter.engine;

/** Byte layouts {@link Image#of(byte[], int, int, PixelFormat)} accepts, interleaved, row-major. */
public enum PixelFormat {
    RGB(3), BGR(3), RGBA(4), BGRA(4), GRAY(1);

    private final int bytesPerPixel;

    PixelFormat(int bytesPerPixel) {
        this.bytesPerPixel = bytesPerPixel;
    }

    public int bytesPerPixel() {
        return bytesPerPixel;
    }
}
