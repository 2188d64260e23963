package io.blurfilter.engine;

import java.util.Arrays;

/**
 * A dense float32 tensor in row-major order (NCHW for images). The shape is copied; the data array is
 * shared, so callers that hand a tensor to the engine must not change it while it runs.
 */
public final class Tensor {
    private final int[] shape;
    private final float[] data;

    public Tensor(int[] shape, float[] data) {
        this.shape = shape.clone();
        long n = Shapes.elementCount(this.shape);
        if (n != data.length) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " holds " + n + " values but data has " + data.length);
        }
        this.data = data;
    }

    /** A tensor of zeros. */
    public static Tensor zeros(int... shape) {
        long n = Shapes.elementCount(shape);
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("tensor too large: " + Arrays.toString(shape));
        }
        return new Tensor(shape, new float[(int) n]);
    }

    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int axis) {
        return shape[axis];
    }

    /** The backing array (not a copy). */
    public float[] data() {
        return data;
    }

    public int size() {
        return data.length;
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape);
    }
}
