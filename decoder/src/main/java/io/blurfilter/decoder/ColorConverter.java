package io.blurfilter.decoder;

/**
 * Output-size component planes to ARGB. YCbCr uses libjpeg's fixed-point tables (16 fraction bits,
 * same rounding), so colours match {@code djpeg}'s exactly. CMYK and YCCK (Adobe) are taken as Adobe
 * writes them, inverted (255 = no ink), and mixed without a colour profile: right in hue and
 * brightness, not colour-managed.
 */
final class ColorConverter {
    enum Space { GRAY, YCBCR, RGB, CMYK, YCCK }

    /** libjpeg's fixed-point factors (16 fraction bits) of Cr in R, Cb in B, and both in G. */
    static final int CR_R_FACTOR = fix(1.40200);
    static final int CB_B_FACTOR = fix(1.77200);
    static final int CR_G_FACTOR = -fix(0.71414);
    static final int CB_G_FACTOR = -fix(0.34414);
    static final int HALF = 1 << 15;

    /** YCbCr planes to opaque ARGB, pixels {@code 0 .. n-1}, the same values as the plain code. */
    interface Ycc {
        void toArgb(byte[] y, byte[] cb, byte[] cr, int[] argb, int n);
    }

    /** The Vector API conversion where the JVM has it, else null (the plain code below). */
    private static final Ycc VECTOR = VectorPaths.colorOrNull();

    private static final int[] CR_R = new int[256];
    private static final int[] CB_B = new int[256];
    private static final int[] CR_G = new int[256];
    private static final int[] CB_G = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int x = i - 128;
            CR_R[i] = (CR_R_FACTOR * x + HALF) >> 16;
            CB_B[i] = (CB_B_FACTOR * x + HALF) >> 16;
            CR_G[i] = CR_G_FACTOR * x;
            CB_G[i] = CB_G_FACTOR * x + HALF;
        }
    }

    private ColorConverter() {}

    private static int fix(double x) {
        return (int) (x * 65536 + 0.5);
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : v > 255 ? 255 : v;
    }

    static int[] toArgb(Space space, byte[][] planes, int pixels) {
        return toArgb(space, planes, pixels, VECTOR);
    }

    /** With a given YCbCr path (null: the plain code), for tests comparing the two. */
    static int[] toArgb(Space space, byte[][] planes, int pixels, Ycc vector) {
        int[] argb = new int[pixels];
        switch (space) {
            case GRAY:
                for (int i = 0; i < pixels; i++) {
                    argb[i] = 0xFF000000 | (planes[0][i] & 0xFF) * 0x010101;
                }
                break;
            case RGB:
                for (int i = 0; i < pixels; i++) {
                    argb[i] = 0xFF000000 | (planes[0][i] & 0xFF) << 16 | (planes[1][i] & 0xFF) << 8 | planes[2][i] & 0xFF;
                }
                break;
            case YCBCR:
                if (vector != null) {
                    vector.toArgb(planes[0], planes[1], planes[2], argb, pixels);
                    break;
                }
                for (int i = 0; i < pixels; i++) {
                    argb[i] = ycc(planes[0][i] & 0xFF, planes[1][i] & 0xFF, planes[2][i] & 0xFF);
                }
                break;
            case CMYK:
                for (int i = 0; i < pixels; i++) {
                    int k = planes[3][i] & 0xFF;
                    argb[i] = 0xFF000000 | ink(planes[0][i] & 0xFF, k) << 16 | ink(planes[1][i] & 0xFF, k) << 8
                            | ink(planes[2][i] & 0xFF, k);
                }
                break;
            default: // YCCK: the encoder took YCbCr of 255 - C, 255 - M, 255 - Y (libjpeg's cmyk_ycck); K is as stored
                for (int i = 0; i < pixels; i++) {
                    int rgb = ycc(planes[0][i] & 0xFF, planes[1][i] & 0xFF, planes[2][i] & 0xFF);
                    int k = planes[3][i] & 0xFF;
                    argb[i] = 0xFF000000 | ink(255 - (rgb >> 16 & 0xFF), k) << 16 | ink(255 - (rgb >> 8 & 0xFF), k) << 8
                            | ink(255 - (rgb & 0xFF), k);
                }
                break;
        }
        return argb;
    }

    static int ycc(int y, int cb, int cr) {
        int r = clamp(y + CR_R[cr]);
        int g = clamp(y + ((CB_G[cb] + CR_G[cr]) >> 16));
        int b = clamp(y + CB_B[cb]);
        return 0xFF000000 | r << 16 | g << 8 | b;
    }

    /** An inverted ink and inverted black to one RGB channel. */
    private static int ink(int inverted, int invertedBlack) {
        return (inverted * invertedBlack + 127) / 255;
    }
}
