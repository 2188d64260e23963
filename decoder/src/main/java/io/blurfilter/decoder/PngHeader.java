package io.blurfilter.decoder;

/** A PNG's IHDR chunk, checked: only combinations of colour type and bit depth the format allows. */
final class PngHeader {
    static final int GREY = 0;
    static final int RGB = 2;
    static final int PALETTE = 3;
    static final int GREY_ALPHA = 4;
    static final int RGBA = 6;

    final int width;
    final int height;
    final int bitDepth;
    final int colorType;
    final boolean interlaced;

    PngHeader(byte[] d, int at, long maxPixels) throws DecodeException {
        long w = u32(d, at);
        long h = u32(d, at + 4);
        bitDepth = d[at + 8] & 0xFF;
        colorType = d[at + 9] & 0xFF;
        int compression = d[at + 10] & 0xFF;
        int filter = d[at + 11] & 0xFF;
        int interlace = d[at + 12] & 0xFF;
        ImageLimits.check("PNG", w, h, maxPixels);
        width = (int) w;
        height = (int) h;
        boolean valid;
        switch (colorType) {
            case GREY:
                valid = bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8 || bitDepth == 16;
                break;
            case PALETTE:
                valid = bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8;
                break;
            case RGB:
            case GREY_ALPHA:
            case RGBA:
                valid = bitDepth == 8 || bitDepth == 16;
                break;
            default:
                throw new DecodeException("corrupt PNG: unknown colour type " + colorType);
        }
        if (!valid) {
            throw new DecodeException("corrupt PNG: bit depth " + bitDepth + " with colour type " + colorType);
        }
        if (compression != 0 || filter != 0 || interlace > 1) {
            throw new DecodeException("corrupt PNG: unknown compression, filter or interlace method");
        }
        interlaced = interlace == 1;
    }

    static long u32(byte[] d, int at) {
        return (long) (d[at] & 0xFF) << 24 | (d[at + 1] & 0xFF) << 16 | (d[at + 2] & 0xFF) << 8 | d[at + 3] & 0xFF;
    }

    int channels() {
        switch (colorType) {
            case RGB:
                return 3;
            case GREY_ALPHA:
                return 2;
            case RGBA:
                return 4;
            default:
                return 1;
        }
    }

    int bitsPerPixel() {
        return channels() * bitDepth;
    }

    /** Bytes of one filtered row of {@code pixels} pixels, without the filter-type byte. */
    long rowBytes(int pixels) {
        return ((long) pixels * bitsPerPixel() + 7) / 8;
    }
}
