package io.blurfilter.converter.lower;

import io.blurfilter.converter.ConversionException;
import io.blurfilter.engine.graph.OpType;

/**
 * Evaluates elementwise arithmetic on constants at conversion time (scaled weights, shape arithmetic),
 * so the engine graph only holds ops on computed values.
 */
final class ConstantFolding {
    private ConstantFolding() {}

    static Value binary(OpType op, Value a, Value b, int[] shape, String where) throws ConversionException {
        long n = Dims.count(shape);
        if (n < 0 || n > Dims.MAX_CONSTANT_ELEMENTS) {
            throw new ConversionException(where + ": constant result " + Dims.text(shape) + " too large to fold");
        }
        int[] ia = broadcastIndex(a.shape(), shape);
        int[] ib = broadcastIndex(b.shape(), shape);
        if (a.kind() == Value.Kind.INT_CONST && b.kind() == Value.Kind.INT_CONST) {
            long[] x = a.ints();
            long[] y = b.ints();
            long[] out = new long[(int) n];
            for (int i = 0; i < out.length; i++) {
                long u = x[ia[i]];
                long v = y[ib[i]];
                if (u <= Dims.SYMBOL_BASE || v <= Dims.SYMBOL_BASE) {
                    throw new ConversionException(where + ": arithmetic on a dynamic dimension is not supported");
                }
                out[i] = intOp(op, u, v, where);
            }
            return Value.intConst(a.sourceName(), shape, out);
        }
        float[] x = a.floats();
        float[] y = b.floats();
        float[] out = new float[(int) n];
        for (int i = 0; i < out.length; i++) {
            float u = x[ia[i]];
            float v = y[ib[i]];
            switch (op) {
                case ADD: out[i] = u + v; break;
                case SUB: out[i] = u - v; break;
                case MUL: out[i] = u * v; break;
                case DIV: out[i] = u / v; break;
                default: throw new ConversionException(where + ": cannot fold " + op);
            }
        }
        return Value.floatConst(a.sourceName(), shape, out);
    }

    private static long intOp(OpType op, long u, long v, String where) throws ConversionException {
        switch (op) {
            case ADD: return u + v;
            case SUB: return u - v;
            case MUL: return u * v;
            case DIV:
                if (v == 0) {
                    throw new ConversionException(where + ": integer division by zero");
                }
                return Math.floorDiv(u, v);
            default:
                throw new ConversionException(where + ": cannot fold " + op);
        }
    }

    /** For each element of {@code out}, the flat index of the broadcast source element in {@code in}. */
    static int[] broadcastIndex(int[] in, int[] out) {
        int n = (int) Dims.count(out);
        int[] idx = new int[n];
        int rank = out.length;
        int offset = rank - in.length;
        int[] inStride = new int[rank];
        int s = 1;
        for (int i = rank - 1; i >= 0; i--) {
            int d = i >= offset ? in[i - offset] : 1;
            inStride[i] = d == 1 ? 0 : s;
            s *= d;
        }
        int[] pos = new int[rank];
        int cur = 0;
        for (int i = 0; i < n; i++) {
            idx[i] = cur;
            for (int k = rank - 1; k >= 0; k--) {
                pos[k]++;
                cur += inStride[k];
                if (pos[k] < out[k]) {
                    break;
                }
                cur -= inStride[k] * pos[k];
                pos[k] = 0;
            }
        }
        return idx;
    }
}
