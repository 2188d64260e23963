package io.blurfilter.imageio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Finds the EXIF Orientation tag (0x0112) in a JPEG's APP1 segment or a TIFF's first IFD. Only
 * that one tag is needed, so a small bounded parser beats pulling a metadata tree: it looks at the
 * first bytes of the file only, and any malformed structure simply means "no orientation" (1).
 */
public final class ExifOrientation {
    /** How many leading bytes of a file are searched; EXIF sits right after SOI in practice. */
    public static final int HEAD_BYTES = 128 * 1024;

    private ExifOrientation() {}

    /** The orientation 1..8 stored in the file's leading bytes, or 1 when there is none. */
    public static int find(byte[] head, int length) {
        try {
            if (length >= 4 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8) {
                return fromJpeg(head, length);
            }
            if (length >= 8 && isTiffHeader(head, 0)) {
                return fromTiff(head, 0, length);
            }
        } catch (IndexOutOfBoundsException e) {
            // a segment or IFD pointing past the bytes we have: treat as untagged
        }
        return 1;
    }

    private static int fromJpeg(byte[] b, int length) {
        int pos = 2;
        while (pos + 4 <= length) {
            if ((b[pos] & 0xFF) != 0xFF) {
                return 1;
            }
            int marker = b[pos + 1] & 0xFF;
            if (marker == 0xFF) { // fill byte
                pos++;
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) { // start of scan or end: no more metadata
                return 1;
            }
            int segmentLength = ((b[pos + 2] & 0xFF) << 8) | (b[pos + 3] & 0xFF);
            if (segmentLength < 2) {
                return 1;
            }
            int body = pos + 4;
            if (marker == 0xE1 && body + 6 <= length && b[body] == 'E' && b[body + 1] == 'x' && b[body + 2] == 'i'
                    && b[body + 3] == 'f' && b[body + 4] == 0 && b[body + 5] == 0) {
                int tiff = body + 6;
                int end = Math.min(length, pos + 2 + segmentLength);
                if (isTiffHeader(b, tiff)) {
                    return fromTiff(b, tiff, end);
                }
            }
            pos += 2 + segmentLength;
        }
        return 1;
    }

    private static boolean isTiffHeader(byte[] b, int at) {
        return (b[at] == 'I' && b[at + 1] == 'I' && b[at + 2] == 42 && b[at + 3] == 0)
                || (b[at] == 'M' && b[at + 1] == 'M' && b[at + 2] == 0 && b[at + 3] == 42);
    }

    /** Reads IFD0 of the TIFF structure that starts at {@code tiff} and ends before {@code end}. */
    private static int fromTiff(byte[] b, int tiff, int end) {
        ByteBuffer buf = ByteBuffer.wrap(b, 0, end);
        buf.order(b[tiff] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        long ifd = Integer.toUnsignedLong(buf.getInt(tiff + 4));
        long ifdAt = tiff + ifd;
        if (ifdAt + 2 > end) {
            return 1;
        }
        int entries = buf.getShort((int) ifdAt) & 0xFFFF;
        for (int i = 0; i < entries; i++) {
            long entry = ifdAt + 2 + 12L * i;
            if (entry + 12 > end) {
                return 1;
            }
            int tag = buf.getShort((int) entry) & 0xFFFF;
            int type = buf.getShort((int) entry + 2) & 0xFFFF;
            if (tag == 0x0112) {
                // SHORT (3) is what the standard says; a few writers use LONG (4)
                int value = type == 4 ? buf.getInt((int) entry + 8) : buf.getShort((int) entry + 8) & 0xFFFF;
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }
}
