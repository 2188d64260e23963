package io.blurfilter.imageio;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The fields of an EXIF block (a TIFF structure) that photo metadata needs: those of its first
 * directory (IFD0: camera make and model) and of the EXIF directory IFD0 points to (exposure,
 * aperture, ISO, focal length, times). Nothing else is visited: no next-directory chain, no further
 * sub-directories, so a crafted structure of directories that point at each other or at themselves
 * costs two directory reads. Entries are looked at in place and only the wanted ones kept (their
 * positions, not copies); a value is read only if all of it lies inside the block, with the
 * arithmetic in {@code long}, so counts of 2^32 - 1 or offsets past the end mean "absent". Plain
 * java.base, no {@code java.logging}: metadata is read on a {@code --limit-modules java.base} JVM.
 */
final class TiffFields {
    private static final int EXIF_DIRECTORY = 0x8769;
    private static final int BYTE = 1;
    private static final int ASCII = 2;
    private static final int SHORT = 3;
    private static final int LONG = 4;
    private static final int RATIONAL = 5;
    private static final int SBYTE = 6;
    private static final int SSHORT = 8;
    private static final int SLONG = 9;
    private static final int SRATIONAL = 10;
    private static final int FLOAT = 11;
    private static final int DOUBLE = 12;
    private static final int IFD = 13;
    /** Bytes per value of each TIFF type, by type number; 0 for unknown types. */
    private static final int[] SIZES = {0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8, 4};

    private final byte[] b;
    private final boolean littleEndian;
    /** The position of each wanted tag's entry, the first one seen. */
    private final Map<Integer, Integer> entries = new HashMap<>();

    private TiffFields(byte[] tiff) {
        this.b = tiff;
        this.littleEndian = tiff[0] == 'I';
    }

    /** The wanted tags of IFD0 and its EXIF directory in {@code tiff} (starting with a TIFF header). */
    static TiffFields read(byte[] tiff, Set<Integer> wanted) {
        TiffFields fields = new TiffFields(tiff);
        if (tiff.length < 8) {
            return fields;
        }
        long exif = fields.collect(fields.u32(4), wanted);
        if (exif >= 0) {
            fields.collect(exif, wanted);
        }
        return fields;
    }

    /**
     * Keeps the wanted entries of the directory at {@code offset} (those that lie in the block) and
     * returns the offset of the EXIF directory it points to, or -1.
     */
    private long collect(long offset, Set<Integer> wanted) {
        if (offset < 8 || offset + 2 > b.length) { // 8: a directory cannot overlap the header
            return -1;
        }
        int count = u16((int) offset);
        long exif = -1;
        for (int i = 0; i < count; i++) {
            long entry = offset + 2 + 12L * i;
            if (entry + 12 > b.length) {
                break;
            }
            int at = (int) entry;
            int tag = u16(at);
            if (tag == EXIF_DIRECTORY && exif < 0) {
                int type = u16(at + 2);
                if ((type == LONG || type == IFD) && u32(at + 4) >= 1) {
                    exif = u32(at + 8);
                }
            } else if (wanted.contains(tag)) {
                entries.putIfAbsent(tag, at);
            }
        }
        return exif;
    }

    /** The tag's first value as a number (any numeric type, RATIONAL as a quotient), or null. */
    Double number(int tag) {
        Integer entry = entries.get(tag);
        if (entry == null) {
            return null;
        }
        int type = u16(entry + 2);
        long at = valueAt(entry, type);
        if (at < 0) {
            return null;
        }
        int p = (int) at;
        switch (type) {
            case BYTE:
                return (double) (b[p] & 0xFF);
            case SBYTE:
                return (double) b[p];
            case SHORT:
                return (double) u16(p);
            case SSHORT:
                return (double) (short) u16(p);
            case LONG:
                return (double) u32(p);
            case SLONG:
                return (double) (int) u32(p);
            case RATIONAL:
                return (double) u32(p) / u32(p + 4);
            case SRATIONAL:
                return (double) (int) u32(p) / (int) u32(p + 4);
            case FLOAT:
                return (double) Float.intBitsToFloat((int) u32(p));
            case DOUBLE:
                long high = u32(littleEndian ? p + 4 : p);
                long low = u32(littleEndian ? p : p + 4);
                return Double.longBitsToDouble(high << 32 | low);
            default:
                return null;
        }
    }

    /** The tag's ASCII value up to its first NUL (UTF-8, as Commons Imaging read it), or null. */
    String text(int tag) {
        Integer entry = entries.get(tag);
        if (entry == null || u16(entry + 2) != ASCII) {
            return null;
        }
        long at = valueAt(entry, ASCII);
        if (at < 0) {
            return null;
        }
        int from = (int) at;
        int end = (int) (from + u32(entry + 4)); // in the block: valueAt checked it
        int nul = from;
        while (nul < end && b[nul] != 0) {
            nul++;
        }
        return new String(b, from, nul - from, StandardCharsets.UTF_8);
    }

    /**
     * Where the entry's values start: in the entry itself when they fit in its 4 bytes, else at the
     * offset it holds; -1 when the type is unknown, the count 0, or the values run past the block.
     */
    private long valueAt(int entry, int type) {
        if (type >= SIZES.length || SIZES[type] == 0) {
            return -1;
        }
        long count = u32(entry + 4);
        long length = count * SIZES[type]; // at most (2^32 - 1) * 8: no overflow in a long
        if (count == 0) {
            return -1;
        }
        if (length <= 4) {
            return entry + 8;
        }
        long offset = u32(entry + 8);
        return offset + length <= b.length ? offset : -1;
    }

    private int u16(int at) {
        int x = b[at] & 0xFF;
        int y = b[at + 1] & 0xFF;
        return littleEndian ? y << 8 | x : x << 8 | y;
    }

    private long u32(int at) {
        long x = u16(at);
        long y = u16(at + 2);
        return littleEndian ? y << 16 | x : x << 16 | y;
    }
}
