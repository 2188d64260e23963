package io.blurfilter.engine.graph;

import java.util.Locale;

/**
 * The operators the engine runs. The file name of each is its ONNX-style spelling ({@link #fileName()}).
 * Arity is checked on load: {@code minInputs..maxInputs} inputs and exactly one output.
 */
public enum OpType {
    /** inputs (x, W[out, in/group, kh, kw], optional B[out]); attrs strides, pads(t,l,b,r), dilations, group, activation. */
    CONV("Conv", 2, 3),
    /** inputs (x, scale, bias, mean, var); attr epsilon. Folded into a preceding Conv when possible. */
    BATCH_NORM("BatchNorm", 5, 5),
    RELU("Relu", 1, 1),
    RELU6("Relu6", 1, 1),
    HARD_SWISH("HardSwish", 1, 1),
    /** y = clip(alpha*x + beta, 0, 1); attrs alpha, beta (no default: always read from the source model). */
    HARD_SIGMOID("HardSigmoid", 1, 1),
    SIGMOID("Sigmoid", 1, 1),
    /** Natural log, elementwise; IEEE for non-positive inputs (log 0 = -Infinity, log of a negative = NaN). */
    LOG("Log", 1, 1),
    /** y = clip(x, min, max); attrs min, max. */
    CLIP("Clip", 1, 1),
    /** Elementwise with numpy broadcasting. */
    ADD("Add", 2, 2),
    /** Elementwise with numpy broadcasting (covers squeeze-excitation channel scaling). */
    MUL("Mul", 2, 2),
    /** Elementwise with numpy broadcasting. */
    SUB("Sub", 2, 2),
    /** Elementwise with numpy broadcasting. */
    DIV("Div", 2, 2),
    /**
     * Upsampling of H and W by integer factors; attrs scales(fh,fw), mode (linear|nearest). Output pixel
     * j reads input position j/f (ONNX coordinate_transformation_mode asymmetric), clamped at the last
     * input pixel; nearest takes floor(j/f).
     */
    RESIZE("Resize", 1, 1),
    GLOBAL_AVERAGE_POOL("GlobalAveragePool", 1, 1),
    /** attrs kernel(kh,kw), strides, pads(t,l,b,r), ceil_mode (0/1). Padding never wins the max. */
    MAX_POOL("MaxPool", 1, 1),
    /** attrs kernel, strides, pads, count_include_pad (0/1), ceil_mode. */
    AVERAGE_POOL("AveragePool", 1, 1),
    /** attr axis: [d0..d(axis-1)] x [rest]. */
    FLATTEN("Flatten", 1, 1),
    /** attr shape (0 copies the input dim, one -1 is inferred). */
    RESHAPE("Reshape", 1, 1),
    /** y = alpha * x @ op(W) + beta * B; attrs transB (0: W[in,out], 1: W[out,in]), alpha, beta. x is 2-D. */
    GEMM("Gemm", 2, 3),
    /** attr axis (negative counts from the end). */
    SOFTMAX("Softmax", 1, 1),
    /** y = x * scale + bias (scalars); attrs scale, bias. */
    SCALE("Scale", 1, 1),
    IDENTITY("Identity", 1, 1);

    private final String fileName;
    private final int minInputs;
    private final int maxInputs;

    OpType(String fileName, int minInputs, int maxInputs) {
        this.fileName = fileName;
        this.minInputs = minInputs;
        this.maxInputs = maxInputs;
    }

    public String fileName() {
        return fileName;
    }

    public int minInputs() {
        return minInputs;
    }

    public int maxInputs() {
        return maxInputs;
    }

    /** The op with this file name, or null. */
    public static OpType fromFileName(String name) {
        for (OpType t : values()) {
            if (t.fileName.equals(name)) {
                return t;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return fileName;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
