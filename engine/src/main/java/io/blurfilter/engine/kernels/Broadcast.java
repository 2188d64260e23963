package io.blurfilter.engine.kernels;

import io.blurfilter.engine.graph.OpType;
import io.blurfilter.engine.runtime.Layer;
import io.blurfilter.engine.runtime.LayerSpec;

/**
 * Elementwise Add/Sub/Mul/Div with numpy broadcasting. Each operand gets per-dim strides (0 where it
 * is broadcast); the last dim is the inner loop, the others are walked like an odometer.
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
        int sa = strideA[rank - 1];
        int sb = strideB[rank - 1];
        int[] index = new int[rank];
        int offA = 0;
        int offB = 0;
        int total = count;
        for (int o = 0; o < total; o += inner) {
            apply(x, offA, sa, z, offB, sb, y, o, inner);
            for (int d = rank - 2; d >= 0; d--) {
                index[d]++;
                offA += strideA[d];
                offB += strideB[d];
                if (index[d] < shape[d]) {
                    break;
                }
                offA -= strideA[d] * shape[d];
                offB -= strideB[d] * shape[d];
                index[d] = 0;
            }
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
