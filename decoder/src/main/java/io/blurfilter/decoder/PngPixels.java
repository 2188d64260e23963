package io.blurfilter.decoder;

/**
 * Unfiltered PNG rows to ARGB: sub-byte grey scaled to 0..255, 16-bit samples to their high byte
 * (what OpenCV and the imageio module keep), palette entries looked up, and alpha from the alpha
 * channel or the tRNS chunk (straight, not premultiplied).
 */
final class PngPixels {
    private final PngHeader header;
    /** Palette as ARGB, alpha from tRNS; null without PLTE. */
    private final int[] palette;
    /** The grey or RGB sample value (at the file's bit depth) that tRNS marks transparent; -1 for none. */
    private final long transparent;

    PngPixels(PngHeader header, int[] palette, long transparent) {
        this.header = header;
        this.palette = palette;
        this.transparent = transparent;
    }

    /**
     * Writes the {@code count} pixels of the row at {@code data[at..]} to {@code argb[first]},
     * {@code argb[first + step]}, ...
     */
    void row(byte[] data, int at, int count, int[] argb, int first, int step) {
        int depth = header.bitDepth;
        switch (header.colorType) {
            case PngHeader.GREY:
            case PngHeader.PALETTE:
                for (int i = 0; i < count; i++) {
                    int v = depth == 16 ? (data[at + 2 * i] & 0xFF) << 8 | data[at + 2 * i + 1] & 0xFF : small(data, at, i, depth);
                    argb[first + i * step] = header.colorType == PngHeader.PALETTE ? paletteEntry(v) : grey(v, depth);
                }
                break;
            case PngHeader.GREY_ALPHA:
                for (int i = 0; i < count; i++) {
                    int g = sample(data, at, 2 * i, depth);
                    int a = sample(data, at, 2 * i + 1, depth);
                    argb[first + i * step] = a << 24 | g * 0x010101;
                }
                break;
            case PngHeader.RGB:
                for (int i = 0; i < count; i++) {
                    int p = at + i * 3 * (depth / 8);
                    long key = depth == 16 ? (long) u16(data, p) << 32 | (long) u16(data, p + 2) << 16 | u16(data, p + 4)
                            : (long) (data[p] & 0xFF) << 32 | (data[p + 1] & 0xFF) << 16 | data[p + 2] & 0xFF;
                    int alpha = key == transparent ? 0 : 0xFF;
                    argb[first + i * step] = alpha << 24 | sample(data, at, 3 * i, depth) << 16
                            | sample(data, at, 3 * i + 1, depth) << 8 | sample(data, at, 3 * i + 2, depth);
                }
                break;
            default: // RGBA
                for (int i = 0; i < count; i++) {
                    argb[first + i * step] = sample(data, at, 4 * i + 3, depth) << 24 | sample(data, at, 4 * i, depth) << 16
                            | sample(data, at, 4 * i + 1, depth) << 8 | sample(data, at, 4 * i + 2, depth);
                }
                break;
        }
    }

    private int grey(int v, int depth) {
        int alpha = v == transparent ? 0 : 0xFF;
        int g = depth == 16 ? v >> 8 : depth == 8 ? v : v * 255 / ((1 << depth) - 1);
        return alpha << 24 | g * 0x010101;
    }

    private int paletteEntry(int index) {
        // an index past the palette is an error to libpng; black keeps a damaged file viewable, as the JDK's reader does
        return index < palette.length ? palette[index] : 0xFF000000;
    }

    /** Sample {@code i} of a row of 1-, 2- or 4-bit samples (or 8-bit ones). */
    private static int small(byte[] data, int at, int i, int depth) {
        if (depth == 8) {
            return data[at + i] & 0xFF;
        }
        int bit = i * depth;
        return (data[at + (bit >> 3)] & 0xFF) >> (8 - depth - (bit & 7)) & ((1 << depth) - 1);
    }

    /** An 8- or 16-bit sample as 8 bits. */
    private static int sample(byte[] data, int at, int index, int depth) {
        return data[at + (depth == 16 ? 2 * index : index)] & 0xFF;
    }

    private static int u16(byte[] d, int at) {
        return (d[at] & 0xFF) << 8 | d[at + 1] & 0xFF;
    }
}
