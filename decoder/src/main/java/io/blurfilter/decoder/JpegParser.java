package io.blurfilter.decoder;

import java.nio.charset.StandardCharsets;

/**
 * Reads one JPEG's markers in order: tables, the frame header, each scan's entropy-coded data, up to
 * the end-of-image marker. One instance decodes one file once.
 */
final class JpegParser {
    /** More scans than any encoder writes (progressive files have about ten); bounds the work of a hostile file. */
    static final int MAX_SCANS = 200;

    private final byte[] data;
    private int pos;
    private final int[][] quantTables = new int[4][];
    private final HuffmanTable[] dcTables = new HuffmanTable[4];
    private final HuffmanTable[] acTables = new HuffmanTable[4];
    private int restartInterval;
    private boolean jfif;
    private int adobeTransform = -1;
    private Frame frame;
    private int scans;

    JpegParser(byte[] data) throws DecodeException {
        this.data = data;
        if (data.length < 2 || (data[0] & 0xFF) != 0xFF || (data[1] & 0xFF) != 0xD8) {
            throw new DecodeException("not a JPEG: the file does not start with a start-of-image marker");
        }
        pos = 2;
    }

    /** Reads markers up to and including the frame header. */
    Frame readFrame(long maxPixels) throws DecodeException {
        while (frame == null) {
            int marker = nextMarker();
            if (marker == 0xD9 || marker == 0xDA) {
                throw new DecodeException("corrupt JPEG: no frame header before the image data");
            }
            segment(marker, maxPixels);
        }
        return frame;
    }

    /** Reads the rest of the file, decoding each scan, and returns the pixels at {@code scale}/8. */
    DecodedPixels decode(int scale, long maxPixels, Window window) throws DecodeException {
        readFrame(maxPixels);
        frame.layout(scale);
        if (window != null) {
            frame.decodeOnly(window);
        }
        if (frame.progressive) {
            for (FrameComponent c : frame.components) {
                c.coefficients = new short[c.blocksPerLine * c.blocksPerColumn * 64];
            }
        }
        while (true) {
            int marker = nextMarker();
            if (marker == 0xD9) {
                break;
            }
            if (marker == 0xDA) {
                scan();
            } else {
                segment(marker, maxPixels);
            }
        }
        if (scans == 0) {
            throw new DecodeException("corrupt JPEG: no image data before the end-of-image marker");
        }
        if (frame.progressive) {
            transformCoefficients();
        }
        return pixels();
    }

    private void segment(int marker, long maxPixels) throws DecodeException {
        switch (marker) {
            case 0xC0:
            case 0xC1:
            case 0xC2:
                frameHeader(marker == 0xC2, maxPixels);
                return;
            case 0xC3:
                throw new UnsupportedFeatureException("lossless JPEG");
            case 0xC5:
            case 0xC6:
            case 0xC7:
                throw new UnsupportedFeatureException("hierarchical JPEG");
            case 0xC9:
            case 0xCA:
            case 0xCB:
            case 0xCD:
            case 0xCE:
            case 0xCF:
            case 0xCC:
                throw new UnsupportedFeatureException("arithmetic-coded JPEG");
            case 0xC4:
                huffmanTables();
                return;
            case 0xDB:
                quantTables();
                return;
            case 0xDD:
                int end = segmentEnd();
                restartInterval = u16(pos);
                pos = end;
                return;
            case 0xE0:
                int app0End = segmentEnd();
                jfif |= startsWith(app0End, "JFIF\0");
                pos = app0End;
                return;
            case 0xEE:
                adobe();
                return;
            default:
                if (marker >= 0xD0 && marker <= 0xD7) {
                    return; // a stray restart marker between segments carries nothing
                }
                pos = segmentEnd();
        }
    }

    /** Skips fill bytes and anything that is not a marker (libjpeg warns and does the same). */
    private int nextMarker() throws DecodeException {
        while (true) {
            while (pos < data.length && (data[pos] & 0xFF) != 0xFF) {
                pos++;
            }
            while (pos < data.length && (data[pos] & 0xFF) == 0xFF) {
                pos++;
            }
            if (pos >= data.length) {
                throw new DecodeException("truncated JPEG: the file ends before its end-of-image marker");
            }
            int marker = data[pos++] & 0xFF;
            if (marker != 0) {
                return marker;
            }
        }
    }

    /** Where the segment whose length field is at {@code pos} ends; moves {@code pos} past the length. */
    private int segmentEnd() throws DecodeException {
        if (pos + 2 > data.length) {
            throw truncated();
        }
        int length = u16(pos);
        if (length < 2) {
            throw new DecodeException("corrupt JPEG: a marker segment declares length " + length);
        }
        int end = pos + length;
        if (end > data.length) {
            throw truncated();
        }
        pos += 2;
        return end;
    }

    private static DecodeException truncated() {
        return new DecodeException("truncated JPEG: the file ends inside a marker segment");
    }

    private int u16(int at) {
        return (data[at] & 0xFF) << 8 | data[at + 1] & 0xFF;
    }

    private void need(int bytes, int end) throws DecodeException {
        if (pos + bytes > end) {
            throw new DecodeException("corrupt JPEG: a marker segment is shorter than its contents");
        }
    }

    private boolean startsWith(int end, String signature) {
        byte[] s = signature.getBytes(StandardCharsets.ISO_8859_1);
        if (pos + s.length > end) {
            return false;
        }
        for (int i = 0; i < s.length; i++) {
            if (data[pos + i] != s[i]) {
                return false;
            }
        }
        return true;
    }

    private void adobe() throws DecodeException {
        int end = segmentEnd();
        if (startsWith(end, "Adobe") && pos + 12 <= end) {
            adobeTransform = data[pos + 11] & 0xFF;
        }
        pos = end;
    }

    private void quantTables() throws DecodeException {
        int end = segmentEnd();
        while (pos < end) {
            int pq = (data[pos] & 0xFF) >> 4;
            int tq = data[pos] & 0x0F;
            pos++;
            if (pq > 1 || tq > 3) {
                throw new DecodeException("corrupt JPEG: invalid quantization table header");
            }
            need(64 << pq, end);
            int[] table = new int[64];
            for (int k = 0; k < 64; k++) {
                table[ZigZag.NATURAL[k]] = pq == 0 ? data[pos] & 0xFF : u16(pos);
                pos += 1 + pq;
            }
            quantTables[tq] = table;
        }
    }

    private void huffmanTables() throws DecodeException {
        int end = segmentEnd();
        while (pos < end) {
            need(17, end);
            int tc = (data[pos] & 0xFF) >> 4;
            int th = data[pos] & 0x0F;
            if (tc > 1 || th > 3) {
                throw new DecodeException("corrupt JPEG: invalid Huffman table header");
            }
            int[] counts = new int[16];
            int total = 0;
            for (int i = 0; i < 16; i++) {
                counts[i] = data[pos + 1 + i] & 0xFF;
                total += counts[i];
            }
            pos += 17;
            if (total > 256) {
                throw new DecodeException("corrupt JPEG: a Huffman table declares " + total + " symbols");
            }
            need(total, end);
            int[] symbols = new int[total];
            for (int i = 0; i < total; i++) {
                symbols[i] = data[pos++] & 0xFF;
            }
            (tc == 0 ? dcTables : acTables)[th] = new HuffmanTable(counts, symbols);
        }
    }

    private void frameHeader(boolean progressive, long maxPixels) throws DecodeException {
        if (frame != null) {
            throw new UnsupportedFeatureException("JPEG with more than one frame");
        }
        int end = segmentEnd();
        need(6, end);
        int precision = data[pos] & 0xFF;
        int height = u16(pos + 1);
        int width = u16(pos + 3);
        int count = data[pos + 5] & 0xFF;
        pos += 6;
        if (precision == 12 || precision == 16) {
            throw new UnsupportedFeatureException(precision + "-bit JPEG");
        }
        if (precision != 8) {
            throw new DecodeException("corrupt JPEG: sample precision " + precision);
        }
        if (height == 0) {
            throw new UnsupportedFeatureException("JPEG whose height follows the image data (DNL marker)");
        }
        ImageLimits.check("JPEG", width, height, maxPixels);
        if (count != 1 && count != 3 && count != 4) {
            throw new UnsupportedFeatureException("JPEG with " + count + " components");
        }
        need(3 * count, end);
        FrameComponent[] components = new FrameComponent[count];
        for (int i = 0; i < count; i++) {
            int id = data[pos] & 0xFF;
            int h = (data[pos + 1] & 0xFF) >> 4;
            int v = data[pos + 1] & 0x0F;
            int tq = data[pos + 2] & 0xFF;
            pos += 3;
            if (h < 1 || h > 4 || v < 1 || v > 4 || tq > 3) {
                throw new DecodeException("corrupt JPEG: invalid component " + id + " (sampling " + h + "x" + v
                        + ", table " + tq + ")");
            }
            for (int j = 0; j < i; j++) {
                if (components[j].id == id) {
                    throw new DecodeException("corrupt JPEG: two components with id " + id);
                }
            }
            components[i] = new FrameComponent(id, h, v, tq);
        }
        pos = end;
        frame = new Frame(width, height, progressive, components);
    }

    private void scan() throws DecodeException {
        if (++scans > MAX_SCANS) {
            throw new DecodeException("corrupt JPEG: more than " + MAX_SCANS + " scans");
        }
        int end = segmentEnd();
        need(1, end);
        int count = data[pos++] & 0xFF;
        if (count < 1 || count > 4) {
            throw new DecodeException("corrupt JPEG: a scan of " + count + " components");
        }
        need(2 * count + 3, end);
        FrameComponent[] scan = new FrameComponent[count];
        int blocksInMcu = 0;
        for (int i = 0; i < count; i++) {
            FrameComponent c = component(data[pos] & 0xFF);
            int td = (data[pos + 1] & 0xFF) >> 4;
            int ta = data[pos + 1] & 0x0F;
            pos += 2;
            if (td > 3 || ta > 3) {
                throw new DecodeException("corrupt JPEG: invalid Huffman table selector in a scan");
            }
            c.dcTable = dcTables[td];
            c.acTable = acTables[ta];
            if (c.quant == null) {
                if (quantTables[c.quantTable] == null) {
                    throw new DecodeException("corrupt JPEG: quantization table " + c.quantTable + " is not defined");
                }
                c.quant = quantTables[c.quantTable].clone();
            }
            scan[i] = c;
            blocksInMcu += c.h * c.v;
        }
        if (count > 1 && blocksInMcu > 10) {
            throw new DecodeException("corrupt JPEG: " + blocksInMcu + " blocks in an MCU (at most 10)");
        }
        int ss = data[pos] & 0xFF;
        int se = data[pos + 1] & 0xFF;
        int ah = (data[pos + 2] & 0xFF) >> 4;
        int al = data[pos + 2] & 0x0F;
        pos = end;
        EntropyReader in = new EntropyReader(data, pos, data.length);
        BlockDecoder blocks;
        if (frame.progressive) {
            if (ss > se || se > 63 || (ss == 0) != (se == 0) || ss > 0 && count != 1 || ah > 13 || al > 13) {
                throw new DecodeException("corrupt JPEG: invalid progressive scan parameters");
            }
            requireTables(scan, ss == 0 && ah == 0, ss > 0);
            blocks = new ProgressiveBlocks(in, scan, ss, se, ah, al);
        } else {
            requireTables(scan, true, true);
            blocks = new SequentialBlocks(in, scan);
        }
        ScanDecoder.decode(frame, scan, restartInterval, in, blocks);
        pos = in.position();
    }

    private static void requireTables(FrameComponent[] scan, boolean dc, boolean ac) throws DecodeException {
        for (FrameComponent c : scan) {
            if (dc && c.dcTable == null || ac && c.acTable == null) {
                throw new DecodeException("corrupt JPEG: a scan uses a Huffman table that is not defined");
            }
        }
    }

    private FrameComponent component(int id) throws DecodeException {
        for (FrameComponent c : frame.components) {
            if (c.id == id) {
                return c;
            }
        }
        throw new DecodeException("corrupt JPEG: a scan names component " + id + ", which the frame lacks");
    }

    private void transformCoefficients() {
        InverseDct idct = new InverseDct();
        for (FrameComponent c : frame.components) {
            if (c.quant == null) {
                continue; // never scanned: its samples stay 0, as libjpeg leaves them
            }
            int size = c.idctSize;
            for (int by = c.firstBlockY; by < c.endBlockY; by++) {
                for (int bx = c.firstBlockX; bx < c.endBlockX; bx++) {
                    idct.transform(size, c.coefficients, (by * c.blocksPerLine + bx) * 64, c.quant, c.samples,
                            by * size * c.samplesStride + bx * size, c.samplesStride);
                }
            }
        }
    }

    private DecodedPixels pixels() {
        Window window = frame.window;
        int w = window.width();
        int h = window.height();
        FrameComponent[] cs = frame.components;
        byte[][] planes = new byte[cs.length][];
        boolean fancy = frame.scale > 1;
        for (int i = 0; i < cs.length; i++) {
            int[] ratio = frame.upsampling(cs[i]);
            planes[i] = Upsampler.upsample(cs[i], ratio[0], ratio[1], fancy, window);
        }
        return new DecodedPixels(ColorConverter.toArgb(colorSpace(), planes, w * h), w, h);
    }

    private ColorConverter.Space colorSpace() {
        FrameComponent[] cs = frame.components;
        if (cs.length == 1) {
            return ColorConverter.Space.GRAY;
        }
        if (cs.length == 4) {
            return adobeTransform == 2 ? ColorConverter.Space.YCCK : ColorConverter.Space.CMYK;
        }
        if (adobeTransform >= 0) {
            return adobeTransform == 0 ? ColorConverter.Space.RGB : ColorConverter.Space.YCBCR;
        }
        boolean rgbIds = cs[0].id == 'R' && cs[1].id == 'G' && cs[2].id == 'B';
        return !jfif && rgbIds ? ColorConverter.Space.RGB : ColorConverter.Space.YCBCR;
    }
}
