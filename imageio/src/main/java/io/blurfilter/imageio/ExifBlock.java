package io.blurfilter.imageio;

import java.util.Arrays;

/**
 * Finds the EXIF block (a TIFF structure) in a file's leading bytes and copies it out, so that the
 * metadata reader sees that block and nothing else: a JPEG's {@code APP1 Exif} segment (at most 64
 * KB), a PNG's {@code eXIf} chunk, a WebP's {@code EXIF} chunk, or for a TIFF file the leading bytes
 * themselves. Every length is checked against the bytes at hand; a structure that does not add up
 * means "no EXIF".
 */
final class ExifBlock {
    private ExifBlock() {}

    /** A copy of the EXIF block's TIFF bytes (possibly cut at {@code length}), or null when there is none. */
    static byte[] find(byte[] b, int length) {
        int n = Math.min(length, b.length);
        if (n >= 4 && u8(b, 0) == 0xFF && u8(b, 1) == 0xD8) {
            return fromJpeg(b, n);
        }
        if (n >= 8 && isTiffHeader(b, 0, n)) {
            return Arrays.copyOf(b, n);
        }
        if (n >= 8 && u8(b, 0) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return fromPng(b, n);
        }
        if (n >= 12 && ascii(b, 0, "RIFF") && ascii(b, 8, "WEBP")) {
            return fromWebp(b, n);
        }
        return null;
    }

    private static byte[] fromJpeg(byte[] b, int n) {
        int pos = 2;
        while (pos + 4 <= n) {
            if (u8(b, pos) != 0xFF) {
                return null;
            }
            int marker = u8(b, pos + 1);
            if (marker == 0xFF) { // fill byte
                pos++;
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) { // start of scan or end: no metadata after this
                return null;
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) { // markers without a length
                pos += 2;
                continue;
            }
            int segmentLength = (u8(b, pos + 2) << 8) | u8(b, pos + 3);
            if (segmentLength < 2) {
                return null;
            }
            int body = pos + 4;
            int end = Math.min(n, pos + 2 + segmentLength);
            if (marker == 0xE1 && end - body >= 6 && ascii(b, body, "Exif") && b[body + 4] == 0
                    && (b[body + 5] == 0 || u8(b, body + 5) == 0xFF)) {
                return tiff(b, body + 6, end);
            }
            pos += 2 + segmentLength;
        }
        return null;
    }

    private static byte[] fromPng(byte[] b, int n) {
        long pos = 8;
        while (pos + 8 <= n) {
            int at = (int) pos;
            long chunkLength = ((long) u8(b, at) << 24) | (u8(b, at + 1) << 16) | (u8(b, at + 2) << 8) | u8(b, at + 3);
            if (ascii(b, at + 4, "eXIf")) {
                return tiff(b, at + 8, (int) Math.min(n, pos + 8 + chunkLength));
            }
            if (ascii(b, at + 4, "IEND")) {
                return null;
            }
            pos += 12 + chunkLength; // length, type, data, CRC
        }
        return null;
    }

    private static byte[] fromWebp(byte[] b, int n) {
        long pos = 12;
        while (pos + 8 <= n) {
            int at = (int) pos;
            long chunkLength = u8(b, at + 4) | (u8(b, at + 5) << 8) | (u8(b, at + 6) << 16) | ((long) u8(b, at + 7) << 24);
            if (ascii(b, at, "EXIF")) {
                return tiff(b, at + 8, (int) Math.min(n, pos + 8 + chunkLength));
            }
            pos += 8 + chunkLength + (chunkLength & 1); // chunks are padded to an even length
        }
        return null;
    }

    /** The TIFF structure in {@code [from, end)}, skipping an {@code Exif\0\0} prefix some writers add; null if none. */
    private static byte[] tiff(byte[] b, int from, int end) {
        if (end - from >= 6 && ascii(b, from, "Exif") && b[from + 4] == 0 && b[from + 5] == 0) {
            from += 6;
        }
        return end - from >= 8 && isTiffHeader(b, from, end) ? Arrays.copyOfRange(b, from, end) : null;
    }

    private static boolean isTiffHeader(byte[] b, int at, int end) {
        return at + 4 <= end && ((b[at] == 'I' && b[at + 1] == 'I' && b[at + 2] == 42 && b[at + 3] == 0)
                || (b[at] == 'M' && b[at + 1] == 'M' && b[at + 2] == 0 && b[at + 3] == 42));
    }

    private static boolean ascii(byte[] b, int at, String s) {
        if (at + s.length() > b.length) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (b[at + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int u8(byte[] b, int at) {
        return b[at] & 0xFF;
    }
}
