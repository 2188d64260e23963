package io.blurfilter.engine.kernels;

import io.blurfilter.engine.graph.OpType;
import io.blurfilter.engine.runtime.Layer;
import io.blurfilter.engine.runtime.LayerSpec;

/**
 * Elementwise Add/Sub/Mul/Div with numpy broadcasting. Each operand gets per-dim strides (0 where it
 * is broadcast); the last dim is the inner loop, the outer dims give each row's offsets.
 */
final class Broadcast implements Layer {
    private final OpType op;
    private final Operand a;
    private final Operand b;
    private final int out;
    private final int[] shape;
    private final int[] strideA;
    private final int[] strideB;
    private final int count;

    Broadcast(LayerSpec spec) {
        this.op = spec.node.op();
        this.a = Operand.of(spec, 0);
        this.b = Operand.of(spec, 1);
        this.out = spec.outputSlot;
        this.shape = spec.outputShape.length == 0 ? new int[] {1} : spec.outputShape;
        this.strideA = strides(spec.inputShape(0), shape);
        this.strideB = strides(spec.inputShape(1), shape);
        this.count = Math.toIntExact(io.blurfilter.engine.Shapes.elementCount(shape));
    }

    /** Strides of {@code in} aligned right against {@code out}, 0 on broadcast dims. */
    static int[] strides(int[] in, int[] out) {
        int[] s = new int[out.length];
        int stride = 1;
        for (int i = out.length - 1; i >= 0; i--) {
            int j = i - (out.length - in.length);
            int dim = j >= 0 ? in[j] : 1;
            s[i] = dim == 1 ? 0 : stride;
            stride *= dim;
        }
        return s;
    }

    @Override
    public void forward(float[][] slots) {
        float[] x = a.get(slots);
        float[] z = b.get(slots);
        float[] y = slots[out];
        int rank = shape.length;
        int inner = shape[rank - 1];
        int rows = count / inner;
        for (int r = 0; r < rows; r++) {
            // offsets of this output row in each operand, from its index in the outer dims
            int rest = r;
            int offA = 0;
            int offB = 0;
            for (int d = rank - 2; d >= 0; d--) {
                int index = rest % shape[d];
                rest /= shape[d];
                offA += index * strideA[d];
                offB += index * strideB[d];
            }
            apply(x, offA, strideA[rank - 1], z, offB, strideB[rank - 1], y, r * inner, inner);
        }
    }

    private void apply(float[] x, int ia, int sa, float[] z, int ib, int sb, float[] y, int o, int n) {
        switch (op) {
            case ADD:
                for (int i = 0; i < n; i++) {
                    y[o + i] = x[ia + i * sa] + z[ib + i * sb];
                }
                break;
            case SUB:
                for (int i = 0; i < n; i++) {
                    y[o + i] = x[ia + i * sa] - z[ib + i * sb];
                }
                break;
            case MUL:
                for (int i = 0; i < n; i++) {
                    y[o + i] = x[ia + i * sa] * z[ib + i * sb];
                }
                break;
            default:
                for (int i = 0; i < n; i++) {
                    y[o + i] = x[ia + i * sa] / z[ib + i * sb];
                }
        }
    }
}
