package io.blurfilter.converter.proto;

import java.nio.charset.StandardCharsets;

/**
 * A bounds-checked reader of the protobuf wire format over a byte range. It never allocates more than
 * the bytes it was given hold, so a hostile length or count cannot cause an OutOfMemoryError, and every
 * read either consumes input or throws, so no input loops forever. Problems are
 * {@link ProtoException}s; callers add the file name.
 */
public final class ProtoReader {
    public static final int VARINT = 0;
    public static final int FIXED64 = 1;
    public static final int LENGTH_DELIMITED = 2;
    public static final int START_GROUP = 3;
    public static final int END_GROUP = 4;
    public static final int FIXED32 = 5;

    private final byte[] buf;
    private int pos;
    private final int end;
    private int tag;

    public ProtoReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    private ProtoReader(byte[] buf, int start, int end) {
        this.buf = buf;
        this.pos = start;
        this.end = end;
    }

    /** True while fields remain in this message. */
    public boolean hasNext() {
        return pos < end;
    }

    /** Reads the next field's tag; returns its field number. */
    public int next() throws ProtoException {
        long t = readVarint();
        if (t >>> 32 != 0 || (t >>> 3) == 0) {
            throw new ProtoException("invalid field tag " + t + " at byte " + pos);
        }
        tag = (int) t;
        int wire = wireType();
        if (wire != VARINT && wire != FIXED64 && wire != LENGTH_DELIMITED && wire != FIXED32) {
            throw new ProtoException("unsupported wire type " + wire + " at byte " + pos);
        }
        return tag >>> 3;
    }

    public int wireType() {
        return tag & 7;
    }

    public int position() {
        return pos;
    }

    public long readVarint() throws ProtoException {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= end) {
                throw new ProtoException("truncated varint at byte " + pos);
            }
            byte b = buf[pos++];
            result |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return result;
            }
        }
        throw new ProtoException("varint longer than 10 bytes at byte " + pos);
    }

    /** A varint field (int32 negatives arrive as 10-byte varints and are truncated to 32 bits). */
    public long varint() throws ProtoException {
        expect(VARINT);
        return readVarint();
    }

    public int int32() throws ProtoException {
        return (int) varint();
    }

    public boolean bool() throws ProtoException {
        return varint() != 0;
    }

    public int fixed32() throws ProtoException {
        expect(FIXED32);
        need(4);
        int v = (buf[pos] & 0xff) | (buf[pos + 1] & 0xff) << 8 | (buf[pos + 2] & 0xff) << 16
                | (buf[pos + 3] & 0xff) << 24;
        pos += 4;
        return v;
    }

    public long fixed64() throws ProtoException {
        expect(FIXED64);
        need(8);
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (buf[pos + i] & 0xff);
        }
        pos += 8;
        return v;
    }

    public float float32() throws ProtoException {
        return Float.intBitsToFloat(fixed32());
    }

    public double float64() throws ProtoException {
        return Double.longBitsToDouble(fixed64());
    }

    /** A length-delimited field as a reader over its bytes (no copy). */
    public ProtoReader message() throws ProtoException {
        int len = length();
        ProtoReader sub = new ProtoReader(buf, pos, pos + len);
        pos += len;
        return sub;
    }

    public byte[] bytes() throws ProtoException {
        int len = length();
        byte[] out = java.util.Arrays.copyOfRange(buf, pos, pos + len);
        pos += len;
        return out;
    }

    public String string() throws ProtoException {
        int len = length();
        String s = new String(buf, pos, len, StandardCharsets.UTF_8);
        pos += len;
        return s;
    }

    /**
     * Adds the values of a repeated varint field to {@code out}, accepting both the unpacked (one value)
     * and the packed (length-delimited run) encodings.
     */
    public void repeatedVarint(LongList out) throws ProtoException {
        if (wireType() == LENGTH_DELIMITED) {
            ProtoReader packed = message();
            while (packed.hasNext()) {
                out.add(packed.readVarint());
            }
        } else {
            out.add(varint());
        }
    }

    /** Repeated float (fixed32), packed or unpacked. */
    public void repeatedFloat(FloatList out) throws ProtoException {
        if (wireType() == LENGTH_DELIMITED) {
            int len = length();
            if (len % 4 != 0) {
                throw new ProtoException("packed float field of " + len + " bytes at byte " + pos);
            }
            for (int i = 0; i < len; i += 4) {
                out.add(Float.intBitsToFloat((buf[pos + i] & 0xff) | (buf[pos + i + 1] & 0xff) << 8
                        | (buf[pos + i + 2] & 0xff) << 16 | (buf[pos + i + 3] & 0xff) << 24));
            }
            pos += len;
        } else {
            out.add(float32());
        }
    }

    /** Repeated double (fixed64), packed or unpacked. */
    public void repeatedDouble(DoubleList out) throws ProtoException {
        if (wireType() == LENGTH_DELIMITED) {
            ProtoReader packed = message();
            if ((packed.end - packed.pos) % 8 != 0) {
                throw new ProtoException("packed double field of odd length at byte " + pos);
            }
            while (packed.hasNext()) {
                packed.tag = FIXED64;
                out.add(packed.float64());
            }
        } else {
            out.add(float64());
        }
    }

    /** Skips the current field's value. */
    public void skip() throws ProtoException {
        switch (wireType()) {
            case VARINT:
                readVarint();
                break;
            case FIXED64:
                need(8);
                pos += 8;
                break;
            case FIXED32:
                need(4);
                pos += 4;
                break;
            case LENGTH_DELIMITED: {
                int len = length(); // advances past the length varint first
                pos += len;
                break;
            }
            default:
                throw new ProtoException("cannot skip wire type " + wireType());
        }
    }

    private int length() throws ProtoException {
        expect(LENGTH_DELIMITED);
        long len = readVarint();
        if (len < 0 || len > end - pos) {
            throw new ProtoException("length " + len + " runs past the end of its message at byte " + pos);
        }
        return (int) len;
    }

    private void expect(int wire) throws ProtoException {
        if (wireType() != wire) {
            throw new ProtoException("field " + (tag >>> 3) + " has wire type " + wireType() + ", expected " + wire
                    + " at byte " + pos);
        }
    }

    private void need(int n) throws ProtoException {
        if (end - pos < n) {
            throw new ProtoException("truncated field at byte " + pos);
        }
    }
}
