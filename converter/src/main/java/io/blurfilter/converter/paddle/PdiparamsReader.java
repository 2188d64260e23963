package io.blurfilter.converter.paddle;

import io.blurfilter.converter.ConversionException;
import io.blurfilter.converter.lower.Float16;
import io.blurfilter.converter.proto.LongList;
import io.blurfilter.converter.proto.ProtoException;
import io.blurfilter.converter.proto.ProtoReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a combined Paddle parameter file ({@code inference.pdiparams}, reference §4.1): a headerless
 * concatenation of serialized dense tensors, in byte-wise sorted parameter-name order. Every size is
 * checked against the bytes that remain before anything is allocated, and the file must end exactly
 * after the last tensor (as Paddle's load_combine insists).
 */
public final class PdiparamsReader {
    /** Sanity bound on LoD levels; parameters have none. */
    private static final long MAX_LOD_LEVELS = 16;
    private static final int MAX_RANK = 8;

    private final String fileName;
    private final ByteBuffer buf;

    private PdiparamsReader(String fileName, byte[] bytes) {
        this.fileName = fileName;
        this.buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** All tensors of the file, in file order. */
    public static List<ParamTensor> read(String fileName, byte[] bytes) throws ConversionException {
        return new PdiparamsReader(fileName, bytes).readAll();
    }

    private List<ParamTensor> readAll() throws ConversionException {
        List<ParamTensor> tensors = new ArrayList<>();
        while (buf.hasRemaining()) {
            tensors.add(tensor(tensors.size()));
        }
        return tensors;
    }

    private ParamTensor tensor(int index) throws ConversionException {
        String where = "tensor #" + index + " at byte " + buf.position();
        int version = u32(where);
        if (version != 0) {
            throw error(where + ": dense tensor version " + Integer.toUnsignedString(version) + ", expected 0");
        }
        long lodLevels = u64(where);
        if (lodLevels < 0 || lodLevels > MAX_LOD_LEVELS) {
            throw error(where + ": implausible LoD level count " + Long.toUnsignedString(lodLevels));
        }
        for (long i = 0; i < lodLevels; i++) {
            long n = u64(where);
            if (n < 0 || n > buf.remaining() || n % 8 != 0) {
                throw error(where + ": LoD level of " + Long.toUnsignedString(n) + " bytes does not fit the file");
            }
            buf.position(buf.position() + (int) n);
        }
        int tensorVersion = u32(where);
        if (tensorVersion != 0) {
            throw error(where + ": tensor version " + Integer.toUnsignedString(tensorVersion) + ", expected 0");
        }
        int descLength = u32(where);
        if (descLength < 0 || descLength > buf.remaining()) {
            throw error(where + ": tensor description of " + Integer.toUnsignedString(descLength)
                    + " bytes runs past the end of the file");
        }
        byte[] desc = new byte[descLength];
        buf.get(desc);
        int dataType = -1;
        LongList dims = new LongList();
        try {
            ProtoReader r = new ProtoReader(desc);
            while (r.hasNext()) {
                switch (r.next()) {
                    case 1:
                        dataType = r.int32();
                        break;
                    case 2:
                        r.repeatedVarint(dims);
                        if (dims.size() > MAX_RANK) {
                            throw error(where + ": more than " + MAX_RANK + " dims");
                        }
                        break;
                    default:
                        r.skip();
                }
            }
        } catch (ProtoException e) {
            throw error(where + ": bad tensor description: " + e.getMessage());
        }
        int elementSize = PaddleDataType.size(dataType);
        if (elementSize < 0) {
            throw error(where + ": unsupported data type " + PaddleDataType.name(dataType));
        }
        long count = 1;
        for (int i = 0; i < dims.size(); i++) {
            long d = dims.get(i);
            if (d < 0) {
                throw error(where + ": negative dim " + d);
            }
            count *= d;
            if (count > buf.remaining()) {
                // Checked as we go so the product cannot overflow.
                break;
            }
        }
        if (count * elementSize > buf.remaining()) {
            throw error(where + ": dims " + dimsText(dims) + " of " + PaddleDataType.name(dataType) + " need "
                    + count * elementSize + " bytes but only " + buf.remaining() + " remain");
        }
        float[] values = decode(dataType, (int) count);
        return new ParamTensor(dims.toArray(), dataType, values);
    }

    private float[] decode(int dataType, int count) {
        switch (dataType) {
            case PaddleDataType.FP32: {
                float[] v = new float[count];
                buf.asFloatBuffer().get(v);
                buf.position(buf.position() + 4 * count);
                return v;
            }
            case PaddleDataType.FP16: {
                float[] v = new float[count];
                for (int i = 0; i < count; i++) {
                    v[i] = Float16.toFloat(buf.getShort());
                }
                return v;
            }
            case PaddleDataType.FP64: {
                float[] v = new float[count];
                for (int i = 0; i < count; i++) {
                    v[i] = (float) buf.getDouble();
                }
                return v;
            }
            default:
                buf.position(buf.position() + count * PaddleDataType.size(dataType));
                return null;
        }
    }

    private static String dimsText(LongList dims) {
        return java.util.Arrays.toString(dims.toArray());
    }

    private int u32(String where) throws ConversionException {
        if (buf.remaining() < 4) {
            throw error(where + ": truncated tensor header");
        }
        return buf.getInt();
    }

    private long u64(String where) throws ConversionException {
        if (buf.remaining() < 8) {
            throw error(where + ": truncated tensor header");
        }
        return buf.getLong();
    }

    private ConversionException error(String what) {
        return new ConversionException(fileName + ": " + what);
    }
}
