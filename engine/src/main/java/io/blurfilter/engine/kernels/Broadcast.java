package io.blurfilter.engine.kernels;

import io.blurfilter.engine.graph.OpType;
import io.blurfilter.engine.runtime.Layer;
import io.blurfilter.engine.runtime.LayerSpec;

/**
 * Elementwise Add/Sub/Mul/Div with numpy broadcasting. Each operand gets per-dim strides (0 where it
 * is broadcast); the last dim is the inner loop, the outer dims give each row's offsets. Adjacent dims
 * that both operands walk contiguously (or both broadcast) are merged first, so two same-shape
 * operands are one flat loop, and the inner loops for unit and zero strides are written out, which
 * lets the JIT vectorize them (a per-element stride multiply does not).
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
        int[] full = spec.outputShape.length == 0 ? new int[] {1} : spec.outputShape;
        int[][] merged = merge(full, strides(spec.inputShape(0), full), strides(spec.inputShape(1), full));
        this.shape = merged[0];
        this.strideA = merged[1];
        this.strideB = merged[2];
        this.count = Math.toIntExact(io.blurfilter.engine.Shapes.elementCount(full));
    }

    /**
     * {shape, strideA, strideB} with size-1 dims dropped and each dim merged into the one inside it
     * when both operands step across the boundary as within the inner dim (contiguous, or broadcast).
     */
    static int[][] merge(int[] shape, int[] sa, int[] sb) {
        int rank = shape.length;
        int[] ms = new int[rank];
        int[] ma = new int[rank];
        int[] mb = new int[rank];
        int n = 0; // merged dims, innermost first
        for (int d = rank - 1; d >= 0; d--) {
            if (shape[d] == 1 && !(d == 0 && n == 0)) {
                continue;
            }
            if (n > 0 && sa[d] == ma[n - 1] * ms[n - 1] && sb[d] == mb[n - 1] * ms[n - 1]) {
                ms[n - 1] *= shape[d];
            } else {
                ms[n] = shape[d];
                ma[n] = sa[d];
                mb[n] = sb[d];
                n++;
            }
        }
        int[][] out = new int[3][n];
        for (int i = 0; i < n; i++) {
            out[0][n - 1 - i] = ms[i];
            out[1][n - 1 - i] = ma[i];
            out[2][n - 1 - i] = mb[i];
        }
        return out;
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
        if (sa == 1 && sb == 1) {
            both(x, ia, z, ib, y, o, n);
        } else if (sa == 1 && sb == 0) {
            right(x, ia, z[ib], y, o, n);
        } else if (sa == 0 && sb == 1) {
            left(x[ia], z, ib, y, o, n);
        } else {
            strided(x, ia, sa, z, ib, sb, y, o, n);
        }
    }

    private void both(float[] x, int ia, float[] z, int ib, float[] y, int o, int n) {
        switch (op) {
            case ADD -> {
                for (int i = 0; i < n; i++) {
                    y[o + i] = x[ia + i] + z[ib + i];
                }
            }
            case SUB -> {
                for (int i = 0; i < n; i++) {
                    y[o + i] = x[ia + i] - z[ib + i];
                }
            }
            case MUL -> {
                for (int i = 0; i < n; i++) {
                    y[o + i] = x[ia + i] * z[ib + i];
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    y[o + i] = x[ia + i] / z[ib + i];
                }
            }
        }
    }

    /** x[i] op c. */
    private void right(float[] x, int ia, float c, float[] y, int o, int n) {
        switch (op) {
            case ADD -> {
                for (int i = 0; i < n; i++) {
                    y[o + i] = x[ia + i] + c;
                }
            }
            case SUB -> {
                for (int i = 0; i < n; i++) {
                    y[o + i] = x[ia + i] - c;
                }
            }
            case MUL -> {
                for (int i = 0; i < n; i++) {
                    y[o + i] = x[ia + i] * c;
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    y[o + i] = x[ia + i] / c;
                }
            }
        }
    }

    /** c op z[i]. */
    private void left(float c, float[] z, int ib, float[] y, int o, int n) {
        switch (op) {
            case ADD -> {
                for (int i = 0; i < n; i++) {
                    y[o + i] = c + z[ib + i];
                }
            }
            case SUB -> {
                for (int i = 0; i < n; i++) {
                    y[o + i] = c - z[ib + i];
                }
            }
            case MUL -> {
                for (int i = 0; i < n; i++) {
                    y[o + i] = c * z[ib + i];
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    y[o + i] = c / z[ib + i];
                }
            }
        }
    }

    private void strided(float[] x, int ia, int sa, float[] z, int ib, int sb, float[] y, int o, int n) {
        switch (op) {
            case ADD -> {
                for (int i = 0; i < n; i++) {
                    y[o + i] = x[ia + i * sa] + z[ib + i * sb];
                }
            }
            case SUB -> {
                for (int i = 0; i < n; i++) {
                    y[o + i] = x[ia + i * sa] - z[ib + i * sb];
                }
            }
            case MUL -> {
                for (int i = 0; i < n; i++) {
                    y[o + i] = x[ia + i * sa] * z[ib + i * sb];
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    y[o + i] = x[ia + i * sa] / z[ib + i * sb];
                }
            }
        }
    }
}
