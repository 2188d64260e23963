package io.blurfilter.cli.scan;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Baseline JFIF files from pixels, with java.base alone: YCbCr 4:2:0, the example quantisation
 * tables of the JPEG standard (Annex K) scaled by IJG's quality formula, and its example Huffman
 * tables, as ImageIO's writer does by default. It exists so that a report's thumbnails need no
 * {@code java.desktop}, and are the same bytes with and without it. Small images are all it is for:
 * a float DCT by the definition, no restart markers, no optimised tables.
 */
final class JpegWriter {
    private static final int[] LUMA_QUANT = {
        16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56,
        14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92,
        49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99};
    private static final int[] CHROMA_QUANT = {
        17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26, 56, 99, 99, 99, 99, 99,
        47, 66, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99};
    /** {@code ZIGZAG[k]}: the row-major index of the k-th coefficient in zig-zag order. */
    private static final int[] ZIGZAG = {
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14,
        21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60,
        61, 54, 47, 55, 62, 63};
    /** {@code COS[x * 8 + u]}: C(u) / 2 * cos((2x + 1) u pi / 16), the DCT's basis. */
    private static final double[] COS = new double[64];

    static {
        for (int x = 0; x < 8; x++) {
            for (int u = 0; u < 8; u++) {
                double c = u == 0 ? Math.sqrt(0.5) : 1;
                COS[x * 8 + u] = c / 2 * Math.cos((2 * x + 1) * u * Math.PI / 16);
            }
        }
    }

    private JpegWriter() {}

    /** A baseline JPEG of {@code width x height} ARGB ints (alpha dropped), row-major; quality 1 to 100 as in IJG. */
    static byte[] rgb(int[] argb, int width, int height, int quality) {
        if (width < 1 || height < 1 || width > 0xFFFF || height > 0xFFFF || argb.length < (long) width * height) {
            throw new IllegalArgumentException("invalid JPEG size " + width + "x" + height);
        }
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("JPEG quality " + quality + " is not in 1..100");
        }
        int[] lumaQuant = scaled(LUMA_QUANT, quality);
        int[] chromaQuant = scaled(CHROMA_QUANT, quality);
        ByteArrayOutputStream out = new ByteArrayOutputStream(width * height / 4 + 1024);
        writeHeaders(out, width, height, lumaQuant, chromaQuant);
        JpegEntropyCoder coder = new JpegEntropyCoder(out);
        float[] y = new float[256];
        float[] cb = new float[64];
        float[] cr = new float[64];
        float[] block = new float[64];
        int[] previousDc = new int[3];
        for (int my = 0; my < height; my += 16) {
            for (int mx = 0; mx < width; mx += 16) {
                fillMacroblock(argb, width, height, mx, my, y, cb, cr);
                for (int i = 0; i < 4; i++) {
                    for (int r = 0; r < 8; r++) {
                        System.arraycopy(y, ((i >> 1) * 8 + r) * 16 + (i & 1) * 8, block, r * 8, 8);
                    }
                    previousDc[0] = coder.block(quantised(block, lumaQuant), previousDc[0], true);
                }
                previousDc[1] = coder.block(quantised(cb, chromaQuant), previousDc[1], false);
                previousDc[2] = coder.block(quantised(cr, chromaQuant), previousDc[2], false);
            }
        }
        coder.finish();
        out.write(0xFF);
        out.write(0xD9); // EOI
        return out.toByteArray();
    }

    /**
     * The 16x16 luma samples at {@code (mx, my)} and the 8x8 chroma means of each 2x2 of them, all
     * level-shifted by -128; pixels past the right or bottom edge repeat the last column or row.
     */
    private static void fillMacroblock(int[] argb, int width, int height, int mx, int my, float[] y, float[] cb,
            float[] cr) {
        Arrays.fill(cb, 0);
        Arrays.fill(cr, 0);
        for (int dy = 0; dy < 16; dy++) {
            int row = Math.min(my + dy, height - 1) * width;
            for (int dx = 0; dx < 16; dx++) {
                int p = argb[row + Math.min(mx + dx, width - 1)];
                float r = (p >> 16) & 0xFF;
                float g = (p >> 8) & 0xFF;
                float b = p & 0xFF;
                y[dy * 16 + dx] = 0.299f * r + 0.587f * g + 0.114f * b - 128;
                int c = (dy >> 1) * 8 + (dx >> 1);
                cb[c] += (-0.168736f * r - 0.331264f * g + 0.5f * b) / 4;
                cr[c] += (0.5f * r - 0.418688f * g - 0.081312f * b) / 4;
            }
        }
    }

    /** The block's DCT coefficients divided by the table and rounded, in zig-zag order. */
    private static int[] quantised(float[] block, int[] quant) {
        double[] rows = new double[64];
        for (int y = 0; y < 8; y++) {
            for (int u = 0; u < 8; u++) {
                double s = 0;
                for (int x = 0; x < 8; x++) {
                    s += block[y * 8 + x] * COS[x * 8 + u];
                }
                rows[y * 8 + u] = s;
            }
        }
        int[] out = new int[64];
        for (int k = 0; k < 64; k++) {
            int v = ZIGZAG[k] >> 3;
            int u = ZIGZAG[k] & 7;
            double s = 0;
            for (int y = 0; y < 8; y++) {
                s += rows[y * 8 + u] * COS[y * 8 + v];
            }
            out[k] = (int) Math.round(s / quant[ZIGZAG[k]]);
        }
        return out;
    }

    /** IJG's quality scaling: 50 is the table itself, 100 all ones, under 50 coarser. */
    private static int[] scaled(int[] table, int quality) {
        int scale = quality < 50 ? 5000 / quality : 200 - 2 * quality;
        int[] out = new int[64];
        for (int i = 0; i < 64; i++) {
            out[i] = Math.max(1, Math.min(255, (table[i] * scale + 50) / 100));
        }
        return out;
    }

    private static void writeHeaders(ByteArrayOutputStream out, int width, int height, int[] lumaQuant,
            int[] chromaQuant) {
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD8}); // SOI
        segment(out, 0xE0, new byte[] {'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0}); // JFIF 1.01, 1:1 aspect
        byte[] dqt = new byte[2 * 65];
        for (int t = 0; t < 2; t++) {
            int[] table = t == 0 ? lumaQuant : chromaQuant;
            dqt[t * 65] = (byte) t;
            for (int k = 0; k < 64; k++) {
                dqt[t * 65 + 1 + k] = (byte) table[ZIGZAG[k]];
            }
        }
        segment(out, 0xDB, dqt);
        segment(out, 0xC0, new byte[] {8, (byte) (height >> 8), (byte) height, (byte) (width >> 8), (byte) width, 3,
            1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1}); // Y 2x2 with table 0, Cb and Cr 1x1 with table 1
        segment(out, 0xC4, JpegEntropyCoder.tableSegment());
        segment(out, 0xDA, new byte[] {3, 1, 0x00, 2, 0x11, 3, 0x11, 0, 63, 0});
    }

    private static void segment(ByteArrayOutputStream out, int marker, byte[] body) {
        out.write(0xFF);
        out.write(marker);
        out.write((body.length + 2) >> 8);
        out.write(body.length + 2);
        out.writeBytes(body);
    }
}
