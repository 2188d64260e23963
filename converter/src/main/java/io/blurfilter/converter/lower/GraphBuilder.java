package io.blurfilter.converter.lower;

import io.blurfilter.converter.ConversionException;
import io.blurfilter.engine.Tensor;
import io.blurfilter.engine.graph.Attributes;
import io.blurfilter.engine.graph.Graph;
import io.blurfilter.engine.graph.GraphValidator;
import io.blurfilter.engine.graph.MapOutput;
import io.blurfilter.engine.graph.Node;
import io.blurfilter.engine.graph.OpType;
import io.blurfilter.engine.graph.ResizeMode;
import io.blurfilter.engine.graph.ValueNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds an engine {@link Graph} from a source model, one source op at a time. Both the Paddle and the
 * ONNX front ends lower into it: they look values up by their source names, call one method per
 * engine op, and the builder checks shapes (with dynamic dims), folds constant arithmetic, names
 * everything through {@link ValueNames#sanitize} (unique), and turns constants into weights where a
 * node reads them. Every problem is a {@link ConversionException} carrying the caller's location text
 * ({@code where}: file, op type, op name or index).
 */
public final class GraphBuilder {
    private final Map<String, Value> values = new HashMap<>();
    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, Tensor> weights = new LinkedHashMap<>();
    private final Map<Value, String> weightNames = new IdentityHashMap<>();
    private final Set<String> usedNames = new HashSet<>();
    private final Set<String> usedNodeNames = new HashSet<>();
    private String inputName;
    private int[] inputShape;
    private Value output;
    private Value mapOutput;
    private int mapStride;

    /**
     * Declares the graph input under lookup key {@code key} and engine name {@code sourceName}; negative
     * dims are dynamic and become symbols of their axis.
     */
    public Value input(String key, String sourceName, int[] shape, String where) throws ConversionException {
        if (inputName != null) {
            throw new ConversionException(where + ": the engine runs single-input graphs; a second input '"
                    + sourceName + "' is not supported");
        }
        if (shape.length < 1 || shape.length > 4) {
            throw new ConversionException(where + ": input '" + sourceName + "' has rank " + shape.length
                    + "; the engine takes rank 1..4");
        }
        int[] dims = shape.clone();
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0) {
                dims[i] = Dims.inputSymbol(i);
            } else if (dims[i] == 0 || dims[i] > Dims.MAX_DIM) {
                throw new ConversionException(where + ": input '" + sourceName + "' has invalid dim " + dims[i]);
            }
        }
        inputName = uniqueName(sourceName);
        inputShape = dims;
        Value v = Value.tensor(inputName, dims);
        define(key, v);
        return v;
    }

    public void define(String sourceName, Value v) {
        values.put(sourceName, v);
    }

    public boolean has(String sourceName) {
        return values.containsKey(sourceName);
    }

    public Value get(String sourceName, String where) throws ConversionException {
        Value v = values.get(sourceName);
        if (v == null) {
            throw new ConversionException(where + ": reads '" + sourceName
                    + "', which no earlier op or weight defines");
        }
        return v;
    }

    public void output(Value v, String where) throws ConversionException {
        if (!v.isTensor()) {
            throw new ConversionException(where + ": the graph output is a constant");
        }
        if (output != null && output != v) {
            throw new ConversionException(where + ": the engine runs single-output graphs; a second output is"
                    + " not supported");
        }
        output = v;
    }

    /** The map head's output, one cell every {@code stride} input pixels. */
    public void mapOutput(Value v, int stride, String where) throws ConversionException {
        if (!v.isTensor()) {
            throw new ConversionException(where + ": the map output is a constant");
        }
        if (stride < 1 || stride > MapOutput.MAX_STRIDE) {
            throw new ConversionException(where + ": stride " + stride + " is outside [1, " + MapOutput.MAX_STRIDE + "]");
        }
        mapOutput = v;
        mapStride = stride;
    }

    public int nodeCount() {
        return nodes.size();
    }

    // ---------------------------------------------------------------- ops

    /** Conv with pads (top, left, bottom, right). */
    public Value conv(String hint, Value x, Value w, Value b, int[] strides, int[] pads, int[] dilations, int group,
            String where) throws ConversionException {
        requireTensor(x, "input", where);
        requireConstant(w, "filter", where);
        requireRank(x, 4, "input", where);
        requireRank(w, 4, "filter", where);
        int[] xs = x.shape();
        int[] ws = w.shape();
        checkPositive(strides, "strides", where);
        checkPositive(dilations, "dilations", where);
        for (int p : pads) {
            if (p < 0 || p > Dims.MAX_DIM) {
                throw new ConversionException(where + ": attribute 'paddings/pads' has invalid value " + p);
            }
        }
        if (group < 1 || ws[0] % group != 0 || (xs[1] >= 0 && ws[1] * group != xs[1])) {
            throw new ConversionException(where + ": filter " + Dims.text(ws) + " with groups=" + group
                    + " does not fit input " + Dims.text(xs));
        }
        List<String> in = new ArrayList<>(List.of(x.engineName(), weight(w)));
        if (b != null) {
            requireConstant(b, "bias", where);
            if (b.size() != ws[0]) {
                throw new ConversionException(where + ": bias " + Dims.text(b.shape()) + " does not fit "
                        + ws[0] + " output channels");
            }
            in.add(weight(reshapeConstant(b, new int[] {ws[0]})));
        }
        int h = Dims.window(xs[2], ws[2], strides[0], pads[0], pads[2], dilations[0], false);
        int wd = Dims.window(xs[3], ws[3], strides[1], pads[1], pads[3], dilations[1], false);
        if (h == Dims.DOES_NOT_FIT || wd == Dims.DOES_NOT_FIT) {
            throw new ConversionException(where + ": kernel " + ws[2] + "x" + ws[3] + " does not fit input "
                    + Dims.text(xs));
        }
        Attributes a = Attributes.builder().ints("strides", strides).ints("pads", pads).ints("dilations", dilations)
                .ints("group", group).build();
        return emit(OpType.CONV, hint, in, a, new int[] {xs[0], ws[0], h, wd});
    }

    /** Inference batch norm over axis 1. */
    public Value batchNorm(String hint, Value x, Value scale, Value bias, Value mean, Value var, float epsilon,
            String where) throws ConversionException {
        requireTensor(x, "input", where);
        if (x.rank() < 2) {
            throw new ConversionException(where + ": batch norm input has rank " + x.rank());
        }
        int c = x.shape()[1];
        Value[] params = {scale, bias, mean, var};
        String[] what = {"scale", "bias", "mean", "variance"};
        List<String> in = new ArrayList<>(List.of(x.engineName()));
        for (int i = 0; i < 4; i++) {
            requireConstant(params[i], what[i], where);
            if (c < 0 || params[i].size() != c) {
                throw new ConversionException(where + ": " + what[i] + " " + Dims.text(params[i].shape())
                        + " does not fit " + Dims.text(x.shape()));
            }
            in.add(weight(reshapeConstant(params[i], new int[] {c})));
        }
        if (!(epsilon >= 0) || !Float.isFinite(epsilon)) {
            throw new ConversionException(where + ": attribute 'epsilon' invalid: " + epsilon);
        }
        return emit(OpType.BATCH_NORM, hint, in, Attributes.builder().floats("epsilon", epsilon).build(),
                x.shape());
    }

    /** An op with no attributes that keeps the shape (Relu, Relu6, HardSwish, Sigmoid). */
    public Value unary(OpType op, String hint, Value x, String where) throws ConversionException {
        requireTensor(x, "input", where);
        return emit(op, hint, List.of(x.engineName()), Attributes.NONE, x.shape());
    }

    public Value hardSigmoid(String hint, Value x, float alpha, float beta, String where)
            throws ConversionException {
        requireTensor(x, "input", where);
        requireFinite(alpha, "alpha/slope", where);
        requireFinite(beta, "beta/offset", where);
        return emit(OpType.HARD_SIGMOID, hint, List.of(x.engineName()),
                Attributes.builder().floats("alpha", alpha).floats("beta", beta).build(), x.shape());
    }

    public Value clip(String hint, Value x, float min, float max, String where) throws ConversionException {
        requireTensor(x, "input", where);
        if (Float.isNaN(min) || Float.isNaN(max) || min > max) {
            throw new ConversionException(where + ": clip bounds [" + min + ", " + max + "] invalid");
        }
        // The model format stores finite floats; infinite bounds clip nothing on that side.
        float lo = Math.max(min, -Float.MAX_VALUE);
        float hi = Math.min(max, Float.MAX_VALUE);
        return emit(OpType.CLIP, hint, List.of(x.engineName()),
                Attributes.builder().floats("min", lo).floats("max", hi).build(), x.shape());
    }

    /** y = x * scale + bias with scalar scale and bias. */
    public Value scale(String hint, Value x, float scale, float bias, String where) throws ConversionException {
        requireFinite(scale, "scale", where);
        requireFinite(bias, "bias", where);
        if (x.isConstant()) {
            float[] in = x.floats();
            float[] out = new float[in.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = in[i] * scale + bias;
            }
            return Value.floatConst(x.sourceName(), x.shape(), out);
        }
        if (scale == 1f && bias == 0f) {
            return x;
        }
        return emit(OpType.SCALE, hint, List.of(x.engineName()),
                Attributes.builder().floats("scale", scale).floats("bias", bias).build(), x.shape());
    }

    /** Elementwise Add/Mul/Sub/Div with numpy broadcasting; constant operands are folded. */
    public Value binary(OpType op, String hint, Value a, Value b, String where) throws ConversionException {
        int[] shape = Dims.broadcast(a.shape(), b.shape());
        if (shape == null) {
            throw new ConversionException(where + ": shapes " + Dims.text(a.shape()) + " and "
                    + Dims.text(b.shape()) + " do not broadcast");
        }
        if (a.isConstant() && b.isConstant()) {
            return ConstantFolding.binary(op, a, b, shape, where);
        }
        if (a.isConstant() && (op == OpType.ADD || op == OpType.MUL)) {
            Value t = a;
            a = b;
            b = t;
        }
        if (shape.length > 6) {
            throw new ConversionException(where + ": rank " + shape.length + " is beyond the engine");
        }
        String left = a.isTensor() ? a.engineName() : weight(a);
        String right = b.isTensor() ? b.engineName() : weight(b);
        return emit(op, hint, List.of(left, right), Attributes.NONE, shape);
    }

    public Value globalAveragePool(String hint, Value x, String where) throws ConversionException {
        requireTensor(x, "input", where);
        requireRank(x, 4, "input", where);
        int[] s = x.shape();
        return emit(OpType.GLOBAL_AVERAGE_POOL, hint, List.of(x.engineName()), Attributes.NONE,
                new int[] {s[0], s[1], 1, 1});
    }

    /** Upsampling of H and W by the integer factors {@code scaleH}, {@code scaleW} (asymmetric coordinates). */
    public Value resize(String hint, Value x, int scaleH, int scaleW, ResizeMode mode, String where)
            throws ConversionException {
        requireTensor(x, "input", where);
        requireRank(x, 4, "input", where);
        checkPositive(new int[] {scaleH, scaleW}, "scales", where);
        int[] s = x.shape();
        Attributes a = Attributes.builder().ints("scales", scaleH, scaleW).string("mode", mode.fileName()).build();
        return emit(OpType.RESIZE, hint, List.of(x.engineName()), a,
                new int[] {s[0], s[1], Dims.times(s[2], scaleH), Dims.times(s[3], scaleW)});
    }

    /** MaxPool or AveragePool; pads (top, left, bottom, right). */
    public Value pool(OpType op, String hint, Value x, int[] kernel, int[] strides, int[] pads, boolean ceilMode,
            boolean countIncludePad, String where) throws ConversionException {
        requireTensor(x, "input", where);
        requireRank(x, 4, "input", where);
        checkPositive(kernel, "kernel", where);
        checkPositive(strides, "strides", where);
        if (pads[0] >= kernel[0] || pads[2] >= kernel[0] || pads[1] >= kernel[1] || pads[3] >= kernel[1]
                || pads[0] < 0 || pads[1] < 0 || pads[2] < 0 || pads[3] < 0) {
            throw new ConversionException(where + ": pool padding must be non-negative and smaller than the kernel");
        }
        int[] s = x.shape();
        int h = Dims.window(s[2], kernel[0], strides[0], pads[0], pads[2], 1, ceilMode);
        int w = Dims.window(s[3], kernel[1], strides[1], pads[1], pads[3], 1, ceilMode);
        if (h == Dims.DOES_NOT_FIT || w == Dims.DOES_NOT_FIT) {
            throw new ConversionException(where + ": pool kernel does not fit input " + Dims.text(s));
        }
        Attributes.Builder a = Attributes.builder().ints("kernel", kernel).ints("strides", strides)
                .ints("pads", pads).ints("ceil_mode", ceilMode ? 1 : 0);
        if (op == OpType.AVERAGE_POOL) {
            a.ints("count_include_pad", countIncludePad ? 1 : 0);
        }
        return emit(op, hint, List.of(x.engineName()), a.build(), new int[] {s[0], s[1], h, w});
    }

    /** [d0 .. d(axis-1)] x [rest]. */
    public Value flatten(String hint, Value x, int axis, String where) throws ConversionException {
        int[] s = x.shape();
        if (axis < 0) {
            axis += s.length;
        }
        if (axis < 0 || axis > s.length) {
            throw new ConversionException(where + ": flatten axis out of range for " + Dims.text(s));
        }
        int outer = 1;
        int inner = 1;
        for (int i = 0; i < s.length; i++) {
            if (i < axis) {
                outer = axis == 1 ? s[0] : Dims.times(outer, s[i]);
            } else {
                inner = Dims.times(inner, s[i]);
            }
        }
        int[] out = {outer, inner};
        if (x.isConstant()) {
            return reshapeConstant(x, out);
        }
        return emit(OpType.FLATTEN, hint, List.of(x.engineName()), Attributes.builder().ints("axis", axis).build(),
                out);
    }

    /**
     * Reshape by a spec with Paddle/ONNX semantics: 0 copies the input dim, one -1 is inferred, and a
     * symbolic entry (a dynamic dim read by Shape) must sit where the input has that same dim.
     */
    public Value reshape(String hint, Value x, long[] spec, String where) throws ConversionException {
        int[] s = x.shape();
        if (spec.length < 1 || spec.length > 6) {
            throw new ConversionException(where + ": reshape to rank " + spec.length + " is not supported");
        }
        int[] engineSpec = new int[spec.length];
        int[] out = new int[spec.length];
        int inferred = -1;
        List<Integer> numerator = new ArrayList<>();
        for (int d : s) {
            numerator.add(d);
        }
        List<Integer> denominator = new ArrayList<>();
        for (int i = 0; i < spec.length; i++) {
            long v = spec[i];
            if (v <= Dims.SYMBOL_BASE) {
                if (i < s.length && s[i] == v) {
                    v = 0;
                } else {
                    throw new ConversionException(where + ": reshape target entry " + i
                            + " is a dynamic size the engine cannot express here");
                }
            }
            if (v == 0) {
                if (i >= s.length) {
                    throw new ConversionException(where + ": reshape copies dim " + i + " of " + Dims.text(s));
                }
                engineSpec[i] = 0;
                out[i] = s[i];
                denominator.add(s[i]);
            } else if (v == -1) {
                if (inferred >= 0) {
                    throw new ConversionException(where + ": reshape target has more than one -1");
                }
                inferred = i;
                engineSpec[i] = -1;
            } else if (v > 0 && v <= Dims.MAX_DIM) {
                engineSpec[i] = (int) v;
                out[i] = (int) v;
                denominator.add((int) v);
            } else {
                throw new ConversionException(where + ": reshape target entry " + v + " invalid");
            }
        }
        // Cancel equal dims (concrete or the same symbol) to size what is left, even with a dynamic batch.
        for (java.util.Iterator<Integer> it = denominator.iterator(); it.hasNext();) {
            Integer d = it.next();
            if (numerator.remove(d)) {
                it.remove();
            }
        }
        long num = 1;
        long den = 1;
        boolean known = true;
        for (int d : numerator) {
            known &= d >= 0;
            num *= Math.max(d, 1);
        }
        for (int d : denominator) {
            known &= d >= 0;
            den *= Math.max(d, 1);
        }
        if (inferred >= 0) {
            if (known && num % den != 0) {
                throw new ConversionException(where + ": cannot reshape " + Dims.text(s) + " to "
                        + java.util.Arrays.toString(spec));
            }
            out[inferred] = known ? (int) (num / den) : Dims.UNKNOWN;
        } else if (known && num != den) {
            throw new ConversionException(where + ": cannot reshape " + Dims.text(s) + " to "
                    + java.util.Arrays.toString(spec));
        }
        if (x.isConstant()) {
            if (!Dims.allConcrete(out)) {
                throw new ConversionException(where + ": constant reshape to a dynamic shape");
            }
            return reshapeConstant(x, out);
        }
        return emit(OpType.RESHAPE, hint, List.of(x.engineName()),
                Attributes.builder().ints("shape", engineSpec).build(), out);
    }

    /**
     * Reshape to a target shape written in {@link Dims} conventions (Squeeze, Unsqueeze, partial
     * flattens): a dynamic dim stays where it is as 0, and at most one moved or unknown dim becomes -1.
     */
    public Value reshapeTo(String hint, Value x, int[] target, String where) throws ConversionException {
        if (x.isConstant()) {
            if (!Dims.allConcrete(target)) {
                throw new ConversionException(where + ": constant reshape to a dynamic shape");
            }
            return reshapeConstant(x, target);
        }
        int[] s = x.shape();
        long[] spec = new long[target.length];
        int inferred = 0;
        for (int i = 0; i < target.length; i++) {
            if (target[i] >= 0) {
                spec[i] = target[i];
            } else if (i < s.length && s[i] == target[i] && target[i] != Dims.UNKNOWN) {
                spec[i] = 0;
            } else {
                spec[i] = -1;
                inferred++;
            }
        }
        if (inferred > 1) {
            throw new ConversionException(where + ": reshape to " + Dims.text(target)
                    + " has more than one dynamic dim the engine cannot place");
        }
        return reshape(hint, x, spec, where);
    }

    /** y = alpha * x @ op(W) + beta * B with x 2-D and W constant. */
    public Value gemm(String hint, Value x, Value w, Value b, boolean transB, float alpha, float beta, String where)
            throws ConversionException {
        requireTensor(x, "input", where);
        requireConstant(w, "weight", where);
        requireRank(x, 2, "input", where);
        requireRank(w, 2, "weight", where);
        int[] ws = w.shape();
        int k = transB ? ws[1] : ws[0];
        int n = transB ? ws[0] : ws[1];
        int[] xs = x.shape();
        if (xs[1] >= 0 && xs[1] != k) {
            throw new ConversionException(where + ": input " + Dims.text(xs) + " does not fit weight " + Dims.text(ws)
                    + (transB ? " (transB)" : ""));
        }
        requireFinite(alpha, "alpha", where);
        requireFinite(beta, "beta", where);
        List<String> in = new ArrayList<>(List.of(x.engineName(), weight(w)));
        if (b != null) {
            requireConstant(b, "bias", where);
            if (b.size() != n && b.size() != 1) {
                throw new ConversionException(where + ": bias " + Dims.text(b.shape()) + " does not fit " + n
                        + " outputs");
            }
            if (b.rank() == 2 && b.shape()[0] != 1) {
                throw new ConversionException(where + ": bias " + Dims.text(b.shape()) + " is not a row vector");
            }
            in.add(weight(reshapeConstant(b, new int[] {b.size()})));
        }
        Attributes.Builder a = Attributes.builder().ints("transB", transB ? 1 : 0);
        if (alpha != 1f) {
            a.floats("alpha", alpha);
        }
        if (beta != 1f) {
            a.floats("beta", beta);
        }
        return emit(OpType.GEMM, hint, in, a.build(), new int[] {xs[0], n});
    }

    public Value softmax(String hint, Value x, int axis, String where) throws ConversionException {
        requireTensor(x, "input", where);
        int r = x.rank();
        if (axis < -r || axis >= r) {
            throw new ConversionException(where + ": softmax axis " + axis + " out of range for rank " + r);
        }
        return emit(OpType.SOFTMAX, hint, List.of(x.engineName()), Attributes.builder().ints("axis", axis).build(),
                x.shape());
    }

    // ---------------------------------------------------------------- finishing

    /** The finished graph: peephole-simplified, unused weights dropped, validated. */
    public Graph build(String where) throws ConversionException {
        if (inputName == null) {
            throw new ConversionException(where + ": the model has no input");
        }
        if (output == null) {
            throw new ConversionException(where + ": the model has no output");
        }
        Graph g = new Graph(inputName, Dims.forEngine(inputShape), output.engineName(), mapOutputOf(), nodes,
                weights);
        g = Peephole.simplify(g);
        try {
            GraphValidator.validate(g);
        } catch (IllegalArgumentException e) {
            throw new ConversionException(where + ": the lowered graph is invalid: " + e.getMessage(), e);
        }
        return g;
    }

    /**
     * The map head's output as the engine takes it, a logit: a trailing Sigmoid that nothing else reads
     * is dropped (the engine applies it), so the map names its input.
     */
    private MapOutput mapOutputOf() {
        if (mapOutput == null) {
            return null;
        }
        String value = mapOutput.engineName();
        int last = nodes.size() - 1;
        for (int i = last; i >= 0; i--) {
            Node n = nodes.get(i);
            if (n.output().equals(value)) {
                if (n.op() == OpType.SIGMOID && !value.equals(output.engineName()) && readers(value) == 0) {
                    nodes.remove(i);
                    value = n.input(0);
                }
                break;
            }
        }
        return new MapOutput(value, mapStride);
    }

    private int readers(String value) {
        int count = 0;
        for (Node n : nodes) {
            count += n.inputs().contains(value) ? 1 : 0;
        }
        return count;
    }

    /** Declared input shape in {@link Dims} conventions. */
    public int[] inputShape() {
        return inputShape == null ? null : inputShape.clone();
    }

    // ---------------------------------------------------------------- helpers

    private Value emit(OpType op, String hint, List<String> inputs, Attributes attrs, int[] shape) {
        String out = uniqueName(hint);
        String nodeName = uniqueNodeName(hint);
        nodes.add(new Node(op, nodeName, inputs, out, attrs));
        return Value.tensor(out, shape);
    }

    /** The weight name of a constant, registering it on first use. */
    private String weight(Value c) throws ConversionException {
        String name = weightNames.get(c);
        if (name != null) {
            return name;
        }
        int[] shape = c.shape();
        if (!Dims.allConcrete(shape) || shape.length > 6) {
            throw new ConversionException("constant '" + c.sourceName() + "' has unusable shape " + Dims.text(shape));
        }
        name = uniqueName(c.sourceName());
        weights.put(name, new Tensor(shape, c.floats()));
        weightNames.put(c, name);
        return name;
    }

    static Value reshapeConstant(Value c, int[] shape) {
        if (java.util.Arrays.equals(c.shape(), shape)) {
            return c;
        }
        if (c.kind() == Value.Kind.INT_CONST) {
            return Value.intConst(c.sourceName(), shape, c.ints());
        }
        return Value.floatConst(c.sourceName(), shape, c.floats());
    }

    private String uniqueName(String hint) {
        String base = ValueNames.sanitize(hint == null || hint.isEmpty() ? "v" : hint);
        String name = base;
        for (int i = 1; !usedNames.add(name); i++) {
            String suffix = "_" + i;
            name = (base.length() + suffix.length() > ValueNames.MAX_LENGTH
                    ? base.substring(0, ValueNames.MAX_LENGTH - suffix.length()) : base) + suffix;
        }
        return name;
    }

    private String uniqueNodeName(String hint) {
        String base = ValueNames.sanitize(hint == null || hint.isEmpty() ? "node" : hint);
        String name = base;
        for (int i = 1; !usedNodeNames.add(name); i++) {
            String suffix = "_" + i;
            name = (base.length() + suffix.length() > ValueNames.MAX_LENGTH
                    ? base.substring(0, ValueNames.MAX_LENGTH - suffix.length()) : base) + suffix;
        }
        return name;
    }

    private static void requireTensor(Value v, String what, String where) throws ConversionException {
        if (!v.isTensor()) {
            throw new ConversionException(where + ": " + what + " is a constant, which this op cannot take here");
        }
    }

    private static void requireConstant(Value v, String what, String where) throws ConversionException {
        if (v.kind() != Value.Kind.FLOAT_CONST) {
            throw new ConversionException(where + ": " + what + " must be a float weight, not "
                    + (v.isTensor() ? "a computed value" : "an integer constant"));
        }
    }

    private static void requireRank(Value v, int rank, String what, String where) throws ConversionException {
        if (v.rank() != rank) {
            throw new ConversionException(where + ": " + what + " has shape " + Dims.text(v.shape()) + ", expected rank "
                    + rank);
        }
    }

    private static void checkPositive(int[] v, String what, String where) throws ConversionException {
        for (int x : v) {
            if (x < 1 || x > Dims.MAX_DIM) {
                throw new ConversionException(where + ": attribute '" + what + "' has invalid value " + x);
            }
        }
    }

    private static void requireFinite(float v, String what, String where) throws ConversionException {
        if (!Float.isFinite(v)) {
            throw new ConversionException(where + ": attribute '" + what + "' is not finite: " + v);
        }
    }
}
