package io.blurfilter.converter.lower;

import java.util.Arrays;

/**
 * What a source-model value is during lowering: a computed tensor (an engine value name), a float
 * constant (weights, folded constants) or an integer constant (shapes, axes, indices).
 *
 * <p>Shapes use {@link Dims} conventions: concrete dims are positive, {@link Dims#UNKNOWN} is a
 * dynamic dim nobody can trace, and values at or below {@link Dims#SYMBOL_BASE} name a dynamic dim of
 * the graph input (so that a batch size read by {@code Shape} can be written back as Reshape's 0).
 * Integer constants may hold such symbols as elements for the same reason.
 */
public final class Value {
    /** What kind of value this is. */
    public enum Kind { TENSOR, FLOAT_CONST, INT_CONST }

    private final Kind kind;
    private final int[] shape;
    private final String engineName;
    private final float[] floats;
    private final long[] ints;
    /** For constants: the source name, used to name the weight if it becomes one. */
    private final String sourceName;

    private Value(Kind kind, int[] shape, String engineName, float[] floats, long[] ints, String sourceName) {
        this.kind = kind;
        this.shape = shape.clone();
        this.engineName = engineName;
        this.floats = floats;
        this.ints = ints;
        this.sourceName = sourceName;
    }

    public static Value tensor(String engineName, int[] shape) {
        return new Value(Kind.TENSOR, shape, engineName, null, null, engineName);
    }

    public static Value floatConst(String sourceName, int[] shape, float[] data) {
        if (Dims.count(shape) != data.length) {
            throw new IllegalArgumentException("constant " + sourceName + " shape " + Arrays.toString(shape)
                    + " does not hold " + data.length + " values");
        }
        return new Value(Kind.FLOAT_CONST, shape, null, data, null, sourceName);
    }

    public static Value intConst(String sourceName, int[] shape, long[] data) {
        if (Dims.count(shape) != data.length) {
            throw new IllegalArgumentException("constant " + sourceName + " shape " + Arrays.toString(shape)
                    + " does not hold " + data.length + " values");
        }
        return new Value(Kind.INT_CONST, shape, null, null, data, sourceName);
    }

    public Kind kind() {
        return kind;
    }

    public boolean isTensor() {
        return kind == Kind.TENSOR;
    }

    public boolean isConstant() {
        return kind != Kind.TENSOR;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public String engineName() {
        return engineName;
    }

    /** Float constant values (not a copy); integer constants are converted. */
    public float[] floats() {
        if (kind == Kind.FLOAT_CONST) {
            return floats;
        }
        if (kind == Kind.INT_CONST) {
            float[] f = new float[ints.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = ints[i];
            }
            return f;
        }
        throw new IllegalStateException("not a constant");
    }

    /** Integer constant values (not a copy). */
    public long[] ints() {
        return ints;
    }

    public String sourceName() {
        return sourceName;
    }

    public int size() {
        return kind == Kind.FLOAT_CONST ? floats.length : kind == Kind.INT_CONST ? ints.length : -1;
    }

    @Override
    public String toString() {
        return kind + (engineName != null ? " " + engineName : " " + sourceName) + Arrays.toString(shape);
    }
}
