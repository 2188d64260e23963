package io.blurfilter.cli.scan;

import java.io.ByteArrayOutputStream;

/**
 * The Huffman coding of {@link JpegWriter}'s quantised blocks with the JPEG standard's example
 * tables (Annex K.3): the tables every baseline decoder has seen, so no pass over the image is
 * needed to build optimal ones. Writes the bits with 0xFF bytes stuffed, as the scan's syntax asks.
 */
final class JpegEntropyCoder {
    private static final int[] DC_LUMA_BITS = {0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0};
    private static final int[] DC_CHROMA_BITS = {0, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0};
    private static final int[] DC_VALUES = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
    private static final int[] AC_LUMA_BITS = {0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7d};
    private static final int[] AC_LUMA_VALUES = {
        0x01, 0x02, 0x03, 0x00, 0x04, 0x11, 0x05, 0x12, 0x21, 0x31, 0x41, 0x06, 0x13, 0x51, 0x61, 0x07, 0x22, 0x71,
        0x14, 0x32, 0x81, 0x91, 0xa1, 0x08, 0x23, 0x42, 0xb1, 0xc1, 0x15, 0x52, 0xd1, 0xf0, 0x24, 0x33, 0x62, 0x72,
        0x82, 0x09, 0x0a, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2a, 0x34, 0x35, 0x36, 0x37,
        0x38, 0x39, 0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59,
        0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x83,
        0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0xa2, 0xa3,
        0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3,
        0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xe1, 0xe2,
        0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa};
    private static final int[] AC_CHROMA_BITS = {0, 2, 1, 2, 4, 4, 3, 4, 7, 5, 4, 4, 0, 1, 2, 0x77};
    private static final int[] AC_CHROMA_VALUES = {
        0x00, 0x01, 0x02, 0x03, 0x11, 0x04, 0x05, 0x21, 0x31, 0x06, 0x12, 0x41, 0x51, 0x07, 0x61, 0x71, 0x13, 0x22,
        0x32, 0x81, 0x08, 0x14, 0x42, 0x91, 0xa1, 0xb1, 0xc1, 0x09, 0x23, 0x33, 0x52, 0xf0, 0x15, 0x62, 0x72, 0xd1,
        0x0a, 0x16, 0x24, 0x34, 0xe1, 0x25, 0xf1, 0x17, 0x18, 0x19, 0x1a, 0x26, 0x27, 0x28, 0x29, 0x2a, 0x35, 0x36,
        0x37, 0x38, 0x39, 0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58,
        0x59, 0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a,
        0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a,
        0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba,
        0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda,
        0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa};

    /** Each table's code for a symbol, as {@code length << 16 | code}; indexed by the symbol. */
    private static final int[] DC_LUMA = codes(DC_LUMA_BITS, DC_VALUES);
    private static final int[] DC_CHROMA = codes(DC_CHROMA_BITS, DC_VALUES);
    private static final int[] AC_LUMA = codes(AC_LUMA_BITS, AC_LUMA_VALUES);
    private static final int[] AC_CHROMA = codes(AC_CHROMA_BITS, AC_CHROMA_VALUES);

    private final ByteArrayOutputStream out;
    private long bits;
    private int count;

    JpegEntropyCoder(ByteArrayOutputStream out) {
        this.out = out;
    }

    /** The body of one DHT segment holding all four tables: DC 0, DC 1, AC 0, AC 1. */
    static byte[] tableSegment() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        table(b, 0x00, DC_LUMA_BITS, DC_VALUES);
        table(b, 0x01, DC_CHROMA_BITS, DC_VALUES);
        table(b, 0x10, AC_LUMA_BITS, AC_LUMA_VALUES);
        table(b, 0x11, AC_CHROMA_BITS, AC_CHROMA_VALUES);
        return b.toByteArray();
    }

    /** Codes one block (64 coefficients in zig-zag order) and returns its DC value, the next block's predictor. */
    int block(int[] zz, int previousDc, boolean luma) {
        int[] dc = luma ? DC_LUMA : DC_CHROMA;
        int[] ac = luma ? AC_LUMA : AC_CHROMA;
        int diff = zz[0] - previousDc;
        int size = magnitudeBits(diff);
        put(dc[size]);
        putBits(magnitude(diff, size), size);
        int run = 0;
        for (int k = 1; k < 64; k++) {
            int v = zz[k];
            if (v == 0) {
                run++;
                continue;
            }
            while (run > 15) {
                put(ac[0xF0]); // sixteen zeros
                run -= 16;
            }
            size = magnitudeBits(v);
            put(ac[(run << 4) | size]);
            putBits(magnitude(v, size), size);
            run = 0;
        }
        if (run > 0) {
            put(ac[0x00]); // end of block
        }
        return zz[0];
    }

    /** Pads the last byte with one bits, as the standard asks before a marker. */
    void finish() {
        int pad = (8 - count % 8) % 8;
        putBits((1 << pad) - 1, pad);
    }

    private void put(int code) {
        putBits(code & 0xFFFF, code >>> 16);
    }

    private void putBits(int value, int length) {
        bits = (bits << length) | (value & ((1L << length) - 1));
        count += length;
        while (count >= 8) {
            int b = (int) (bits >>> (count - 8)) & 0xFF;
            out.write(b);
            if (b == 0xFF) {
                out.write(0); // stuffed: 0xFF in the scan would read as a marker
            }
            count -= 8;
        }
    }

    /** How many bits the value's magnitude takes (its category): 0 for 0, 1 for +-1, 2 for +-2..3, ... */
    private static int magnitudeBits(int v) {
        return 32 - Integer.numberOfLeadingZeros(Math.abs(v));
    }

    /** The value's bits as JPEG stores them: positive as is, negative as v - 1 in {@code size} bits. */
    private static int magnitude(int v, int size) {
        return v >= 0 ? v : v + (1 << size) - 1;
    }

    /** Canonical Huffman codes from the counts per length (Annex C), by symbol. */
    private static int[] codes(int[] bitsPerLength, int[] values) {
        int[] codes = new int[256];
        int code = 0;
        int k = 0;
        for (int length = 1; length <= 16; length++) {
            for (int i = 0; i < bitsPerLength[length - 1]; i++) {
                codes[values[k++]] = length << 16 | code++;
            }
            code <<= 1;
        }
        return codes;
    }

    private static void table(ByteArrayOutputStream b, int classAndId, int[] bitsPerLength, int[] values) {
        b.write(classAndId);
        for (int n : bitsPerLength) {
            b.write(n);
        }
        for (int v : values) {
            b.write(v);
        }
    }
}
