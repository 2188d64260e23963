package io.blurfilter.converter.paddle;

import io.blurfilter.converter.lower.Value;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Test-only reference: runs a parsed Paddle program op by op in float64 with textbook NCHW loops,
 * straight from the raw parameters. Shares nothing with the lowering or the engine, so agreement
 * between the two checks the converter's reading of the ops (slots, attributes, traps).
 */
final class NaivePaddleInterpreter {
    /** A dense float64 tensor. */
    static final class T {
        final int[] s;
        final double[] d;

        T(int[] s, double[] d) {
            this.s = s;
            this.d = d;
        }

        int n() {
            return d.length;
        }
    }

    private final PaddleProgram program;
    private final Map<String, T> values = new HashMap<>();

    NaivePaddleInterpreter(PaddleProgram program, Map<String, float[]> weights) {
        this.program = program;
        for (PaddleProgram.Parameter p : program.parameters()) {
            long[] dims = p.dims();
            int[] s = new int[dims.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = (int) dims[i];
            }
            float[] w = weights.get(p.name());
            double[] d = new double[w.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = w[i];
            }
            values.put(p.key, new T(s, d));
        }
        for (Map.Entry<String, Value> c : program.constants.entrySet()) {
            Value v = c.getValue();
            float[] f = v.floats();
            double[] d = new double[f.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = f[i];
            }
            values.put(c.getKey(), new T(v.shape(), d));
        }
    }

    /** Output of the program for one input; {@code stopBefore} names an op type to stop at (its input is returned). */
    double[] run(int[] shape, float[] input, String stopBefore) {
        double[] d = new double[input.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = input[i];
        }
        values.put(program.inputKey, new T(shape, d));
        for (PaddleOp op : program.ops) {
            if (op.type.equals(stopBefore)) {
                return in(op, "X").d;
            }
            values.put(op.output, eval(op));
        }
        return values.get(program.outputKey).d;
    }

    private T in(PaddleOp op, String slot) {
        List<String> names = op.inputs.get(slot);
        return names == null || names.isEmpty() ? null : values.get(names.get(0));
    }

    private T eval(PaddleOp op) {
        try {
            switch (op.type) {
                case "conv2d":
                case "depthwise_conv2d":
                    return conv(in(op, "Input"), in(op, "Filter"), op.attrInts("strides"), op.attrInts("paddings"),
                            op.attrInts("dilations", 1, 1), op.attrInt("groups", 1));
                case "batch_norm":
                case "batch_norm_":
                    return batchNorm(in(op, "X"), in(op, "Scale"), in(op, "Bias"), in(op, "Mean"), in(op, "Variance"),
                            op.attrDouble("epsilon", 1e-5));
                case "hard_swish":
                case "hardswish":
                    return map(in(op, "X"), x -> x * Math.min(Math.max(x + 3, 0), 6) / 6);
                case "relu":
                    return map(in(op, "X"), x -> Math.max(x, 0));
                case "relu6":
                    return map(in(op, "X"), x -> Math.min(Math.max(x, 0), 6));
                case "hard_sigmoid":
                case "hardsigmoid": {
                    double slope = op.attrDouble("slope", 0.2);
                    double offset = op.attrDouble("offset", 0.5);
                    return map(in(op, "X"), x -> Math.min(Math.max(slope * x + offset, 0), 1));
                }
                case "pool2d":
                    return globalAverage(in(op, "X"));
                case "reshape2":
                case "reshape": {
                    T x = in(op, "X");
                    T shapeOperand = in(op, "Shape");
                    long[] spec = shapeOperand != null ? toLongs(shapeOperand) : op.attrLongs("shape");
                    return new T(reshape(x.s, spec), x.d);
                }
                case "elementwise_add":
                case "elementwise_mul":
                    return binary(in(op, "X"), align(in(op, "X"), in(op, "Y"), op.attrInt("axis", -1)),
                            op.type.endsWith("add"));
                case "add":
                case "multiply":
                    return binary(in(op, "X"), in(op, "Y"), op.type.equals("add"));
                case "dropout": {
                    T p = in(op, "P");
                    double prob = p != null ? p.d[0] : op.attrDouble("dropout_prob", 0.5);
                    String mode = op.has("dropout_implementation") ? op.attrString("dropout_implementation", "")
                            : op.attrString("mode", "");
                    double f = mode.equals("upscale_in_train") ? 1 : 1 - prob;
                    return map(in(op, "X"), x -> x * f);
                }
                case "flatten_contiguous_range":
                case "flatten": {
                    T x = in(op, "X");
                    return new T(new int[] {x.s[0], x.n() / x.s[0]}, x.d);
                }
                case "matmul_v2":
                case "matmul":
                    return matmul(in(op, "X"), in(op, "Y"), op.attrBool("trans_y", op.attrBool("transpose_Y", false)),
                            op.attrDouble("alpha", 1));
                case "softmax":
                    return softmax(in(op, "X"));
                case "scale": {
                    double scale = op.attrDouble("scale", 1);
                    double bias = op.attrDouble("bias", 0);
                    return map(in(op, "X"), x -> x * scale + bias);
                }
                default:
                    throw new IllegalStateException("reference does not know " + op.type);
            }
        } catch (io.blurfilter.converter.ConversionException e) {
            throw new IllegalStateException(e);
        }
    }

    private static T map(T x, java.util.function.DoubleUnaryOperator f) {
        double[] out = new double[x.n()];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.applyAsDouble(x.d[i]);
        }
        return new T(x.s, out);
    }

    static T conv(T x, T w, int[] stride, int[] pad, int[] dil, int groups) {
        int n = x.s[0];
        int c = x.s[1];
        int h = x.s[2];
        int wd = x.s[3];
        int oc = w.s[0];
        int icg = w.s[1];
        int kh = w.s[2];
        int kw = w.s[3];
        int pt = pad[0];
        int pl = pad.length == 2 ? pad[1] : pad[2];
        int pb = pad.length == 2 ? pad[0] : pad[1];
        int pr = pad.length == 2 ? pad[1] : pad[3];
        int oh = (h + pt + pb - dil[0] * (kh - 1) - 1) / stride[0] + 1;
        int ow = (wd + pl + pr - dil[1] * (kw - 1) - 1) / stride[1] + 1;
        int ocg = oc / groups;
        double[] out = new double[n * oc * oh * ow];
        // Weight-stationary loops: one weight times a shifted input plane, accumulated into the output.
        for (int b = 0; b < n; b++) {
            for (int o = 0; o < oc; o++) {
                int g = o / ocg;
                int outBase = (b * oc + o) * oh * ow;
                for (int i = 0; i < icg; i++) {
                    int inBase = (b * c + g * icg + i) * h * wd;
                    for (int ky = 0; ky < kh; ky++) {
                        for (int kx = 0; kx < kw; kx++) {
                            double wv = w.d[((o * icg + i) * kh + ky) * kw + kx];
                            for (int y = 0; y < oh; y++) {
                                int iy = y * stride[0] - pt + ky * dil[0];
                                if (iy < 0 || iy >= h) {
                                    continue;
                                }
                                int row = inBase + iy * wd;
                                int orow = outBase + y * ow;
                                for (int xo = 0; xo < ow; xo++) {
                                    int ix = xo * stride[1] - pl + kx * dil[1];
                                    if (ix >= 0 && ix < wd) {
                                        out[orow + xo] += wv * x.d[row + ix];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return new T(new int[] {n, oc, oh, ow}, out);
    }

    private static T batchNorm(T x, T scale, T bias, T mean, T var, double eps) {
        int c = x.s[1];
        int hw = x.n() / (x.s[0] * c);
        double[] out = new double[x.n()];
        for (int i = 0; i < out.length; i++) {
            int ch = (i / hw) % c;
            out[i] = (x.d[i] - mean.d[ch]) / Math.sqrt(var.d[ch] + eps) * scale.d[ch] + bias.d[ch];
        }
        return new T(x.s, out);
    }

    private static T globalAverage(T x) {
        int nc = x.s[0] * x.s[1];
        int hw = x.n() / nc;
        double[] out = new double[nc];
        for (int i = 0; i < nc; i++) {
            double s = 0;
            for (int k = 0; k < hw; k++) {
                s += x.d[i * hw + k];
            }
            out[i] = s / hw;
        }
        return new T(new int[] {x.s[0], x.s[1], 1, 1}, out);
    }

    private static long[] toLongs(T t) {
        long[] out = new long[t.n()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (long) t.d[i];
        }
        return out;
    }

    private static int[] reshape(int[] s, long[] spec) {
        int total = 1;
        for (int d : s) {
            total *= d;
        }
        int[] out = new int[spec.length];
        int known = 1;
        int infer = -1;
        for (int i = 0; i < spec.length; i++) {
            out[i] = spec[i] == 0 ? s[i] : (int) spec[i];
            if (out[i] == -1) {
                infer = i;
            } else {
                known *= out[i];
            }
        }
        if (infer >= 0) {
            out[infer] = total / known;
        }
        return out;
    }

    /** Paddle's elementwise axis: Y's dims line up with X's from {@code axis}. */
    private static T align(T x, T y, int axis) {
        if (axis == -1 || y.s.length == x.s.length) {
            return y;
        }
        int[] s = new int[x.s.length - axis];
        java.util.Arrays.fill(s, 1);
        System.arraycopy(y.s, 0, s, 0, y.s.length);
        return new T(s, y.d);
    }

    private static T binary(T a, T b, boolean add) {
        int rank = Math.max(a.s.length, b.s.length);
        int[] s = new int[rank];
        int[] as = pad(a.s, rank);
        int[] bs = pad(b.s, rank);
        int n = 1;
        for (int i = 0; i < rank; i++) {
            s[i] = Math.max(as[i], bs[i]);
            n *= s[i];
        }
        double[] out = new double[n];
        int[] idx = new int[rank];
        for (int k = 0; k < n; k++) {
            int rem = k;
            for (int i = rank - 1; i >= 0; i--) {
                idx[i] = rem % s[i];
                rem /= s[i];
            }
            double u = a.d[offset(idx, as)];
            double v = b.d[offset(idx, bs)];
            out[k] = add ? u + v : u * v;
        }
        return new T(s, out);
    }

    private static int[] pad(int[] s, int rank) {
        int[] out = new int[rank];
        java.util.Arrays.fill(out, 1);
        System.arraycopy(s, 0, out, rank - s.length, s.length);
        return out;
    }

    private static int offset(int[] idx, int[] s) {
        int off = 0;
        for (int i = 0; i < s.length; i++) {
            off = off * s[i] + (s[i] == 1 ? 0 : idx[i]);
        }
        return off;
    }

    private static T matmul(T x, T w, boolean transY, double alpha) {
        int n = x.s[0];
        int k = x.s[1];
        int m = transY ? w.s[0] : w.s[1];
        double[] out = new double[n * m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double acc = 0;
                for (int t = 0; t < k; t++) {
                    acc += x.d[i * k + t] * (transY ? w.d[j * k + t] : w.d[t * m + j]);
                }
                out[i * m + j] = alpha * acc;
            }
        }
        return new T(new int[] {n, m}, out);
    }

    private static T softmax(T x) {
        int last = x.s[x.s.length - 1];
        double[] out = new double[x.n()];
        for (int r = 0; r < x.n() / last; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < last; i++) {
                max = Math.max(max, x.d[r * last + i]);
            }
            double sum = 0;
            for (int i = 0; i < last; i++) {
                out[r * last + i] = Math.exp(x.d[r * last + i] - max);
                sum += out[r * last + i];
            }
            for (int i = 0; i < last; i++) {
                out[r * last + i] /= sum;
            }
        }
        return new T(x.s, out);
    }
}
