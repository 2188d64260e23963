package io.blurfilter.converter.paddle;

/**
 * One tensor from a {@code .pdiparams} file: its dims, its Paddle data type and, for floating-point
 * types, the values as float32. Integer tensors (rare: quantization tables) keep {@code values == null};
 * using one as a weight is an error raised by whoever needs it.
 */
public final class ParamTensor {
    private final long[] dims;
    private final int dataType;
    private final float[] values;

    ParamTensor(long[] dims, int dataType, float[] values) {
        this.dims = dims;
        this.dataType = dataType;
        this.values = values;
    }

    public long[] dims() {
        return dims.clone();
    }

    /** Paddle {@code VarType.Type} enum value (FP32 = 5). */
    public int dataType() {
        return dataType;
    }

    public boolean isFloat() {
        return values != null;
    }

    /** The values as float32 (not a copy), or null for non-float tensors. */
    public float[] values() {
        return values;
    }
}
