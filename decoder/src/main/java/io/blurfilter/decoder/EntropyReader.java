package io.blurfilter.decoder;

/**
 * Bits of a JPEG entropy-coded segment: removes the 0x00 after each stuffed 0xFF and stops at the
 * next marker. Past the marker (or the end of the file) it supplies zero bits, as libjpeg does, but
 * counts them: a scan that needed any of them was cut short, which {@link #checkNotExhausted} reports
 * instead of decoding grey.
 */
final class EntropyReader {
    private final byte[] data;
    private final int end;
    private int pos;
    /** Buffered bits, the next one at bit {@code count - 1}. */
    private long bits;
    private int count;
    /** Zero bits appended after the data ran out (some may still be buffered, unread). */
    private long paddingBits;
    private boolean atMarker;

    EntropyReader(byte[] data, int start, int end) {
        this.data = data;
        this.pos = start;
        this.end = end;
    }

    /** Where the bytes not yet buffered start: at the marker that ended the segment once it is reached. */
    int position() {
        return pos;
    }

    private void fill() {
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
            buffered = buffered << 8 | b;
            n += 8;
        }
        bits = buffered;
        count = n;
        pos = p;
    }

    /** The next 16 bits without consuming them. */
    int peek16() {
        if (count < 16) {
            fill();
        }
        return (int) (bits >>> (count - 16)) & 0xFFFF;
    }

    void skip(int n) {
        count -= n;
    }

    int bit() {
        if (count < 1) {
            fill();
        }
        count--;
        return (int) (bits >>> count) & 1;
    }

    /** {@code n} bits (0..16) as an unsigned number. */
    int bits(int n) {
        if (n == 0) {
            return 0;
        }
        if (count < n) {
            fill();
        }
        count -= n;
        return (int) (bits >>> count) & ((1 << n) - 1);
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
