package io.blurfilter.converter.paddle;

import io.blurfilter.converter.ConversionException;
import io.blurfilter.converter.lower.Dims;
import io.blurfilter.converter.lower.GraphBuilder;
import io.blurfilter.converter.lower.Value;
import io.blurfilter.engine.graph.OpType;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Lowers Paddle ops (legacy ProgramDesc and PIR alike, see {@link PaddleOp}) into the engine graph.
 * Semantics follow Paddle's inference kernels; the traps of reference §0 live here: dropout
 * downgrade_in_infer scales by (1 - p), hardsigmoid slope/offset come from the op, Linear weights are
 * [in, out] (Gemm transB = 0), elementwise {@code axis} broadcasting.
 */
final class PaddleLowering {
    private final GraphBuilder b;

    PaddleLowering(GraphBuilder builder) {
        this.b = builder;
    }

    void lower(PaddleOp op) throws ConversionException {
        switch (op.type) {
            case "conv2d":
            case "depthwise_conv2d":
                define(op, conv(op));
                break;
            case "batch_norm":
            case "batch_norm_":
                define(op, batchNorm(op));
                break;
            case "relu":
            case "relu_":
                define(op, b.unary(OpType.RELU, op.hint, x(op), op.where));
                break;
            case "relu6":
            case "relu6_":
                define(op, relu6(op));
                break;
            case "hard_swish":
            case "hardswish":
            case "hardswish_":
                define(op, hardSwish(op));
                break;
            case "hard_sigmoid":
            case "hardsigmoid":
            case "hardsigmoid_":
                define(op, hardSigmoid(op));
                break;
            case "sigmoid":
            case "sigmoid_":
                define(op, b.unary(OpType.SIGMOID, op.hint, x(op), op.where));
                break;
            case "softmax":
            case "softmax_":
                define(op, softmax(op));
                break;
            case "scale":
            case "scale_":
                define(op, scale(op));
                break;
            case "pool2d":
                define(op, pool(op));
                break;
            case "reshape2":
            case "reshape":
            case "reshape_":
                define(op, reshape(op));
                break;
            case "elementwise_add":
            case "elementwise_mul":
            case "elementwise_sub":
            case "elementwise_div":
                define(op, legacyElementwise(op));
                break;
            case "add":
            case "add_":
            case "multiply":
            case "multiply_":
            case "subtract":
            case "subtract_":
            case "divide":
            case "divide_":
                define(op, b.binary(binaryOp(op.type), op.hint, value(op, "X"), value(op, "Y"), op.where));
                break;
            case "dropout":
                define(op, dropout(op));
                break;
            case "flatten_contiguous_range":
            case "flatten":
            case "flatten_":
                define(op, flatten(op));
                break;
            case "matmul_v2":
            case "matmul":
                define(op, matmul(op));
                break;
            case "mul":
                define(op, fluidMul(op));
                break;
            case "assign":
            case "share_data":
            case "share_data_":
                define(op, x(op));
                break;
            default:
                throw new ConversionException(op.where + ": unsupported op type '" + op.type + "'");
        }
    }

    private void define(PaddleOp op, Value v) throws ConversionException {
        if (op.output == null) {
            throw new ConversionException(op.where + ": op has no output");
        }
        b.define(op.output, v);
    }

    private Value x(PaddleOp op) throws ConversionException {
        return value(op, "X");
    }

    private Value value(PaddleOp op, String slot) throws ConversionException {
        return b.get(op.requiredInput(slot), op.where);
    }

    private Value conv(PaddleOp op) throws ConversionException {
        checkLayout(op, "data_format");
        Value x = value(op, "Input");
        Value w = value(op, "Filter");
        String biasName = op.input("Bias");
        Value bias = biasName == null ? null : b.get(biasName, op.where);
        if (op.input("ResidualData") != null) {
            throw new ConversionException(op.where + ": unsupported input 'ResidualData'");
        }
        int[] strides = pair(op, "strides", 1);
        int[] dilations = pair(op, "dilations", 1);
        int groups = op.attrInt("groups", 1);
        if (w.rank() != 4 || x.rank() != 4) {
            throw new ConversionException(op.where + ": conv input " + Dims.text(x.shape()) + " / filter "
                    + Dims.text(w.shape()) + " are not 4-D");
        }
        int[] pads = convPads(op, x.shape(), w.shape(), strides, dilations);
        return b.conv(op.hint, x, w, bias, strides, pads, dilations, groups, op.where);
    }

    /** Engine pads (top, left, bottom, right) from Paddle's paddings + padding_algorithm. */
    private static int[] convPads(PaddleOp op, int[] x, int[] w, int[] strides, int[] dilations)
            throws ConversionException {
        String algorithm = op.attrString("padding_algorithm", "EXPLICIT");
        switch (algorithm) {
            case "EXPLICIT":
                return explicitPads(op);
            case "VALID":
                return new int[4];
            case "SAME": {
                int[] pads = new int[4];
                for (int axis = 0; axis < 2; axis++) {
                    int size = x[2 + axis];
                    if (size < 0) {
                        throw new ConversionException(op.where + ": padding_algorithm=SAME needs a static input size,"
                                + " input is " + Dims.text(x));
                    }
                    int kernel = (w[2 + axis] - 1) * dilations[axis] + 1;
                    int out = (size + strides[axis] - 1) / strides[axis];
                    int total = Math.max((out - 1) * strides[axis] + kernel - size, 0);
                    pads[axis] = total / 2;
                    pads[axis + 2] = total - total / 2;
                }
                return pads;
            }
            default:
                throw op.unsupported("padding_algorithm", algorithm);
        }
    }

    /** paddings [h, w] or [top, bottom, left, right] ⇒ (top, left, bottom, right). */
    private static int[] explicitPads(PaddleOp op) throws ConversionException {
        int[] p = op.attrInts("paddings", 0, 0);
        if (p.length == 2) {
            return new int[] {p[0], p[1], p[0], p[1]};
        }
        if (p.length == 4) {
            return new int[] {p[0], p[2], p[1], p[3]};
        }
        throw op.unsupported("paddings", Arrays.toString(p));
    }

    private static int[] pair(PaddleOp op, String attr, int fallback) throws ConversionException {
        int[] v = op.attrInts(attr, fallback, fallback);
        if (v.length == 1) {
            return new int[] {v[0], v[0]};
        }
        if (v.length != 2) {
            throw op.unsupported(attr, Arrays.toString(v));
        }
        return v;
    }

    private static void checkLayout(PaddleOp op, String attr) throws ConversionException {
        String layout = op.attrString(attr, "NCHW");
        if (!layout.equals("NCHW") && !layout.equals("AnyLayout")) {
            throw op.unsupported(attr, layout);
        }
    }

    private Value batchNorm(PaddleOp op) throws ConversionException {
        checkLayout(op, "data_layout");
        checkLayout(op, "data_format");
        boolean isTest = op.attrBool("is_test", false);
        boolean globalStats = op.attrBool("use_global_stats", false);
        if (!isTest && !globalStats) {
            throw new ConversionException(op.where + ": batch norm in training mode (is_test=false,"
                    + " use_global_stats=false) is not supported");
        }
        if (op.attrBool("trainable_statistics", false)) {
            throw op.unsupported("trainable_statistics", true);
        }
        return b.batchNorm(op.hint, x(op), value(op, "Scale"), value(op, "Bias"), value(op, "Mean"),
                value(op, "Variance"), op.attrFloat("epsilon", 1e-5f), op.where);
    }

    private Value relu6(PaddleOp op) throws ConversionException {
        float threshold = op.attrFloat("threshold", 6f);
        if (threshold == 6f) {
            return b.unary(OpType.RELU6, op.hint, x(op), op.where);
        }
        return b.clip(op.hint, x(op), 0f, threshold, op.where);
    }

    private Value hardSwish(PaddleOp op) throws ConversionException {
        float threshold = op.attrFloat("threshold", 6f);
        float scale = op.attrFloat("scale", 6f);
        float offset = op.attrFloat("offset", 3f);
        if (threshold != 6f || scale != 6f || offset != 3f) {
            throw new ConversionException(op.where + ": unsupported attributes threshold=" + threshold + ", scale="
                    + scale + ", offset=" + offset + " (only hardswish 6/6/3 is supported)");
        }
        return b.unary(OpType.HARD_SWISH, op.hint, x(op), op.where);
    }

    private Value hardSigmoid(PaddleOp op) throws ConversionException {
        // Legacy fluid default slope is 0.2; the value actually used is always stored in the op (§0.2).
        return b.hardSigmoid(op.hint, x(op), op.attrFloat("slope", 0.2f), op.attrFloat("offset", 0.5f), op.where);
    }

    private Value softmax(PaddleOp op) throws ConversionException {
        checkLayout(op, "data_format");
        return b.softmax(op.hint, x(op), op.attrInt("axis", -1), op.where);
    }

    private Value scale(PaddleOp op) throws ConversionException {
        if (op.input("ScaleTensor") != null || op.input("BiasTensor") != null) {
            throw new ConversionException(op.where + ": scale with a ScaleTensor/BiasTensor input is not supported");
        }
        Value x = x(op);
        float s;
        if (op.input("Scale") != null) {
            s = scalar(op, b.get(op.input("Scale"), op.where), "scale");
        } else {
            s = op.attrFloat("scale", 1f);
        }
        float bias = op.attrFloat("bias", 0f);
        boolean after = op.attrBool("bias_after_scale", true);
        return b.scale(op.hint, x, s, after ? bias : bias * s, op.where);
    }

    private static float scalar(PaddleOp op, Value v, String what) throws ConversionException {
        if (!v.isConstant() || v.size() != 1) {
            throw new ConversionException(op.where + ": " + what + " must be a one-element constant");
        }
        return v.floats()[0];
    }

    private Value pool(PaddleOp op) throws ConversionException {
        checkLayout(op, "data_format");
        Value x = x(op);
        String type = op.attrString("pooling_type", "max");
        boolean avg = type.equals("avg");
        if (!avg && !type.equals("max")) {
            throw op.unsupported("pooling_type", type);
        }
        int[] kernel = kernelSize(op);
        boolean global = op.attrBool("global_pooling", false);
        boolean adaptive = op.attrBool("adaptive", false);
        int[] s = x.shape();
        if (x.rank() != 4) {
            throw new ConversionException(op.where + ": pool input " + Dims.text(s) + " is not 4-D");
        }
        if (global || (adaptive && kernel[0] == 1 && kernel[1] == 1)) {
            if (avg) {
                return b.globalAveragePool(op.hint, x, op.where);
            }
            if (s[2] < 0 || s[3] < 0) {
                throw new ConversionException(op.where + ": global max pooling needs a static input size");
            }
            return b.pool(OpType.MAX_POOL, op.hint, x, new int[] {s[2], s[3]}, new int[] {1, 1}, new int[4], false,
                    false, op.where);
        }
        if (adaptive) {
            // Adaptive pooling equals a plain one only where the output evenly divides the input.
            if (s[2] < 0 || s[3] < 0 || s[2] % kernel[0] != 0 || s[3] % kernel[1] != 0) {
                throw new ConversionException(op.where + ": unsupported attribute adaptive=true with output size "
                        + Arrays.toString(kernel) + " on input " + Dims.text(s));
            }
            int[] k = {s[2] / kernel[0], s[3] / kernel[1]};
            return b.pool(avg ? OpType.AVERAGE_POOL : OpType.MAX_POOL, op.hint, x, k, k, new int[4], false, false,
                    op.where);
        }
        int[] strides = pair(op, "strides", 1);
        String algorithm = op.attrString("padding_algorithm", "EXPLICIT");
        int[] pads;
        if (algorithm.equals("EXPLICIT")) {
            pads = explicitPads(op);
        } else if (algorithm.equals("VALID")) {
            pads = new int[4];
        } else {
            throw op.unsupported("padding_algorithm", algorithm);
        }
        boolean exclusive = op.attrBool("exclusive", true);
        return b.pool(avg ? OpType.AVERAGE_POOL : OpType.MAX_POOL, op.hint, x, kernel, strides, pads,
                op.attrBool("ceil_mode", false), !exclusive, op.where);
    }

    /** Legacy attribute ksize, or PIR's kernel_size operand (a full_int_array constant). */
    private int[] kernelSize(PaddleOp op) throws ConversionException {
        int[] k;
        if (op.input("KernelSize") != null) {
            k = intsOf(op, b.get(op.input("KernelSize"), op.where), "kernel_size");
        } else {
            k = op.attrInts("ksize");
        }
        if (k.length == 1) {
            k = new int[] {k[0], k[0]};
        }
        if (k.length != 2) {
            throw op.unsupported("ksize", Arrays.toString(k));
        }
        return k;
    }

    private static int[] intsOf(PaddleOp op, Value v, String what) throws ConversionException {
        if (v.kind() != Value.Kind.INT_CONST) {
            throw new ConversionException(op.where + ": " + what + " must be a constant integer array");
        }
        long[] l = v.ints();
        int[] out = new int[l.length];
        for (int i = 0; i < l.length; i++) {
            if (l[i] < Integer.MIN_VALUE || l[i] > Integer.MAX_VALUE) {
                throw new ConversionException(op.where + ": " + what + " value out of range: " + l[i]);
            }
            out[i] = (int) l[i];
        }
        return out;
    }

    private Value reshape(PaddleOp op) throws ConversionException {
        Value x = x(op);
        if (op.input("ShapeTensor") != null) {
            throw new ConversionException(op.where + ": reshape with a ShapeTensor input is not supported");
        }
        long[] spec;
        if (op.input("Shape") != null) {
            Value shape = b.get(op.input("Shape"), op.where);
            if (shape.kind() != Value.Kind.INT_CONST) {
                throw new ConversionException(op.where + ": reshape target must be a constant integer array");
            }
            spec = shape.ints().clone();
        } else {
            spec = op.attrLongs("shape");
        }
        return b.reshape(op.hint, x, spec, op.where);
    }

    /** Legacy elementwise ops: Y's dims align with X's starting at {@code axis} (-1: right-aligned). */
    private Value legacyElementwise(PaddleOp op) throws ConversionException {
        Value x = x(op);
        Value y = value(op, "Y");
        int axis = op.attrInt("axis", -1);
        if (axis != -1 && y.rank() < x.rank()) {
            if (axis < 0 || axis + y.rank() > x.rank()) {
                throw op.unsupported("axis", axis + " for shapes " + Dims.text(x.shape()) + ", " + Dims.text(y.shape()));
            }
            int[] aligned = new int[x.rank() - axis];
            Arrays.fill(aligned, 1);
            System.arraycopy(y.shape(), 0, aligned, 0, y.rank());
            y = b.reshapeTo(op.hint + "_aligned", y, aligned, op.where);
        }
        String kind = op.type.substring("elementwise_".length());
        return b.binary(binaryOp(kind), op.hint, x, y, op.where);
    }

    private static OpType binaryOp(String kind) {
        switch (kind.replace("_", "")) {
            case "add": return OpType.ADD;
            case "mul": case "multiply": return OpType.MUL;
            case "sub": case "subtract": return OpType.SUB;
            default: return OpType.DIV;
        }
    }

    private Value dropout(PaddleOp op) throws ConversionException {
        Value x = x(op);
        String mode = op.has("dropout_implementation") ? op.attrString("dropout_implementation", "")
                : op.attrString("mode", "downgrade_in_infer");
        if (op.has("is_test") && !op.attrBool("is_test", true)) {
            throw op.unsupported("is_test", false);
        }
        float p;
        if (op.input("P") != null) {
            p = scalar(op, b.get(op.input("P"), op.where), "dropout probability");
        } else {
            p = op.attrFloat("dropout_prob", 0.5f);
        }
        if (!(p >= 0 && p <= 1)) {
            throw op.unsupported("dropout_prob", p);
        }
        switch (mode.toLowerCase(Locale.ROOT)) {
            case "downgrade_in_infer":
            case "downscale_in_infer":
                // Paddle keeps training-time magnitudes and scales down at inference (trap §0.1).
                return b.scale(op.hint, x, 1f - p, 0f, op.where);
            case "upscale_in_train":
                return x;
            default:
                throw op.unsupported(op.has("mode") ? "mode" : "dropout_implementation", mode);
        }
    }

    private Value flatten(PaddleOp op) throws ConversionException {
        Value x = x(op);
        int rank = x.rank();
        int start = op.attrInt("start_axis", 1);
        int stop = op.attrInt("stop_axis", -1);
        if (start < 0) {
            start += rank;
        }
        if (stop < 0) {
            stop += rank;
        }
        if (start < 0 || stop >= rank || start > stop) {
            throw op.unsupported("start_axis/stop_axis", start + "/" + stop + " for rank " + rank);
        }
        if (stop == rank - 1) {
            return b.flatten(op.hint, x, start, op.where);
        }
        int[] s = x.shape();
        int[] target = new int[rank - (stop - start)];
        int k = 0;
        for (int i = 0; i < start; i++) {
            target[k++] = s[i];
        }
        int merged = 1;
        for (int i = start; i <= stop; i++) {
            merged = Dims.times(merged, s[i]);
        }
        target[k++] = merged;
        for (int i = stop + 1; i < rank; i++) {
            target[k++] = s[i];
        }
        return b.reshapeTo(op.hint, x, target, op.where);
    }

    private Value matmul(PaddleOp op) throws ConversionException {
        boolean v1 = op.has("transpose_X") || op.has("alpha");
        boolean transX = op.attrBool("trans_x", op.attrBool("transpose_x", op.attrBool("transpose_X", false)));
        boolean transY = op.attrBool("trans_y", op.attrBool("transpose_y", op.attrBool("transpose_Y", false)));
        float alpha = v1 ? op.attrFloat("alpha", 1f) : 1f;
        if (transX) {
            throw op.unsupported(op.has("trans_x") ? "trans_x" : op.has("transpose_x") ? "transpose_x" : "transpose_X",
                    true);
        }
        for (String attr : op.attrs.keySet()) {
            // Legacy oneDNN fusion attributes: non-empty ones would reshape/transpose around the product.
            if (attr.startsWith("fused_") && !(op.attrList(attr) != null && op.attrList(attr).isEmpty())) {
                throw op.unsupported(attr, op.attrs.get(attr));
            }
        }
        if (op.attrInt("head_number", 1) != 1) {
            throw op.unsupported("head_number", op.attrs.get("head_number"));
        }
        Value x = x(op);
        Value y = value(op, "Y");
        if (x.rank() != 2) {
            throw new ConversionException(op.where + ": matmul input " + Dims.text(x.shape())
                    + " is not 2-D (only fully connected layers are supported)");
        }
        // Paddle Linear stores W as [in, out] and computes x @ W (trap §0.3): Gemm with transB = 0.
        return b.gemm(op.hint, x, y, null, transY, alpha, 1f, op.where);
    }

    /** Old fluid fc: mul(x, W[in, out]) with x flattened at x_num_col_dims. */
    private Value fluidMul(PaddleOp op) throws ConversionException {
        int xCols = op.attrInt("x_num_col_dims", 1);
        int yCols = op.attrInt("y_num_col_dims", 1);
        if (xCols != 1 || yCols != 1) {
            throw op.unsupported("x_num_col_dims/y_num_col_dims", xCols + "/" + yCols);
        }
        Value x = x(op);
        if (x.rank() != 2) {
            x = b.flatten(op.hint + "_flatten", x, 1, op.where);
        }
        return b.gemm(op.hint, x, value(op, "Y"), null, false, 1f, 1f, op.where);
    }

    static List<String> supportedTypes() {
        return List.of("conv2d", "depthwise_conv2d", "batch_norm", "relu", "relu6", "hard_swish", "hard_sigmoid",
                "sigmoid", "softmax", "scale", "pool2d", "reshape2", "elementwise_add/mul/sub/div", "dropout",
                "flatten_contiguous_range", "matmul", "matmul_v2", "mul");
    }
}
