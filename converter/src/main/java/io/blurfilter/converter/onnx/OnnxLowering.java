package io.blurfilter.converter.onnx;

import io.blurfilter.converter.ConversionException;
import io.blurfilter.converter.lower.Dims;
import io.blurfilter.converter.lower.GraphBuilder;
import io.blurfilter.converter.lower.Value;
import io.blurfilter.engine.graph.OpType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Lowers ONNX nodes (default domain) into the engine graph. Shape subgraphs
 * (Shape/Gather/Slice/Concat/Cast/Unsqueeze/Squeeze) are evaluated at conversion time on integer
 * constants whose dynamic entries are symbols, so a flatten spelled as Shape→…→Reshape becomes one
 * engine Reshape with 0/-1. Any attribute value the engine cannot honour is refused by name.
 */
final class OnnxLowering {
    private final GraphBuilder b;
    private final long opset;

    OnnxLowering(GraphBuilder builder, long opset) {
        this.b = builder;
        this.opset = opset;
    }

    void lower(OnnxModel.Node n, String where) throws ConversionException {
        if (!n.domain.isEmpty() && !n.domain.equals("ai.onnx")) {
            throw new ConversionException(where + ": unsupported op domain '" + n.domain + "'");
        }
        if (n.outputs.isEmpty() || n.outputs.get(0).isEmpty()) {
            throw new ConversionException(where + ": node has no output");
        }
        String hint = n.outputs.get(0);
        Value out;
        switch (n.opType) {
            case "Constant":
                out = constant(n, where);
                break;
            case "Identity":
                allowed(n, where);
                out = in(n, 0, where);
                break;
            case "Dropout":
                out = dropout(n, where);
                break;
            case "Conv":
                out = conv(n, hint, where);
                break;
            case "BatchNormalization":
                out = batchNorm(n, hint, where);
                break;
            case "Relu":
                allowed(n, where);
                out = b.unary(OpType.RELU, hint, in(n, 0, where), where);
                break;
            case "Sigmoid":
                allowed(n, where);
                out = b.unary(OpType.SIGMOID, hint, in(n, 0, where), where);
                break;
            case "HardSwish":
                allowed(n, where);
                out = b.unary(OpType.HARD_SWISH, hint, in(n, 0, where), where);
                break;
            case "HardSigmoid":
                allowed(n, where, "alpha", "beta");
                out = b.hardSigmoid(hint, in(n, 0, where), floatAttr(n, "alpha", 0.2f, where),
                        floatAttr(n, "beta", 0.5f, where), where);
                break;
            case "Clip":
                out = clip(n, hint, where);
                break;
            case "Add":
            case "Mul":
            case "Sub":
            case "Div":
                allowed(n, where);
                out = b.binary(OpType.fromFileName(n.opType), hint, in(n, 0, where), in(n, 1, where), where);
                break;
            case "Log":
                allowed(n, where);
                out = b.unary(OpType.LOG, hint, in(n, 0, where), where);
                break;
            case "Resize":
                out = OnnxResize.lower(b, opset, n, hint, where);
                break;
            case "GlobalAveragePool":
                allowed(n, where);
                out = b.globalAveragePool(hint, in(n, 0, where), where);
                break;
            case "ReduceMean":
                out = reduceMean(n, hint, where);
                break;
            case "MaxPool":
            case "AveragePool":
                out = pool(n, hint, where);
                break;
            case "Flatten":
                allowed(n, where, "axis");
                out = b.flatten(hint, in(n, 0, where), (int) intAttr(n, "axis", 1, where), where);
                break;
            case "Reshape":
                out = reshape(n, hint, where);
                break;
            case "Shape":
                out = shape(n, where);
                break;
            case "Gather":
                out = ShapeArithmetic.gather(in(n, 0, where), in(n, 1, where), (int) intAttr(n, "axis", 0, where),
                        where);
                allowed(n, where, "axis");
                break;
            case "Slice":
                out = slice(n, where);
                break;
            case "Concat":
                allowed(n, where, "axis");
                out = concat(n, where);
                break;
            case "Cast":
                allowed(n, where, "to", "saturate");
                out = ShapeArithmetic.cast(in(n, 0, where), (int) intAttr(n, "to", -1, where), where);
                break;
            case "Unsqueeze":
            case "Squeeze":
                out = squeeze(n, hint, where);
                break;
            case "Transpose":
                allowed(n, where, "perm");
                out = ShapeArithmetic.transpose2d(in(n, 0, where), n.attributes.containsKey("perm")
                        ? n.attributes.get("perm").ints : new long[] {1, 0}, where);
                break;
            case "Gemm":
                out = gemm(n, hint, where);
                break;
            case "MatMul":
                allowed(n, where);
                out = matmul(n, hint, where);
                break;
            case "Softmax":
                out = softmax(n, hint, where);
                break;
            default:
                throw new ConversionException(where + ": unsupported op type '" + n.opType + "'");
        }
        b.define(n.outputs.get(0), out);
    }

    // ------------------------------------------------------------------ ops

    private Value constant(OnnxModel.Node n, String where) throws ConversionException {
        if (n.attributes.size() != 1) {
            throw new ConversionException(where + ": Constant needs exactly one value attribute");
        }
        OnnxModel.Attribute a = n.attributes.values().iterator().next();
        String name = n.outputs.get(0);
        switch (a.name) {
            case "value":
                if (a.t == null) {
                    throw new ConversionException(where + ": attribute 'value' holds no tensor");
                }
                return a.t.kind() == Value.Kind.FLOAT_CONST ? Value.floatConst(name, a.t.shape(), a.t.floats())
                        : Value.intConst(name, a.t.shape(), a.t.ints());
            case "value_float":
                return Value.floatConst(name, new int[0], new float[] {a.f});
            case "value_floats":
                return Value.floatConst(name, new int[] {a.floats.length}, a.floats);
            case "value_int":
                return Value.intConst(name, new int[0], new long[] {a.i});
            case "value_ints":
                return Value.intConst(name, new int[] {a.ints.length}, a.ints);
            default:
                throw new ConversionException(where + ": unsupported attribute '" + a.name + "'");
        }
    }

    private Value dropout(OnnxModel.Node n, String where) throws ConversionException {
        allowed(n, where, "ratio", "seed", "is_test");
        // Inference dropout is the identity in ONNX, unless training_mode (input 2) is set.
        if (n.inputs.size() > 2 && !n.inputs.get(2).isEmpty()) {
            Value mode = b.get(n.inputs.get(2), where);
            if (!mode.isConstant() || mode.size() != 1 || mode.floats()[0] != 0f) {
                throw new ConversionException(where + ": unsupported input training_mode (must be a constant false)");
            }
        }
        if (n.attributes.containsKey("is_test") && n.attributes.get("is_test").i == 0) {
            throw new ConversionException(where + ": unsupported attribute is_test=0 (training-mode dropout)");
        }
        return in(n, 0, where);
    }

    private Value conv(OnnxModel.Node n, String hint, String where) throws ConversionException {
        allowed(n, where, "auto_pad", "dilations", "group", "kernel_shape", "pads", "strides");
        Value x = in(n, 0, where);
        Value w = in(n, 1, where);
        Value bias = optionalIn(n, 2, where);
        if (x.rank() != 4 || w.rank() != 4) {
            throw new ConversionException(where + ": only 2-D convolution (NCHW) is supported; input "
                    + Dims.text(x.shape()) + ", weight " + Dims.text(w.shape()));
        }
        int[] ws = w.shape();
        int[] kernel = ints(n, "kernel_shape", new int[] {ws[2], ws[3]}, 2, where);
        if (kernel[0] != ws[2] || kernel[1] != ws[3]) {
            throw new ConversionException(where + ": attribute 'kernel_shape' " + Arrays.toString(kernel)
                    + " does not match the weight " + Dims.text(ws));
        }
        int[] strides = ints(n, "strides", new int[] {1, 1}, 2, where);
        int[] dilations = ints(n, "dilations", new int[] {1, 1}, 2, where);
        int[] pads = autoPads(n, x.shape(), kernel, strides, dilations, where);
        return b.conv(hint, x, w, bias, strides, pads, dilations, (int) intAttr(n, "group", 1, where), where);
    }

    /** ONNX pads are [top, left, bottom, right] like the engine's; auto_pad SAME_* needs static sizes. */
    private int[] autoPads(OnnxModel.Node n, int[] x, int[] kernel, int[] strides, int[] dilations, String where)
            throws ConversionException {
        String autoPad = stringAttr(n, "auto_pad", "NOTSET", where);
        switch (autoPad) {
            case "NOTSET":
                return ints(n, "pads", new int[4], 4, where);
            case "VALID":
                return new int[4];
            case "SAME_UPPER":
            case "SAME_LOWER": {
                int[] pads = new int[4];
                for (int axis = 0; axis < 2; axis++) {
                    int size = x[2 + axis];
                    if (size < 0) {
                        throw new ConversionException(where + ": attribute auto_pad=" + autoPad
                                + " needs a static input size; the input is " + Dims.text(x));
                    }
                    int span = (kernel[axis] - 1) * dilations[axis] + 1;
                    int out = (size + strides[axis] - 1) / strides[axis];
                    int total = Math.max((out - 1) * strides[axis] + span - size, 0);
                    int small = total / 2;
                    boolean upper = autoPad.equals("SAME_UPPER");
                    pads[axis] = upper ? small : total - small;
                    pads[axis + 2] = upper ? total - small : small;
                }
                return pads;
            }
            default:
                throw new ConversionException(where + ": unsupported attribute auto_pad=" + autoPad);
        }
    }

    private Value batchNorm(OnnxModel.Node n, String hint, String where) throws ConversionException {
        allowed(n, where, "epsilon", "momentum", "training_mode", "spatial", "is_test", "consumed_inputs");
        if (intAttr(n, "training_mode", 0, where) != 0) {
            throw new ConversionException(where + ": unsupported attribute training_mode=1");
        }
        if (intAttr(n, "spatial", 1, where) != 1) {
            throw new ConversionException(where + ": unsupported attribute spatial=0");
        }
        if (n.attributes.containsKey("is_test") && intAttr(n, "is_test", 1, where) == 0) {
            throw new ConversionException(where + ": unsupported attribute is_test=0 (training mode)");
        }
        // Only output 0 is defined; a node reading the running-stat outputs fails as undefined.
        return b.batchNorm(hint, in(n, 0, where), in(n, 1, where), in(n, 2, where), in(n, 3, where), in(n, 4, where),
                floatAttr(n, "epsilon", 1e-5f, where), where);
    }

    private Value clip(OnnxModel.Node n, String hint, String where) throws ConversionException {
        float min;
        float max;
        if (opset < 11) {
            allowed(n, where, "min", "max");
            min = floatAttr(n, "min", Float.NEGATIVE_INFINITY, where);
            max = floatAttr(n, "max", Float.POSITIVE_INFINITY, where);
        } else {
            allowed(n, where);
            min = scalarInput(n, 1, Float.NEGATIVE_INFINITY, where);
            max = scalarInput(n, 2, Float.POSITIVE_INFINITY, where);
        }
        return b.clip(hint, in(n, 0, where), min, max, where);
    }

    private Value reduceMean(OnnxModel.Node n, String hint, String where) throws ConversionException {
        allowed(n, where, "axes", "keepdims", "noop_with_empty_axes");
        Value x = in(n, 0, where);
        long[] axes = n.attributes.containsKey("axes") ? n.attributes.get("axes").ints
                : n.inputs.size() > 1 && !n.inputs.get(1).isEmpty() ? intsOf(in(n, 1, where), "axes", where) : null;
        if (axes == null || x.rank() != 4) {
            throw new ConversionException(where + ": only ReduceMean over H and W of an NCHW tensor is supported");
        }
        Set<Long> set = new HashSet<>();
        for (long a : axes) {
            set.add(a < 0 ? a + 4 : a);
        }
        if (!set.equals(Set.of(2L, 3L))) {
            throw new ConversionException(where + ": unsupported attribute axes=" + Arrays.toString(axes)
                    + " (only [2, 3] is supported)");
        }
        Value pooled = b.globalAveragePool(hint + (intAttr(n, "keepdims", 1, where) == 0 ? "_pool" : ""), x, where);
        if (intAttr(n, "keepdims", 1, where) == 0) {
            return b.flatten(hint, pooled, 1, where);
        }
        return pooled;
    }

    private Value pool(OnnxModel.Node n, String hint, String where) throws ConversionException {
        boolean max = n.opType.equals("MaxPool");
        if (max) {
            allowed(n, where, "auto_pad", "ceil_mode", "dilations", "kernel_shape", "pads", "storage_order", "strides");
            if (intAttr(n, "storage_order", 0, where) != 0) {
                throw new ConversionException(where + ": unsupported attribute storage_order=1");
            }
        } else {
            allowed(n, where, "auto_pad", "ceil_mode", "count_include_pad", "dilations", "kernel_shape", "pads",
                    "strides");
        }
        Value x = in(n, 0, where);
        if (x.rank() != 4) {
            throw new ConversionException(where + ": only 2-D pooling (NCHW) is supported");
        }
        if (!n.attributes.containsKey("kernel_shape")) {
            throw new ConversionException(where + ": missing attribute kernel_shape");
        }
        int[] kernel = ints(n, "kernel_shape", null, 2, where);
        int[] strides = ints(n, "strides", new int[] {1, 1}, 2, where);
        int[] dilations = ints(n, "dilations", new int[] {1, 1}, 2, where);
        if (dilations[0] != 1 || dilations[1] != 1) {
            throw new ConversionException(where + ": unsupported attribute dilations=" + Arrays.toString(dilations)
                    + " (dilated pooling)");
        }
        int[] pads = autoPads(n, x.shape(), kernel, strides, dilations, where);
        return b.pool(max ? OpType.MAX_POOL : OpType.AVERAGE_POOL, hint, x, kernel, strides, pads,
                intAttr(n, "ceil_mode", 0, where) != 0, intAttr(n, "count_include_pad", 0, where) != 0, where);
    }

    private Value reshape(OnnxModel.Node n, String hint, String where) throws ConversionException {
        allowed(n, where, "allowzero", "shape");
        Value x = in(n, 0, where);
        long[] spec = n.attributes.containsKey("shape") ? n.attributes.get("shape").ints
                : intsOf(in(n, 1, where), "shape", where);
        if (intAttr(n, "allowzero", 0, where) != 0) {
            for (long v : spec) {
                if (v == 0) {
                    throw new ConversionException(where + ": unsupported attribute allowzero=1 with a 0 in the shape");
                }
            }
        }
        return b.reshape(hint, x, spec, where);
    }

    private Value shape(OnnxModel.Node n, String where) throws ConversionException {
        allowed(n, where, "start", "end");
        int[] s = in(n, 0, where).shape();
        int r = s.length;
        long start = intAttr(n, "start", 0, where);
        long end = intAttr(n, "end", r, where);
        start = Math.max(0, Math.min(r, start < 0 ? start + r : start));
        end = Math.max(0, Math.min(r, end < 0 ? end + r : end));
        int len = (int) Math.max(0, end - start);
        long[] dims = new long[len];
        for (int i = 0; i < len; i++) {
            int d = s[(int) start + i];
            // Untraceable dynamic dims are poisoned so that no later op mistakes them for a -1.
            dims[i] = d == Dims.UNKNOWN ? ShapeArithmetic.UNTRACEABLE : d;
        }
        return Value.intConst(n.outputs.get(0), new int[] {len}, dims);
    }

    private Value slice(OnnxModel.Node n, String where) throws ConversionException {
        long[] starts;
        long[] ends;
        long[] axes = null;
        long[] steps = null;
        if (opset < 10) {
            allowed(n, where, "starts", "ends", "axes");
            starts = longsAttr(n, "starts", where);
            ends = longsAttr(n, "ends", where);
            if (n.attributes.containsKey("axes")) {
                axes = n.attributes.get("axes").ints;
            }
        } else {
            allowed(n, where);
            starts = intsOf(in(n, 1, where), "starts", where);
            ends = intsOf(in(n, 2, where), "ends", where);
            Value a = optionalIn(n, 3, where);
            Value s = optionalIn(n, 4, where);
            axes = a == null ? null : intsOf(a, "axes", where);
            steps = s == null ? null : intsOf(s, "steps", where);
        }
        return ShapeArithmetic.slice(in(n, 0, where), starts, ends, axes, steps, where);
    }

    private Value concat(OnnxModel.Node n, String where) throws ConversionException {
        Value[] parts = new Value[n.inputs.size()];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = in(n, i, where);
        }
        return ShapeArithmetic.concat(parts, intAttr(n, "axis", 0, where), n.outputs.get(0), where);
    }

    private Value squeeze(OnnxModel.Node n, String hint, String where) throws ConversionException {
        allowed(n, where, "axes");
        Value x = in(n, 0, where);
        long[] axes = n.attributes.containsKey("axes") ? n.attributes.get("axes").ints
                : n.inputs.size() > 1 && !n.inputs.get(1).isEmpty() ? intsOf(in(n, 1, where), "axes", where) : null;
        int[] target = n.opType.equals("Unsqueeze") ? ShapeArithmetic.unsqueezedShape(x.shape(), axes, where)
                : ShapeArithmetic.squeezedShape(x.shape(), axes, where);
        return b.reshapeTo(hint, x, target, where);
    }

    private Value gemm(OnnxModel.Node n, String hint, String where) throws ConversionException {
        allowed(n, where, "alpha", "beta", "transA", "transB");
        if (intAttr(n, "transA", 0, where) != 0) {
            throw new ConversionException(where + ": unsupported attribute transA=1");
        }
        return b.gemm(hint, in(n, 0, where), in(n, 1, where), optionalIn(n, 2, where),
                intAttr(n, "transB", 0, where) != 0, floatAttr(n, "alpha", 1f, where), floatAttr(n, "beta", 1f, where),
                where);
    }

    private Value matmul(OnnxModel.Node n, String hint, String where) throws ConversionException {
        Value x = in(n, 0, where);
        Value w = in(n, 1, where);
        if (x.rank() != 2 || w.rank() != 2 || !w.isConstant()) {
            throw new ConversionException(where + ": only MatMul of a 2-D input by a constant 2-D weight is supported"
                    + " (input " + Dims.text(x.shape()) + ", weight " + Dims.text(w.shape()) + ")");
        }
        return b.gemm(hint, x, w, null, false, 1f, 1f, where);
    }

    private Value softmax(OnnxModel.Node n, String hint, String where) throws ConversionException {
        allowed(n, where, "axis");
        Value x = in(n, 0, where);
        int r = x.rank();
        long axis = intAttr(n, "axis", opset < 13 ? 1 : -1, where);
        if (axis < -r || axis >= r) {
            throw new ConversionException(where + ": attribute axis=" + axis + " out of range for rank " + r);
        }
        int a = (int) (axis < 0 ? axis + r : axis);
        if (opset < 13) {
            // Before opset 13, Softmax flattens [axis:] into one dim; that is a softmax over `axis` only
            // when every later dim is 1.
            int[] s = x.shape();
            for (int i = a + 1; i < r; i++) {
                if (s[i] != 1) {
                    throw new ConversionException(where + ": unsupported attribute axis=" + axis + " with opset "
                            + opset + " (coerces dims " + Dims.text(s) + " to 2-D)");
                }
            }
        }
        return b.softmax(hint, x, a, where);
    }

    // ------------------------------------------------------------------ helpers

    private Value in(OnnxModel.Node n, int i, String where) throws ConversionException {
        if (i >= n.inputs.size() || n.inputs.get(i).isEmpty()) {
            throw new ConversionException(where + ": missing input " + i);
        }
        return b.get(n.inputs.get(i), where);
    }

    private Value optionalIn(OnnxModel.Node n, int i, String where) throws ConversionException {
        if (i >= n.inputs.size() || n.inputs.get(i).isEmpty()) {
            return null;
        }
        return b.get(n.inputs.get(i), where);
    }

    private float scalarInput(OnnxModel.Node n, int i, float fallback, String where) throws ConversionException {
        Value v = optionalIn(n, i, where);
        if (v == null) {
            return fallback;
        }
        if (!v.isConstant() || v.size() != 1) {
            throw new ConversionException(where + ": input " + i + " must be a one-element constant");
        }
        return v.floats()[0];
    }

    private static long[] intsOf(Value v, String what, String where) throws ConversionException {
        if (v.kind() != Value.Kind.INT_CONST || v.rank() > 1) {
            throw new ConversionException(where + ": " + what + " must be a constant 1-D integer tensor");
        }
        return v.ints().clone();
    }

    /** Refuses attributes the lowering does not know, so none is silently ignored. */
    static void allowed(OnnxModel.Node n, String where, String... names) throws ConversionException {
        List<String> ok = Arrays.asList(names);
        for (OnnxModel.Attribute a : n.attributes.values()) {
            if (!ok.contains(a.name)) {
                throw new ConversionException(where + ": unsupported attribute '" + a.name + "'");
            }
            if (a.refAttrName != null || a.hasGraph) {
                throw new ConversionException(where + ": attribute '" + a.name + "' is a reference or a graph");
            }
        }
    }

    static long intAttr(OnnxModel.Node n, String name, long fallback, String where)
            throws ConversionException {
        OnnxModel.Attribute a = n.attributes.get(name);
        if (a == null) {
            return fallback;
        }
        if (!a.hasI && a.type != 2) {
            throw new ConversionException(where + ": attribute '" + name + "' should be an integer");
        }
        return a.i;
    }

    private static float floatAttr(OnnxModel.Node n, String name, float fallback, String where)
            throws ConversionException {
        OnnxModel.Attribute a = n.attributes.get(name);
        if (a == null) {
            return fallback;
        }
        if (!a.hasF && a.type != 1) {
            throw new ConversionException(where + ": attribute '" + name + "' should be a float");
        }
        return a.f;
    }

    static String stringAttr(OnnxModel.Node n, String name, String fallback, String where)
            throws ConversionException {
        OnnxModel.Attribute a = n.attributes.get(name);
        if (a == null) {
            return fallback;
        }
        if (a.s == null) {
            throw new ConversionException(where + ": attribute '" + name + "' should be a string");
        }
        return new String(a.s, StandardCharsets.UTF_8);
    }

    private static long[] longsAttr(OnnxModel.Node n, String name, String where) throws ConversionException {
        OnnxModel.Attribute a = n.attributes.get(name);
        if (a == null) {
            throw new ConversionException(where + ": missing attribute '" + name + "'");
        }
        return a.ints;
    }

    private static int[] ints(OnnxModel.Node n, String name, int[] fallback, int count, String where)
            throws ConversionException {
        OnnxModel.Attribute a = n.attributes.get(name);
        if (a == null) {
            return fallback.clone();
        }
        if (a.ints.length != count) {
            throw new ConversionException(where + ": unsupported attribute " + name + "=" + Arrays.toString(a.ints)
                    + " (expected " + count + " values)");
        }
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            if (a.ints[i] < 0 || a.ints[i] > Dims.MAX_DIM) {
                throw new ConversionException(where + ": attribute '" + name + "' value " + a.ints[i] + " invalid");
            }
            out[i] = (int) a.ints[i];
        }
        return out;
    }
}
