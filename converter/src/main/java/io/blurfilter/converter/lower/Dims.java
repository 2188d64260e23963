package io.blurfilter.converter.lower;

import io.blurfilter.converter.ConversionException;
import io.blurfilter.engine.graph.ShapeInference;
import java.util.Arrays;

/**
 * Shape helpers for lowering, where dims may be dynamic: {@link #UNKNOWN} (-1) or a symbol
 * ({@code <= SYMBOL_BASE}) naming a dynamic dim of the graph input.
 */
public final class Dims {
    public static final int UNKNOWN = -1;
    /** Symbol of graph input axis k is {@code SYMBOL_BASE - k}. */
    public static final int SYMBOL_BASE = -2;
    /** Largest concrete dim accepted (the engine's limit). */
    public static final int MAX_DIM = 1 << 20;
    /** Largest constant folded in the converter. */
    public static final long MAX_CONSTANT_ELEMENTS = 1L << 28;

    private Dims() {}

    public static boolean isConcrete(int d) {
        return d >= 0;
    }

    public static boolean allConcrete(int[] shape) {
        for (int d : shape) {
            if (d < 0) {
                return false;
            }
        }
        return true;
    }

    public static int inputSymbol(int axis) {
        return SYMBOL_BASE - axis;
    }

    /** Element count of a concrete shape; -1 when any dim is dynamic. */
    public static long count(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                return -1;
            }
            n *= d;
            if (n > MAX_CONSTANT_ELEMENTS * 16) {
                return Long.MAX_VALUE;
            }
        }
        return n;
    }

    /** Product of two dims; dynamic if either is. */
    public static int times(int a, int b) {
        if (a < 0 || b < 0) {
            return UNKNOWN;
        }
        long p = (long) a * b;
        return p > MAX_DIM * 64L ? UNKNOWN : (int) p;
    }

    /** Numpy broadcast; null when the shapes cannot broadcast. */
    public static int[] broadcast(int[] x, int[] y) {
        int rank = Math.max(x.length, y.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int a = i - (rank - x.length) >= 0 ? x[i - (rank - x.length)] : 1;
            int b = i - (rank - y.length) >= 0 ? y[i - (rank - y.length)] : 1;
            if (a == b || b == 1) {
                out[i] = a;
            } else if (a == 1) {
                out[i] = b;
            } else if (a < 0 && b > 1) {
                out[i] = b;
            } else if (b < 0 && a > 1) {
                out[i] = a;
            } else if (a < 0 && b < 0) {
                out[i] = UNKNOWN;
            } else {
                return null;
            }
        }
        return out;
    }

    /** Engine input shape: every dynamic dim becomes -1. */
    public static int[] forEngine(int[] shape) {
        int[] out = shape.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] < 0) {
                out[i] = -1;
            }
        }
        return out;
    }

    public static String text(int[] shape) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(shape[i] >= 0 ? String.valueOf(shape[i]) : "?");
        }
        return sb.append(']').toString();
    }

    /** Returned by {@link #window} when the kernel does not fit the padded input. */
    public static final int DOES_NOT_FIT = Integer.MIN_VALUE;

    /** Sliding-window output size (the engine's rule); UNKNOWN when the input size is dynamic. */
    public static int window(int size, int kernel, int stride, int padBegin, int padEnd, int dilation,
            boolean ceil) {
        if (size < 0) {
            return UNKNOWN;
        }
        try {
            return ShapeInference.window(size, kernel, stride, padBegin, padEnd, dilation, ceil);
        } catch (IllegalArgumentException e) {
            return DOES_NOT_FIT;
        }
    }

    static String toString(int[] shape) {
        return Arrays.toString(shape);
    }

    /** The dims of a filled constant (Paddle full / fill_constant), bounded so a hostile file stays small. */
    public static int[] constantShape(long[] shape, String where) throws ConversionException {
        int[] dims = new int[shape.length];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0 || shape[i] > MAX_DIM) {
                throw new ConversionException(where + ": attribute 'shape' has invalid dim " + shape[i]);
            }
            dims[i] = (int) shape[i];
            count *= shape[i];
            if (count > (1 << 24)) {
                throw new ConversionException(where + ": constant too large");
            }
        }
        return dims;
    }
}
