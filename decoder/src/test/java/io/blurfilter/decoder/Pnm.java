package io.blurfilter.decoder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** A binary PGM (P5) or PPM (P6) image, 8-bit: what {@code djpeg -pnm} writes and {@code cjpeg} reads. */
final class Pnm {
    final int width;
    final int height;
    final int channels;
    final byte[] samples;

    private Pnm(int width, int height, int channels, byte[] samples) {
        this.width = width;
        this.height = height;
        this.channels = channels;
        this.samples = samples;
    }

    static Pnm parse(byte[] b) throws IOException {
        if (b.length < 2 || b[0] != 'P' || (b[1] != '5' && b[1] != '6')) {
            throw new IOException("not a binary PGM/PPM");
        }
        int[] at = {2};
        int w = number(b, at);
        int h = number(b, at);
        int max = number(b, at);
        if (max != 255) {
            throw new IOException("maxval " + max);
        }
        int channels = b[1] == '5' ? 1 : 3;
        int start = at[0] + 1; // one whitespace byte after maxval
        byte[] samples = java.util.Arrays.copyOfRange(b, start, start + w * h * channels);
        return new Pnm(w, h, channels, samples);
    }

    private static int number(byte[] b, int[] at) {
        int i = at[0];
        while (Character.isWhitespace(b[i]) || b[i] == '#') {
            if (b[i] == '#') {
                while (b[i] != '\n') {
                    i++;
                }
            }
            i++;
        }
        int v = 0;
        while (Character.isDigit(b[i])) {
            v = v * 10 + b[i++] - '0';
        }
        at[0] = i;
        return v;
    }

    /** The image as a P6 file (grey replicated), for {@code cjpeg}. */
    static byte[] ppm(int[] argb, int width, int height) {
        byte[] header = ("P6\n" + width + " " + height + "\n255\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[header.length + argb.length * 3];
        System.arraycopy(header, 0, out, 0, header.length);
        for (int i = 0, o = header.length; i < argb.length; i++) {
            out[o++] = (byte) (argb[i] >> 16);
            out[o++] = (byte) (argb[i] >> 8);
            out[o++] = (byte) argb[i];
        }
        return out;
    }

    /** Sample {@code ch} (0..2) of pixel {@code i}; grey images give the grey value for every channel. */
    int sample(int i, int ch) {
        return samples[i * channels + (channels == 1 ? 0 : ch)] & 0xFF;
    }
}
