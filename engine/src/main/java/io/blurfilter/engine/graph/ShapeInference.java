package io.blurfilter.engine.graph;

import io.blurfilter.engine.Shapes;
import io.blurfilter.engine.Tensor;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Computes every value's shape for one concrete input shape and checks each op's operands agree.
 * Assumes {@link GraphValidator} has passed. Problems are {@link IllegalArgumentException}s naming
 * the node.
 */
public final class ShapeInference {
    private ShapeInference() {}

    /** Shapes of every value (weights included) for the given concrete input shape. */
    public static Map<String, int[]> infer(Graph g, int[] inputShape) {
        int[] declared = g.inputShape();
        if (inputShape.length != declared.length) {
            throw new IllegalArgumentException("input rank " + inputShape.length + " does not match the model's "
                    + Arrays.toString(declared));
        }
        for (int i = 0; i < declared.length; i++) {
            if (inputShape[i] < 1 || inputShape[i] > GraphValidator.MAX_DIM
                    || (declared[i] != -1 && declared[i] != inputShape[i])) {
                throw new IllegalArgumentException("input shape " + Arrays.toString(inputShape)
                        + " does not fit the model's " + Arrays.toString(declared));
            }
        }
        Map<String, int[]> shapes = new HashMap<>();
        for (Map.Entry<String, Tensor> w : g.weights().entrySet()) {
            shapes.put(w.getKey(), w.getValue().shape());
        }
        shapes.put(g.inputName(), inputShape.clone());
        for (Node n : g.nodes()) {
            int[][] in = new int[n.inputs().size()][];
            for (int i = 0; i < in.length; i++) {
                in[i] = shapes.get(n.input(i));
            }
            int[] out;
            try {
                out = outputShape(n, in);
                checkSize(out);
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new IllegalArgumentException("node '" + n.name() + "' (" + n.op() + "): " + e.getMessage(), e);
            }
            shapes.put(n.output(), out);
        }
        return shapes;
    }

    private static void checkSize(int[] shape) {
        for (int d : shape) {
            if (d < 1 || d > GraphValidator.MAX_DIM) {
                throw new IllegalArgumentException("produces an invalid shape " + Arrays.toString(shape));
            }
        }
        if (Shapes.elementCount(shape) > GraphValidator.MAX_ELEMENTS) {
            throw new IllegalArgumentException("produces a tensor too large: " + Arrays.toString(shape));
        }
    }

    static int[] outputShape(Node n, int[][] in) {
        Attributes a = n.attributes();
        int[] x = in[0];
        switch (n.op()) {
            case CONV:
                return conv(a, x, in[1], in.length > 2 ? in[2] : null);
            case BATCH_NORM: {
                requireRankAtLeast(x, 2);
                for (int i = 1; i < 5; i++) {
                    requireVector(in[i], x[1], "batch norm parameter " + i);
                }
                return x.clone();
            }
            case RELU: case RELU6: case HARD_SWISH: case HARD_SIGMOID: case SIGMOID: case CLIP:
            case SCALE: case IDENTITY: case LOG:
                return x.clone();
            case RESIZE: {
                requireRank(x, 4);
                int[] f = a.ints("scales");
                return new int[] {x[0], x[1], Math.multiplyExact(x[2], f[0]), Math.multiplyExact(x[3], f[1])};
            }
            case ADD: case MUL: case SUB: case DIV:
                return broadcast(x, in[1]);
            case GLOBAL_AVERAGE_POOL:
                requireRank(x, 4);
                return new int[] {x[0], x[1], 1, 1};
            case MAX_POOL: case AVERAGE_POOL:
                return pool(a, x);
            case FLATTEN: {
                int axis = a.intValue("axis", 1);
                if (axis < 0 || axis > x.length) {
                    throw new IllegalArgumentException("flatten axis " + axis + " out of range for rank " + x.length);
                }
                long outer = 1;
                for (int i = 0; i < axis; i++) {
                    outer *= x[i];
                }
                long inner = Shapes.elementCount(x) / outer;
                return new int[] {Math.toIntExact(outer), Math.toIntExact(inner)};
            }
            case RESHAPE:
                return reshape(a.ints("shape"), x);
            case GEMM:
                return gemm(a, x, in[1], in.length > 2 ? in[2] : null);
            case SOFTMAX: {
                int axis = a.intValue("axis", -1);
                if (axis < -x.length || axis >= x.length) {
                    throw new IllegalArgumentException("softmax axis " + axis + " out of range for rank " + x.length);
                }
                return x.clone();
            }
            default:
                throw new IllegalArgumentException("no shape rule");
        }
    }

    private static int[] conv(Attributes a, int[] x, int[] w, int[] b) {
        requireRank(x, 4);
        requireRank(w, 4);
        int group = a.intValue("group", 1);
        int[] s = a.ints("strides", 1, 1);
        int[] p = a.ints("pads", 0, 0, 0, 0);
        int[] d = a.ints("dilations", 1, 1);
        if (group < 1 || x[1] % group != 0 || w[0] % group != 0 || w[1] * group != x[1]) {
            throw new IllegalArgumentException("weight " + Arrays.toString(w) + " with group " + group
                    + " does not fit input " + Arrays.toString(x));
        }
        if (b != null) {
            requireVector(b, w[0], "bias");
        }
        int h = window(x[2], w[2], s[0], p[0], p[2], d[0], false);
        int wd = window(x[3], w[3], s[1], p[1], p[3], d[1], false);
        return new int[] {x[0], w[0], h, wd};
    }

    private static int[] pool(Attributes a, int[] x) {
        requireRank(x, 4);
        int[] k = a.ints("kernel");
        int[] s = a.ints("strides", 1, 1);
        int[] p = a.ints("pads", 0, 0, 0, 0);
        boolean ceil = a.intValue("ceil_mode", 0) != 0;
        if (p[0] >= k[0] || p[2] >= k[0] || p[1] >= k[1] || p[3] >= k[1]) {
            throw new IllegalArgumentException("pool padding must be smaller than the kernel");
        }
        return new int[] {x[0], x[1], window(x[2], k[0], s[0], p[0], p[2], 1, ceil),
            window(x[3], k[1], s[1], p[1], p[3], 1, ceil)};
    }

    /**
     * Output length of a sliding window (conv or pool) along one axis; ceil mode never starts a window
     * inside the end padding. Throws IllegalArgumentException when the window does not fit.
     */
    public static int window(int size, int kernel, int stride, int padBegin, int padEnd, int dilation, boolean ceil) {
        if (kernel < 1 || stride < 1 || dilation < 1 || padBegin < 0 || padEnd < 0 || kernel > GraphValidator.MAX_DIM
                || stride > GraphValidator.MAX_DIM || dilation > GraphValidator.MAX_DIM
                || padBegin > GraphValidator.MAX_DIM || padEnd > GraphValidator.MAX_DIM) {
            throw new IllegalArgumentException("invalid kernel/stride/padding/dilation");
        }
        long span = (long) dilation * (kernel - 1) + 1;
        long room = (long) size + padBegin + padEnd - span;
        if (room < 0) {
            throw new IllegalArgumentException("kernel " + span + " larger than padded input " + size);
        }
        long out = (ceil ? (room + stride - 1) / stride : room / stride) + 1;
        if (ceil && (out - 1) * stride >= (long) size + padBegin) {
            out--;
        }
        return Math.toIntExact(out);
    }

    private static int[] gemm(Attributes a, int[] x, int[] w, int[] b) {
        requireRank(x, 2);
        requireRank(w, 2);
        boolean transB = a.intValue("transB", 0) != 0;
        int k = transB ? w[1] : w[0];
        int n = transB ? w[0] : w[1];
        if (x[1] != k) {
            throw new IllegalArgumentException("input " + Arrays.toString(x) + " does not fit weight "
                    + Arrays.toString(w) + (transB ? " (transB)" : ""));
        }
        if (b != null && Shapes.elementCount(b) != n && Shapes.elementCount(b) != 1) {
            throw new IllegalArgumentException("bias " + Arrays.toString(b) + " does not fit " + n + " outputs");
        }
        return new int[] {x[0], n};
    }

    static int[] reshape(int[] spec, int[] x) {
        if (spec.length < 1 || spec.length > 6) {
            throw new IllegalArgumentException("reshape to rank " + spec.length + " unsupported");
        }
        long total = Shapes.elementCount(x);
        int[] out = new int[spec.length];
        int infer = -1;
        long known = 1;
        for (int i = 0; i < spec.length; i++) {
            int v = spec[i];
            if (v == 0) {
                if (i >= x.length) {
                    throw new IllegalArgumentException("reshape copies dim " + i + " of a rank-" + x.length + " input");
                }
                v = x[i];
            }
            if (v == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException("reshape has more than one -1");
                }
                infer = i;
                continue;
            }
            if (v < 1) {
                throw new IllegalArgumentException("reshape dim " + v + " invalid");
            }
            out[i] = v;
            known = Math.multiplyExact(known, (long) v); // (long, int) is missing on Android
        }
        if (infer >= 0) {
            if (total % known != 0) {
                throw new IllegalArgumentException("cannot reshape " + Arrays.toString(x) + " to " + Arrays.toString(spec));
            }
            out[infer] = Math.toIntExact(total / known);
        } else if (known != total) {
            throw new IllegalArgumentException("cannot reshape " + Arrays.toString(x) + " to " + Arrays.toString(spec));
        }
        return out;
    }

    /** Numpy broadcasting of two shapes. */
    public static int[] broadcast(int[] x, int[] y) {
        int rank = Math.max(x.length, y.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int dx = i - (rank - x.length) >= 0 ? x[i - (rank - x.length)] : 1;
            int dy = i - (rank - y.length) >= 0 ? y[i - (rank - y.length)] : 1;
            if (dx != dy && dx != 1 && dy != 1) {
                throw new IllegalArgumentException("shapes " + Arrays.toString(x) + " and " + Arrays.toString(y)
                        + " do not broadcast");
            }
            out[i] = Math.max(dx, dy);
        }
        return out;
    }

    private static void requireRank(int[] s, int rank) {
        if (s.length != rank) {
            throw new IllegalArgumentException("expects rank " + rank + ", got " + Arrays.toString(s));
        }
    }

    private static void requireRankAtLeast(int[] s, int rank) {
        if (s.length < rank) {
            throw new IllegalArgumentException("expects rank >= " + rank + ", got " + Arrays.toString(s));
        }
    }

    private static void requireVector(int[] s, int n, String what) {
        if (Shapes.elementCount(s) != n) {
            throw new IllegalArgumentException(what + " " + Arrays.toString(s) + " should hold " + n + " values");
        }
    }
}
