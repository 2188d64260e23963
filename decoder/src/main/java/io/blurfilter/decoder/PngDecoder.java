package io.blurfilter.decoder;

import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes PNGs with {@code java.base} only (the zlib stream through {@link Inflater}): every colour
 * type and bit depth, palettes, tRNS transparency, Adam7 interlacing. Sample values equal the JDK's
 * ImageIO reader's; 16-bit samples become their high byte. Images declaring more than the pixel limit
 * are refused from the header, and the inflater never produces more than the declared image needs,
 * so a zlib bomb cannot exhaust memory. Critical chunks must pass their CRC. Every failure is a
 * {@link DecodeException} naming the problem. Thread-safe.
 */
public final class PngDecoder {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private final long maxPixels;

    /** @param maxPixels images whose header declares more pixels than this are refused before decoding */
    public PngDecoder(long maxPixels) {
        if (maxPixels <= 0) {
            throw new IllegalArgumentException("maxPixels must be positive: " + maxPixels);
        }
        this.maxPixels = maxPixels;
    }

    public DecodedPixels decode(byte[] png) throws DecodeException {
        Objects.requireNonNull(png, "png");
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (i >= png.length || png[i] != SIGNATURE[i]) {
                throw new DecodeException("not a PNG: the file does not start with the PNG signature");
            }
        }
        Inflater inflater = new Inflater();
        try {
            return decode(png, inflater);
        } catch (IndexOutOfBoundsException e) {
            throw new DecodeException("corrupt PNG: " + e, e);
        } finally {
            inflater.end();
        }
    }

    private DecodedPixels decode(byte[] png, Inflater inflater) throws DecodeException {
        PngHeader header = null;
        int[] palette = null;
        byte[] alphas = null;
        long transparent = -1;
        byte[] raw = null;
        int inflated = 0;
        int pos = SIGNATURE.length;
        while (true) {
            if (pos + 8 > png.length) {
                if (raw != null && inflated == raw.length) {
                    break; // all pixels are in: a missing IEND loses nothing
                }
                throw new DecodeException("truncated PNG: the file ends before its image data does");
            }
            long length = PngHeader.u32(png, pos);
            String type = new String(png, pos + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
            int data = pos + 8;
            if (length > png.length - data - 4L) {
                if (raw != null && inflated == raw.length) {
                    break; // all pixels are in: a cut in what follows them loses nothing
                }
                throw new DecodeException("truncated PNG: the file ends inside the " + printable(type) + " chunk");
            }
            int n = (int) length;
            boolean critical = Character.isUpperCase(type.charAt(0));
            if (critical && !crcMatches(png, pos + 4, n + 4)) {
                throw new DecodeException("corrupt PNG: the " + printable(type) + " chunk fails its CRC check");
            }
            pos = data + n + 4;
            if (header == null && !type.equals("IHDR")) {
                throw new DecodeException("corrupt PNG: the first chunk is not IHDR");
            }
            switch (type) {
                case "IHDR":
                    if (header != null || n != 13) {
                        throw new DecodeException("corrupt PNG: invalid IHDR chunk");
                    }
                    header = new PngHeader(png, data, maxPixels);
                    break;
                case "PLTE":
                    if (n % 3 != 0 || n / 3 > 256 || n == 0) {
                        throw new DecodeException("corrupt PNG: a palette of " + n + " bytes");
                    }
                    palette = new int[n / 3];
                    for (int i = 0; i < palette.length; i++) {
                        int p = data + 3 * i;
                        palette[i] = 0xFF000000 | (png[p] & 0xFF) << 16 | (png[p + 1] & 0xFF) << 8 | png[p + 2] & 0xFF;
                    }
                    break;
                case "tRNS":
                    if (header.colorType == PngHeader.PALETTE) {
                        alphas = java.util.Arrays.copyOfRange(png, data, data + n);
                    } else if (header.colorType == PngHeader.GREY && n >= 2) {
                        transparent = PngHeader.u32(png, data - 2) & 0xFFFF;
                    } else if (header.colorType == PngHeader.RGB && n >= 6) {
                        transparent = (PngHeader.u32(png, data - 2) & 0xFFFF) << 32 | PngHeader.u32(png, data + 2);
                    }
                    break;
                case "IDAT":
                    if (raw == null) {
                        raw = new byte[rawSize(header)];
                    }
                    inflated = inflate(inflater, png, data, n, raw, inflated);
                    break;
                case "IEND":
                    if (raw == null) {
                        throw new DecodeException("corrupt PNG: no image data (IDAT) before IEND");
                    }
                    break;
                default:
                    if (critical) {
                        throw new UnsupportedFeatureException("PNG critical chunk " + printable(type));
                    }
            }
            if (type.equals("IEND")) {
                break;
            }
        }
        if (inflated < raw.length) {
            throw new DecodeException("truncated PNG: the image data ends early");
        }
        if (header.colorType == PngHeader.PALETTE) {
            if (palette == null) {
                throw new DecodeException("corrupt PNG: a palette image without a palette (PLTE)");
            }
            for (int i = 0; alphas != null && i < Math.min(alphas.length, palette.length); i++) {
                palette[i] = (alphas[i] & 0xFF) << 24 | palette[i] & 0xFFFFFF;
            }
        }
        return pixels(header, raw, new PngPixels(header, palette, transparent));
    }

    private static String printable(String type) {
        return type.chars().allMatch(c -> c >= 'A' && c <= 'z') ? type : "unnamed";
    }

    private static boolean crcMatches(byte[] png, int from, int length) {
        CRC32 crc = new CRC32();
        crc.update(png, from, length);
        return crc.getValue() == PngHeader.u32(png, from + length);
    }

    /** Bytes of the filtered image: filter byte plus row for each row of each (non-empty) pass. */
    private static int rawSize(PngHeader h) throws DecodeException {
        long size = 0;
        if (!h.interlaced) {
            size = h.height * (h.rowBytes(h.width) + 1);
        } else {
            for (int p = 0; p < 7; p++) {
                int w = Adam7.width(p, h.width);
                if (w > 0) {
                    size += Adam7.height(p, h.height) * (h.rowBytes(w) + 1);
                }
            }
        }
        if (size > Integer.MAX_VALUE - 16) {
            throw new DecodeException("image too large: its PNG data would exceed 2 GB");
        }
        return (int) size;
    }

    private static int inflate(Inflater inflater, byte[] png, int from, int length, byte[] raw, int done)
            throws DecodeException {
        inflater.setInput(png, from, length);
        try {
            while (done < raw.length && !inflater.needsInput() && !inflater.finished()) {
                int n = inflater.inflate(raw, done, raw.length - done);
                if (n == 0 && inflater.needsDictionary()) {
                    throw new DecodeException("corrupt PNG: the zlib stream asks for a preset dictionary");
                }
                if (n == 0 && !inflater.needsInput() && !inflater.finished()) {
                    throw new DecodeException("corrupt PNG: the compressed image data makes no progress");
                }
                done += n;
            }
        } catch (DataFormatException e) {
            throw new DecodeException("corrupt PNG: invalid compressed image data (" + e.getMessage() + ")", e);
        }
        return done;
    }

    private static DecodedPixels pixels(PngHeader h, byte[] raw, PngPixels convert) throws DecodeException {
        int[] argb = new int[h.width * h.height];
        int bpp = Math.max(1, h.bitsPerPixel() / 8);
        if (!h.interlaced) {
            int rowBytes = (int) h.rowBytes(h.width);
            PngFilters.unfilter(raw, 0, h.height, rowBytes, bpp);
            for (int y = 0; y < h.height; y++) {
                convert.row(raw, y * (rowBytes + 1) + 1, h.width, argb, y * h.width, 1);
            }
        } else {
            int at = 0;
            for (int p = 0; p < 7; p++) {
                int w = Adam7.width(p, h.width);
                int rows = Adam7.height(p, h.height);
                if (w == 0 || rows == 0) {
                    continue;
                }
                int rowBytes = (int) h.rowBytes(w);
                PngFilters.unfilter(raw, at, rows, rowBytes, bpp);
                for (int r = 0; r < rows; r++) {
                    int y = Adam7.Y0[p] + r * Adam7.DY[p];
                    convert.row(raw, at + r * (rowBytes + 1) + 1, w, argb, y * h.width + Adam7.X0[p], Adam7.DX[p]);
                }
                at += rows * (rowBytes + 1);
            }
        }
        return new DecodedPixels(argb, h.width, h.height);
    }
}
