package io.blurfilter.imageio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Writes EXIF blocks by hand (a TIFF header, IFD0 and an EXIF directory), independently of the
 * library under test, and puts them into JPEG, PNG and WebP files. What a block holds was checked
 * with exiftool 12.57 when the tests were written (see PhotoMetadataTest).
 */
public final class TestExif {
    private TestExif() {}

    /** One directory entry: tag, TIFF type, count and the value's bytes in the block's byte order. */
    public record Entry(int tag, int type, long count, byte[] value) {}

    public static Entry ascii(int tag, String s) {
        byte[] b = (s + "\0").getBytes(StandardCharsets.ISO_8859_1);
        return new Entry(tag, 2, b.length, b);
    }

    public static Entry shortValue(int tag, int v) {
        return new Entry(tag, 3, 1, new byte[] {(byte) (v >> 8), (byte) v}); // big-endian, swapped later if needed
    }

    public static Entry rational(int tag, long numerator, long denominator) {
        return new Entry(tag, 5, 1, ByteBuffer.allocate(8).putInt((int) numerator).putInt((int) denominator).array());
    }

    /** The photo of most tests: 1/8 s, f/2.8, ISO 800, 35 mm, Canon EOS 5D, 2024-05-17 18:30:05 +02:00. */
    public static byte[] canonBlock(boolean bigEndian) {
        List<Entry> ifd0 = List.of(ascii(0x010F, "Canon"), ascii(0x0110, "Canon EOS 5D"),
                ascii(0x0132, "2024:06:01 09:00:00"));
        List<Entry> exif = List.of(rational(0x829A, 1, 8), rational(0x829D, 28, 10), shortValue(0x8827, 800),
                ascii(0x9003, "2024:05:17 18:30:05"), ascii(0x9004, "2024:05:17 18:30:06"),
                ascii(0x9011, "+02:00"), rational(0x920A, 35, 1));
        return block(bigEndian, ifd0, exif);
    }

    /**
     * A TIFF structure: header, IFD0 (with an ExifIFD pointer when {@code exif} is not empty) and the
     * EXIF directory, each followed by the values that do not fit in their entries. Values are given
     * big-endian and written in the block's byte order.
     */
    public static byte[] block(boolean bigEndian, List<Entry> ifd0, List<Entry> exif) {
        ByteOrder order = bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        List<Entry> first = new ArrayList<>(ifd0);
        if (!exif.isEmpty()) {
            first.add(new Entry(0x8769, 4, 1, new byte[4])); // filled in below
        }
        first.sort(Comparator.comparingInt(Entry::tag));
        List<Entry> second = new ArrayList<>(exif);
        second.sort(Comparator.comparingInt(Entry::tag));
        int ifd0At = 8;
        int exifAt = ifd0At + size(first);
        ByteBuffer out = ByteBuffer.allocate(exifAt + size(second)).order(order);
        out.put(bigEndian ? new byte[] {'M', 'M', 0, 42} : new byte[] {'I', 'I', 42, 0}).putInt(ifd0At);
        writeIfd(out, ifd0At, first, exifAt, order);
        if (!second.isEmpty()) {
            writeIfd(out, exifAt, second, 0, order);
        }
        return out.array();
    }

    private static int size(List<Entry> entries) {
        if (entries.isEmpty()) {
            return 0;
        }
        int size = 2 + 12 * entries.size() + 4;
        for (Entry e : entries) {
            if (e.value().length > 4) {
                size += e.value().length + (e.value().length & 1);
            }
        }
        return size;
    }

    private static void writeIfd(ByteBuffer out, int at, List<Entry> entries, int exifAt, ByteOrder order) {
        int data = at + 2 + 12 * entries.size() + 4;
        out.position(at);
        out.putShort((short) entries.size());
        for (Entry e : entries) {
            out.putShort((short) e.tag()).putShort((short) e.type()).putInt((int) e.count());
            byte[] value = e.tag() == 0x8769 ? ByteBuffer.allocate(4).putInt(exifAt).array() : e.value();
            byte[] ordered = inOrder(value, e.type(), order);
            if (ordered.length <= 4) {
                out.put(ordered).put(new byte[4 - ordered.length]);
            } else {
                out.putInt(data);
                int back = out.position();
                out.position(data).put(ordered);
                data += ordered.length + (ordered.length & 1);
                out.position(back);
            }
        }
        out.putInt(0); // no next directory
    }

    /** Big-endian values of the numeric types in {@code order} (RATIONALs as two LONGs); bytes and ASCII as they are. */
    private static byte[] inOrder(byte[] bigEndian, int type, ByteOrder order) {
        int unit = switch (type) {
            case 3, 8 -> 2; // SHORT, SSHORT
            case 4, 5, 9, 10, 11 -> 4; // LONG, RATIONAL, SLONG, SRATIONAL, FLOAT
            case 12 -> 8; // DOUBLE
            default -> 1;
        };
        byte[] b = bigEndian.clone();
        if (order == ByteOrder.LITTLE_ENDIAN && unit > 1) {
            for (int i = 0; i + unit <= b.length; i += unit) {
                for (int j = 0; j < unit / 2; j++) {
                    byte t = b[i + j];
                    b[i + j] = b[i + unit - 1 - j];
                    b[i + unit - 1 - j] = t;
                }
            }
        }
        return b;
    }

    /** The JPEG with {@code tiff} as its APP1 Exif segment right after SOI. */
    public static byte[] jpegWithExif(byte[] jpeg, byte[] tiff) {
        int length = 2 + 6 + tiff.length;
        if (length > 0xFFFF) {
            throw new IllegalArgumentException("an APP1 segment holds at most 65533 bytes");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xFF);
        out.write(0xE1);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes(new byte[] {'E', 'x', 'i', 'f', 0, 0});
        out.writeBytes(tiff);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** The PNG with {@code tiff} in an eXIf chunk right after IHDR. */
    public static byte[] pngWithExif(byte[] png, byte[] tiff) {
        int afterIhdr = 8 + 12 + 13;
        ByteBuffer chunk = ByteBuffer.allocate(12 + tiff.length);
        chunk.putInt(tiff.length).put(new byte[] {'e', 'X', 'I', 'f'}).put(tiff);
        CRC32 crc = new CRC32();
        crc.update(chunk.array(), 4, 4 + tiff.length);
        chunk.putInt((int) crc.getValue());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, afterIhdr);
        out.writeBytes(chunk.array());
        out.write(png, afterIhdr, png.length - afterIhdr);
        return out.toByteArray();
    }

    /** A RIFF/WebP container holding a VP8X header and an EXIF chunk (no image: for the metadata read). */
    public static byte[] webpWithExif(byte[] tiff) {
        int exifPadded = tiff.length + (tiff.length & 1);
        ByteBuffer b = ByteBuffer.allocate(12 + 18 + 8 + exifPadded).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {'R', 'I', 'F', 'F'}).putInt(b.capacity() - 8).put(new byte[] {'W', 'E', 'B', 'P'});
        b.put(new byte[] {'V', 'P', '8', 'X'}).putInt(10).put((byte) 0x08).put(new byte[9]); // EXIF flag
        b.put(new byte[] {'E', 'X', 'I', 'F'}).putInt(tiff.length).put(tiff);
        return b.array();
    }
}
