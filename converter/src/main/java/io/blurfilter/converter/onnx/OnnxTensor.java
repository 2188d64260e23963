package io.blurfilter.converter.onnx;

import io.blurfilter.converter.ConversionException;
import io.blurfilter.converter.lower.Dims;
import io.blurfilter.converter.lower.Float16;
import io.blurfilter.converter.lower.Value;
import io.blurfilter.converter.proto.DoubleList;
import io.blurfilter.converter.proto.FloatList;
import io.blurfilter.converter.proto.LongList;
import io.blurfilter.converter.proto.ProtoException;
import io.blurfilter.converter.proto.ProtoReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * An ONNX TensorProto decoded into a float or integer constant. FLOAT, FLOAT16 and DOUBLE become
 * float32; INT64, INT32 (and the small integer types, BOOL) become longs. Data may be raw_data or the
 * typed repeated fields; the element count must match the dims exactly. External data is refused.
 */
final class OnnxTensor {
    static final int FLOAT = 1;
    static final int UINT8 = 2;
    static final int INT8 = 3;
    static final int UINT16 = 4;
    static final int INT16 = 5;
    static final int INT32 = 6;
    static final int INT64 = 7;
    static final int BOOL = 9;
    static final int FLOAT16 = 10;
    static final int DOUBLE = 11;

    private OnnxTensor() {}

    /** Decodes a TensorProto; {@code where} names it in errors. */
    static Value read(ProtoReader r, String fallbackName, String where) throws ProtoException, ConversionException {
        LongList dims = new LongList();
        int dataType = 0;
        String name = fallbackName;
        byte[] raw = null;
        FloatList floats = new FloatList();
        LongList int32s = new LongList();
        LongList int64s = new LongList();
        DoubleList doubles = new DoubleList();
        boolean external = false;
        while (r.hasNext()) {
            switch (r.next()) {
                case 1: r.repeatedVarint(dims); break;
                case 2: dataType = r.int32(); break;
                case 4: r.repeatedFloat(floats); break;
                case 5: r.repeatedVarint(int32s); break;
                case 7: r.repeatedVarint(int64s); break;
                case 8: name = r.string(); break;
                case 9: raw = r.bytes(); break;
                case 10: r.repeatedDouble(doubles); break;
                case 13: external = true; r.skip(); break;
                case 14: external |= r.varint() == 1; break;
                case 12: case 3:
                    throw new ConversionException(where + ": tensor '" + name + "' has string or segmented data");
                default: r.skip();
            }
        }
        where = where + " tensor '" + name + "'";
        if (external) {
            throw new ConversionException(where + ": external data is not supported (save the model with the"
                    + " weights inside the .onnx file)");
        }
        if (dims.size() > 8) {
            throw new ConversionException(where + ": rank " + dims.size() + " too large");
        }
        int[] shape = new int[dims.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            long d = dims.get(i);
            if (d < 0 || d > Dims.MAX_DIM) {
                throw new ConversionException(where + ": invalid dim " + d);
            }
            shape[i] = (int) d;
            count *= d;
            if (count > Dims.MAX_CONSTANT_ELEMENTS) {
                throw new ConversionException(where + ": too many elements");
            }
        }
        int n = (int) count;
        int elementSize = elementSize(dataType);
        if (elementSize < 0) {
            throw new ConversionException(where + ": unsupported data type " + dataType);
        }
        if (raw != null) {
            if ((long) n * elementSize != raw.length) {
                throw new ConversionException(where + ": raw_data holds " + raw.length + " bytes, dims "
                        + Dims.text(shape) + " need " + (long) n * elementSize);
            }
            return fromRaw(dataType, shape, ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN), n, name);
        }
        switch (dataType) {
            case FLOAT:
                return Value.floatConst(name, shape, exact(floats.toArray(), floats.size(), n, where));
            case DOUBLE: {
                check(doubles.size(), n, where);
                float[] f = new float[n];
                for (int i = 0; i < n; i++) {
                    f[i] = (float) doubles.get(i);
                }
                return Value.floatConst(name, shape, f);
            }
            case FLOAT16: {
                check(int32s.size(), n, where);
                float[] f = new float[n];
                for (int i = 0; i < n; i++) {
                    f[i] = Float16.toFloat((short) int32s.get(i));
                }
                return Value.floatConst(name, shape, f);
            }
            case INT64:
                check(int64s.size(), n, where);
                return Value.intConst(name, shape, int64s.toArray());
            default: {
                check(int32s.size(), n, where);
                long[] v = int32s.toArray();
                for (int i = 0; i < n; i++) {
                    v[i] = (int) v[i];
                }
                return Value.intConst(name, shape, v);
            }
        }
    }

    private static Value fromRaw(int dataType, int[] shape, ByteBuffer b, int n, String name) {
        switch (dataType) {
            case FLOAT: {
                float[] f = new float[n];
                b.asFloatBuffer().get(f);
                return Value.floatConst(name, shape, f);
            }
            case DOUBLE: {
                float[] f = new float[n];
                for (int i = 0; i < n; i++) {
                    f[i] = (float) b.getDouble();
                }
                return Value.floatConst(name, shape, f);
            }
            case FLOAT16: {
                float[] f = new float[n];
                for (int i = 0; i < n; i++) {
                    f[i] = Float16.toFloat(b.getShort());
                }
                return Value.floatConst(name, shape, f);
            }
            default: {
                long[] v = new long[n];
                for (int i = 0; i < n; i++) {
                    switch (dataType) {
                        case INT64: v[i] = b.getLong(); break;
                        case INT32: v[i] = b.getInt(); break;
                        case INT16: v[i] = b.getShort(); break;
                        case UINT16: v[i] = b.getShort() & 0xffff; break;
                        case INT8: v[i] = b.get(); break;
                        default: v[i] = b.get() & 0xff; break;
                    }
                }
                return Value.intConst(name, shape, v);
            }
        }
    }

    static int elementSize(int dataType) {
        switch (dataType) {
            case FLOAT: case INT32: return 4;
            case INT64: case DOUBLE: return 8;
            case FLOAT16: case INT16: case UINT16: return 2;
            case INT8: case UINT8: case BOOL: return 1;
            default: return -1;
        }
    }

    private static float[] exact(float[] v, int have, int n, String where) throws ConversionException {
        check(have, n, where);
        return v;
    }

    private static void check(int have, int n, String where) throws ConversionException {
        if (have != n) {
            throw new ConversionException(where + ": holds " + have + " values, its dims need " + n);
        }
    }
}
