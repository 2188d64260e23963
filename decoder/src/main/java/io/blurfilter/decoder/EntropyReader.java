package io.blurfilter.decoder;

import java.nio.ByteBuffer;

/**
 * Bits of a JPEG entropy-coded segment: removes the 0x00 after each stuffed 0xFF and stops at the
 * next marker. Past the marker (or the end of the file) it supplies zero bits, as libjpeg does, but
 * counts them: a scan that needed any of them was cut short, which {@link #checkNotExhausted} reports
 * instead of decoding grey.
 */
final class EntropyReader {
    private final byte[] data;
    /** The same bytes, for reading eight at once (big-endian, as the bits are). */
    private final ByteBuffer longs;
    private final int end;
    /** The last position an 8-byte read may start at. */
    private final int lastLongRead;
    private int pos;
    /**
     * Buffered bits, the next one at bit 63. Below the {@code count} valid bits there are zeros or
     * copies of the bits that follow (see {@link #fill}), which lets a refill OR bytes in without a test.
     */
    private long bits;
    private int count;
    /** Zero bits appended after the data ran out (some may still be buffered, unread). */
    private long paddingBits;
    private boolean atMarker;

    private static final int FAST_SHIFT = 64 - HuffmanTable.LOOKUP_BITS;

    EntropyReader(byte[] data, int start, int end) {
        this.data = data;
        this.longs = ByteBuffer.wrap(data);
        this.pos = start;
        this.end = end;
        this.lastLongRead = end - 8;
    }

    /** Where the bytes not yet buffered start: at the marker that ended the segment once it is reached. */
    int position() {
        return pos;
    }

    /** Whether the 8 bytes of {@code v} hold no 0xFF (no stuffing and no marker among them). */
    private static boolean noFF(long v) {
        return ((~v - 0x0101010101010101L) & v & 0x8080808080808080L) == 0;
    }

    /**
     * Tops the buffer up to at least 56 bits. When the next 8 bytes hold no 0xFF (nearly always in
     * photo data) they are ORed in below the valid bits in one step, whatever the count (F. Giesen's
     * branch-free refill): the whole bytes that fit count as read, the rest of them lands below the
     * valid bits as the copies the field's invariant allows, to be ORed in again unchanged.
     */
    private void fill() {
        int p = pos;
        if (p <= lastLongRead) {
            long next = longs.getLong(p);
            if (noFF(next)) {
                int n = count;
                bits |= next >>> n;
                pos = p + ((63 - n) >>> 3);
                count = n | 56;
                return;
            }
        }
        fillBytes();
    }

    private void fillBytes() {
        // locals, not fields, in the loop: this runs for every few symbols of the whole image
        long buffered = bits;
        int n = count;
        int p = pos;
        while (n <= 56) {
            int b = 0;
            if (atMarker || p >= end) {
                paddingBits += 8;
            } else {
                b = data[p] & 0xFF;
                if (b != 0xFF) {
                    p++;
                } else if (p + 1 < end && data[p + 1] == 0) {
                    p += 2;
                } else {
                    atMarker = true;
                    b = 0;
                    paddingBits += 8;
                }
            }
            buffered |= (long) b << (56 - n);
            n += 8;
        }
        bits = buffered;
        count = n;
        pos = p;
    }

    /**
     * Decodes the AC coefficients (1 to 63) of a sequential block into {@code block}, at their
     * natural positions (the rest are left as they are), and returns the zig-zag index of the last
     * one written, 0 if none. The bit buffer lives in locals here: this loop runs for nearly every
     * coefficient of the image. It refills before every symbol (a code and its magnitude bits are at
     * most 31 bits) without asking whether it must: a test on the bit count would be taken or not
     * as the codes' lengths fall, which the CPU cannot predict.
     */
    int sequentialAc(HuffmanTable table, short[] block) throws DecodeException {
        long buffered = bits;
        int n = count;
        int p = pos;
        int last = 0;
        try {
            for (int k = 1; k < 64; k++) {
                long next;
                if (p <= lastLongRead && noFF(next = longs.getLong(p))) {
                    buffered |= next >>> n;
                    p += (63 - n) >>> 3;
                    n |= 56;
                } else if (n < 32) {
                    bits = buffered;
                    count = n;
                    pos = p;
                    fillBytes();
                    buffered = bits;
                    n = count;
                    p = pos;
                }
                int fast = table.fastAc((int) (buffered >>> FAST_SHIFT));
                int value;
                if (fast != 0) {
                    int used = fast & 0xFF;
                    buffered <<= used;
                    n -= used;
                    k += (fast >>> 8) & 0xFF;
                    value = fast >> 16;
                } else {
                    int entry = table.symbol((int) (buffered >>> 48));
                    int used = entry >>> 8;
                    buffered <<= used;
                    n -= used;
                    int size = entry & 15;
                    if (size == 0) {
                        if ((entry & 0xF0) != 0xF0) {
                            break; // end of block
                        }
                        k += 15; // sixteen zeros
                        continue;
                    }
                    k += (entry >>> 4) & 15;
                    value = extend((int) (buffered >>> (64 - size)), size);
                    buffered <<= size;
                    n -= size;
                }
                if (k > 63) {
                    if (k >= HuffmanTable.END_OF_BLOCK_RUN) {
                        break;
                    }
                    throw new DecodeException("corrupt JPEG: a block has more than 64 coefficients");
                }
                block[ZigZag.NATURAL[k]] = (short) value;
                last = k;
            }
        } finally {
            bits = buffered;
            count = n;
            pos = p;
        }
        return last;
    }

    /**
     * Decodes a sequential block's DC difference: one lookup for a short code and its magnitude bits,
     * as {@link #sequentialAc} does for the AC ones.
     */
    int sequentialDc(HuffmanTable table) throws DecodeException {
        if (count < 32) {
            fill();
        }
        int fast = table.fastDc((int) (bits >>> FAST_SHIFT));
        if (fast != 0) {
            skip(fast & 0xFF);
            return fast >> 16;
        }
        return dcDifference(table);
    }

    /** A DC difference: its code's magnitude category, then that many bits (any scan, any code length). */
    int dcDifference(HuffmanTable table) throws DecodeException {
        int size = table.decode(this);
        if (size > 15) {
            throw new DecodeException("corrupt JPEG: invalid DC coefficient size " + size);
        }
        return receiveExtend(size);
    }

    /** The next 16 bits without consuming them. */
    int peek16() {
        if (count < 16) {
            fill();
        }
        return (int) (bits >>> 48);
    }

    void skip(int n) {
        bits <<= n;
        count -= n;
    }

    int bit() {
        if (count < 1) {
            fill();
        }
        int b = (int) (bits >>> 63);
        skip(1);
        return b;
    }

    /** {@code n} bits (0..16) as an unsigned number. */
    int bits(int n) {
        if (n == 0) {
            return 0;
        }
        if (count < n) {
            fill();
        }
        int v = (int) (bits >>> (64 - n));
        skip(n);
        return v;
    }

    /** JPEG's RECEIVE and EXTEND: {@code n} bits as a signed magnitude-category value. */
    int receiveExtend(int n) {
        return extend(bits(n), n);
    }

    /** JPEG's EXTEND: {@code n} magnitude bits as the signed value they code. */
    static int extend(int v, int n) {
        return n == 0 || v >= 1 << (n - 1) ? v : v - (1 << n) + 1;
    }

    /** Throws if the decoding so far consumed bits that were not in the file. */
    void checkNotExhausted() throws DecodeException {
        if (paddingBits > count) {
            throw new DecodeException(pos >= end
                    ? "truncated JPEG: the file ends inside the image data"
                    : "corrupt JPEG: the image data of a scan ends early");
        }
    }

    /**
     * Skips the rest of the segment unread, restart markers included, to the marker that ends it;
     * a file that ends first is truncated, as decoding it would have found.
     */
    void skipToMarker() throws DecodeException {
        bits = 0;
        count = 0;
        paddingBits = 0;
        int p = pos;
        atMarker = false; // the marker the buffer stopped at may be a restart marker: skipped too
        while (!atMarker) {
            if (p + 1 >= end) {
                throw new DecodeException("truncated JPEG: the file ends inside the image data");
            }
            if ((data[p] & 0xFF) != 0xFF) {
                p++;
                continue;
            }
            int next = data[p + 1] & 0xFF;
            if (next == 0 || next == 0xFF || next >= 0xD0 && next <= 0xD7) {
                p += next == 0xFF ? 1 : 2; // a stuffed zero, a fill byte, or a restart marker
            } else {
                atMarker = true;
            }
        }
        pos = p;
    }

    /**
     * Consumes the restart marker that must follow the current interval (RSTn with n the interval
     * number modulo 8) and starts the next interval's bits.
     */
    void restart(int expected) throws DecodeException {
        checkNotExhausted();
        bits = 0;
        count = 0;
        paddingBits = 0;
        atMarker = false;
        // whatever is left before the marker (normally nothing: the buffer read ahead) is junk
        while (pos < end && ((data[pos] & 0xFF) != 0xFF || pos + 1 < end && data[pos + 1] == 0)) {
            pos += (data[pos] & 0xFF) == 0xFF ? 2 : 1;
        }
        while (pos + 1 < end && (data[pos + 1] & 0xFF) == 0xFF) {
            pos++; // fill bytes
        }
        if (pos + 1 >= end) {
            throw new DecodeException("truncated JPEG: the file ends inside the image data");
        }
        int marker = data[pos + 1] & 0xFF;
        if (marker != 0xD0 + expected) {
            throw new DecodeException(String.format("corrupt JPEG: expected restart marker RST%d, found 0x%02X",
                    expected, marker));
        }
        pos += 2;
    }
}
