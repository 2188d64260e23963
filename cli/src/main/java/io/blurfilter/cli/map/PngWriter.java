package io.blurfilter.cli.map;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * PNG files from pixels, with java.util.zip alone: 8-bit grey or 8-bit RGB, one IDAT, each row with
 * the Up filter (rows of a heat map repeat the one above). Needs no {@code java.desktop}, so
 * {@code blurfilter map} runs where ImageIO is missing, as scan does.
 */
final class PngWriter {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private PngWriter() {}

    /** An 8-bit greyscale PNG of {@code width x height} bytes, row-major. */
    static byte[] gray(byte[] pixels, int width, int height) {
        return png(width, height, 0, 1, (row, y) -> System.arraycopy(pixels, y * width, row, 0, width));
    }

    /** An 8-bit RGB PNG of {@code width x height} ARGB ints (alpha dropped), row-major. */
    static byte[] rgb(int[] argb, int width, int height) {
        return png(width, height, 2, 3, (row, y) -> {
            for (int x = 0; x < width; x++) {
                int p = argb[y * width + x];
                row[3 * x] = (byte) (p >>> 16);
                row[3 * x + 1] = (byte) (p >>> 8);
                row[3 * x + 2] = (byte) p;
            }
        });
    }

    private interface Rows {
        void fill(byte[] row, int y);
    }

    private static byte[] png(int width, int height, int colourType, int channels, Rows rows) {
        if (width < 1 || height < 1 || (long) width * height * channels > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("invalid PNG size " + width + "x" + height);
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(SIGNATURE);
            ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
            DataOutputStream d = new DataOutputStream(ihdr);
            d.writeInt(width);
            d.writeInt(height);
            d.writeByte(8); // bit depth
            d.writeByte(colourType);
            d.writeByte(0); // deflate
            d.writeByte(0); // adaptive filtering
            d.writeByte(0); // no interlace
            chunk(out, "IHDR", ihdr.toByteArray());
            ByteArrayOutputStream idat = new ByteArrayOutputStream();
            Deflater deflater = new Deflater(6);
            try (DeflaterOutputStream z = new DeflaterOutputStream(idat, deflater)) {
                int stride = width * channels;
                byte[] previous = new byte[stride];
                byte[] row = new byte[stride];
                byte[] filtered = new byte[stride + 1];
                for (int y = 0; y < height; y++) {
                    rows.fill(row, y);
                    filtered[0] = 2; // Up: each byte minus the one above it
                    for (int i = 0; i < stride; i++) {
                        filtered[i + 1] = (byte) (row[i] - previous[i]);
                    }
                    z.write(filtered);
                    byte[] t = previous;
                    previous = row;
                    row = t;
                }
            } finally {
                deflater.end();
            }
            chunk(out, "IDAT", idat.toByteArray());
            chunk(out, "IEND", new byte[0]);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("in-memory PNG", e); // cannot happen
        }
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        d.writeInt(data.length);
        d.write(t);
        d.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        d.writeInt((int) crc.getValue());
    }
}
