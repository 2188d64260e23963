package io.blurfilter.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/** PNGs the decoder refuses, each with a message naming why. */
class PngErrorsTest {
    private final PngDecoder decoder = new PngDecoder(100_000_000L);
    private final byte[] good = PngSamples.png(PngSamples.image("rgb8", 37, 29, 1), false);

    @Test
    void hugeDeclaredSizeIsRefusedFromTheHeader() {
        byte[] png = good.clone();
        png[16] = 0x7F; // width 0x7F000025
        fixCrc(png, 12, 13);
        DecodeException e = assertThrows(DecodeException.class, () -> decoder.decode(png));
        assertTrue(e.getMessage().startsWith("image too large: 2130706469x29"), e.getMessage());
    }

    @Test
    void aZlibBombInflatesNoFurtherThanTheDeclaredImage() throws DecodeException {
        // 10x10 grey declared, 50 MB of zeros compressed: the first 110 bytes are used, the rest never inflated
        byte[] zeros = new byte[50_000_000];
        Deflater deflater = new Deflater(9);
        deflater.setInput(zeros);
        deflater.finish();
        byte[] buffer = new byte[1 << 20];
        int n = deflater.deflate(buffer);
        deflater.end();
        byte[] png = png(10, 10, 0, Arrays.copyOf(buffer, n));
        DecodedPixels p = decoder.decode(png);
        assertEquals(100, p.argb().length);
    }

    @Test
    void cutsAndBadChecksumsAreNamed() {
        DecodeException cut = assertThrows(DecodeException.class, () -> decoder.decode(Arrays.copyOf(good, good.length / 2)));
        assertTrue(cut.getMessage().startsWith("truncated PNG"), cut.getMessage());
        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x10;
        DecodeException crc = assertThrows(DecodeException.class, () -> decoder.decode(flipped));
        assertEquals("corrupt PNG: the IDAT chunk fails its CRC check", crc.getMessage());
        DecodeException notPng = assertThrows(DecodeException.class, () -> decoder.decode(new byte[] {(byte) 0xFF, (byte) 0xD8}));
        assertEquals("not a PNG: the file does not start with the PNG signature", notPng.getMessage());
    }

    @Test
    void aMissingIendAfterCompleteImageDataLosesNothing() throws DecodeException {
        byte[] withoutEnd = Arrays.copyOf(good, good.length - 12);
        assertArrayEqualsPixels(decoder.decode(good), decoder.decode(withoutEnd));
    }

    private static void assertArrayEqualsPixels(DecodedPixels a, DecodedPixels b) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(a.argb(), b.argb());
    }

    /** A minimal PNG: IHDR (8-bit, the colour type given), one IDAT, IEND. */
    static byte[] png(int w, int h, int colourType, byte[] idat) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        chunk(out, "IHDR", new byte[] {0, 0, 0, (byte) w, 0, 0, 0, (byte) h, 8, (byte) colourType, 0, 0, 0});
        chunk(out, "IDAT", idat);
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] body = new byte[4 + data.length];
        System.arraycopy(type.getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, body, 0, 4);
        System.arraycopy(data, 0, body, 4, data.length);
        CRC32 crc = new CRC32();
        crc.update(body);
        out.writeBytes(new byte[] {(byte) (data.length >>> 24), (byte) (data.length >>> 16), (byte) (data.length >>> 8), (byte) data.length});
        out.writeBytes(body);
        long c = crc.getValue();
        out.writeBytes(new byte[] {(byte) (c >>> 24), (byte) (c >>> 16), (byte) (c >>> 8), (byte) c});
    }

    private static void fixCrc(byte[] png, int typeAt, int dataLength) {
        CRC32 crc = new CRC32();
        crc.update(png, typeAt, 4 + dataLength);
        long c = crc.getValue();
        int at = typeAt + 4 + dataLength;
        png[at] = (byte) (c >>> 24);
        png[at + 1] = (byte) (c >>> 16);
        png[at + 2] = (byte) (c >>> 8);
        png[at + 3] = (byte) c;
    }
}
