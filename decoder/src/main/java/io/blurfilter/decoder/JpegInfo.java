package io.blurfilter.decoder;

/** What a JPEG's header says, read without decoding pixels. */
public final class JpegInfo {
    private final int width;
    private final int height;
    private final int components;
    private final boolean progressive;

    JpegInfo(int width, int height, int components, boolean progressive) {
        this.width = width;
        this.height = height;
        this.components = components;
        this.progressive = progressive;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** 1 for greyscale, 3 for colour, 4 for CMYK or YCCK. */
    public int components() {
        return components;
    }

    public boolean progressive() {
        return progressive;
    }
}
