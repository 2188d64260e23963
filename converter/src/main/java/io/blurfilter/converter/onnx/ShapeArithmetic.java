package io.blurfilter.converter.onnx;

import io.blurfilter.converter.ConversionException;
import io.blurfilter.converter.lower.Dims;
import io.blurfilter.converter.lower.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Conversion-time evaluation of the ops exporters use to compute shapes (Gather, Slice, Concat, Cast,
 * Unsqueeze/Squeeze, Transpose of a constant). Integer constants may carry dynamic dims as symbols
 * ({@link Dims}); those move through gathers and concatenations untouched, and any arithmetic on them
 * is refused by the constant folder.
 */
final class ShapeArithmetic {
    /** A dynamic dim of unknown origin read by Shape: never a valid reshape entry. */
    static final long UNTRACEABLE = Long.MIN_VALUE;

    private ShapeArithmetic() {}

    static Value gather(Value data, Value indices, int axis, String where) throws ConversionException {
        if (!data.isConstant() || data.rank() != 1 || axis != 0) {
            throw new ConversionException(where + ": Gather is supported only on 1-D constants (shape values)"
                    + ", axis 0; data is " + Dims.text(data.shape()));
        }
        if (indices.kind() != Value.Kind.INT_CONST || indices.rank() > 1) {
            throw new ConversionException(where + ": Gather indices must be a constant scalar or 1-D integer tensor");
        }
        int n = data.size();
        long[] idx = indices.ints();
        long[] ints = data.kind() == Value.Kind.INT_CONST ? data.ints() : null;
        float[] floats = ints == null ? data.floats() : null;
        long[] outI = new long[idx.length];
        float[] outF = new float[idx.length];
        for (int i = 0; i < idx.length; i++) {
            long k = idx[i] < 0 ? idx[i] + n : idx[i];
            if (k < 0 || k >= n) {
                throw new ConversionException(where + ": Gather index " + idx[i] + " out of range for " + n);
            }
            if (ints != null) {
                outI[i] = ints[(int) k];
            } else {
                outF[i] = floats[(int) k];
            }
        }
        int[] shape = indices.shape();
        return ints != null ? Value.intConst(data.sourceName(), shape, outI)
                : Value.floatConst(data.sourceName(), shape, outF);
    }

    static Value slice(Value data, long[] starts, long[] ends, long[] axes, long[] steps, String where)
            throws ConversionException {
        if (data.kind() != Value.Kind.INT_CONST || data.rank() != 1) {
            throw new ConversionException(where + ": Slice is supported only on 1-D integer constants (shape values)");
        }
        if (starts.length != 1 || ends.length != 1 || (axes != null && (axes.length != 1 || (axes[0] != 0
                && axes[0] != -1))) || (steps != null && steps.length != 1)) {
            throw new ConversionException(where + ": unsupported Slice parameters on a 1-D shape value");
        }
        long step = steps == null ? 1 : steps[0];
        if (step == 0) {
            throw new ConversionException(where + ": Slice step 0");
        }
        long n = data.size();
        long start = clampIndex(starts[0], n, step > 0);
        long end = clampIndex(ends[0], n, step > 0);
        List<Long> out = new ArrayList<>();
        for (long i = start; step > 0 ? i < end : i > end; i += step) {
            out.add(data.ints()[(int) i]);
            if (out.size() > n) {
                break;
            }
        }
        return Value.intConst(data.sourceName(), new int[] {out.size()},
                out.stream().mapToLong(Long::longValue).toArray());
    }

    private static long clampIndex(long i, long n, boolean forward) {
        if (i < 0) {
            i += n;
        }
        return forward ? Math.max(0, Math.min(n, i)) : Math.max(-1, Math.min(n - 1, i));
    }

    static Value concat(Value[] parts, long axis, String name, String where) throws ConversionException {
        long total = 0;
        boolean anyFloat = false;
        for (Value p : parts) {
            if (!p.isConstant() || p.rank() != 1) {
                throw new ConversionException(where + ": Concat is supported only on 1-D constants (shape values)");
            }
            anyFloat |= p.kind() == Value.Kind.FLOAT_CONST;
            total += p.size();
        }
        if (axis != 0 && axis != -1) {
            throw new ConversionException(where + ": unsupported attribute axis=" + axis);
        }
        if (total > 64) {
            throw new ConversionException(where + ": Concat of " + total + " values is not a shape value");
        }
        if (anyFloat) {
            float[] out = new float[(int) total];
            int k = 0;
            for (Value p : parts) {
                for (float f : p.floats()) {
                    out[k++] = f;
                }
            }
            return Value.floatConst(name, new int[] {out.length}, out);
        }
        long[] out = new long[(int) total];
        int k = 0;
        for (Value p : parts) {
            for (long v : p.ints()) {
                out[k++] = v;
            }
        }
        return Value.intConst(name, new int[] {out.length}, out);
    }

    /** Cast between float and integer constants; on computed values only float→float (identity). */
    static Value cast(Value x, int to, String where) throws ConversionException {
        boolean toFloat = to == OnnxTensor.FLOAT || to == OnnxTensor.DOUBLE || to == OnnxTensor.FLOAT16;
        boolean toInt = to == OnnxTensor.INT64 || to == OnnxTensor.INT32;
        if (!toFloat && !toInt) {
            throw new ConversionException(where + ": unsupported attribute to=" + to);
        }
        if (x.isTensor()) {
            if (toFloat && to == OnnxTensor.FLOAT) {
                return x;
            }
            throw new ConversionException(where + ": Cast of a computed tensor to type " + to + " is not supported");
        }
        if (toInt) {
            if (x.kind() == Value.Kind.INT_CONST) {
                return x;
            }
            float[] f = x.floats();
            long[] out = new long[f.length];
            for (int i = 0; i < f.length; i++) {
                out[i] = (long) f[i];
            }
            return Value.intConst(x.sourceName(), x.shape(), out);
        }
        if (x.kind() == Value.Kind.INT_CONST) {
            for (long v : x.ints()) {
                if (v <= Dims.SYMBOL_BASE) {
                    throw new ConversionException(where + ": Cast of a dynamic dimension to float is not supported");
                }
            }
        }
        return Value.floatConst(x.sourceName(), x.shape(), x.floats());
    }

    static Value transpose2d(Value x, long[] perm, String where) throws ConversionException {
        if (x.kind() != Value.Kind.FLOAT_CONST || x.rank() != 2) {
            throw new ConversionException(where + ": Transpose is supported only on 2-D float constants (weights)");
        }
        if (Arrays.equals(perm, new long[] {0, 1})) {
            return x;
        }
        if (!Arrays.equals(perm, new long[] {1, 0})) {
            throw new ConversionException(where + ": unsupported attribute perm=" + Arrays.toString(perm));
        }
        int[] s = x.shape();
        float[] in = x.floats();
        float[] out = new float[in.length];
        for (int i = 0; i < s[0]; i++) {
            for (int j = 0; j < s[1]; j++) {
                out[j * s[0] + i] = in[i * s[1] + j];
            }
        }
        return Value.floatConst(x.sourceName(), new int[] {s[1], s[0]}, out);
    }

    static int[] unsqueezedShape(int[] s, long[] axes, String where) throws ConversionException {
        if (axes == null) {
            throw new ConversionException(where + ": Unsqueeze without axes");
        }
        int rank = s.length + axes.length;
        if (rank > 8) {
            throw new ConversionException(where + ": rank too large");
        }
        boolean[] inserted = new boolean[rank];
        for (long a : axes) {
            long k = a < 0 ? a + rank : a;
            if (k < 0 || k >= rank || inserted[(int) k]) {
                throw new ConversionException(where + ": unsupported attribute axes=" + Arrays.toString(axes));
            }
            inserted[(int) k] = true;
        }
        int[] out = new int[rank];
        int j = 0;
        for (int i = 0; i < rank; i++) {
            out[i] = inserted[i] ? 1 : s[j++];
        }
        return out;
    }

    static int[] squeezedShape(int[] s, long[] axes, String where) throws ConversionException {
        boolean[] drop = new boolean[s.length];
        if (axes == null) {
            for (int i = 0; i < s.length; i++) {
                if (s[i] < 0) {
                    throw new ConversionException(where + ": Squeeze without axes on a dynamic shape");
                }
                drop[i] = s[i] == 1;
            }
        } else {
            for (long a : axes) {
                long k = a < 0 ? a + s.length : a;
                if (k < 0 || k >= s.length || s[(int) k] != 1) {
                    throw new ConversionException(where + ": cannot squeeze axis " + a + " of " + Dims.text(s));
                }
                drop[(int) k] = true;
            }
        }
        int[] out = new int[s.length];
        int j = 0;
        for (int i = 0; i < s.length; i++) {
            if (!drop[i]) {
                out[j++] = s[i];
            }
        }
        return Arrays.copyOf(out, j);
    }
}
