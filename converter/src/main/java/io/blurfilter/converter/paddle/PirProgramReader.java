package io.blurfilter.converter.paddle;

import io.blurfilter.engine.Shapes;
import io.blurfilter.converter.ConversionException;
import io.blurfilter.converter.json.Json;
import io.blurfilter.converter.json.JsonException;
import io.blurfilter.converter.json.JsonParser;
import io.blurfilter.converter.lower.Dims;
import io.blurfilter.converter.lower.Value;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a Paddle 3.x PIR program ({@code inference.json}, reference §4.4) into a {@link PaddleProgram}.
 * Operands are positional in PIR; {@link #SLOTS} gives them the legacy slot names, which is where
 * the operand order of e.g. {@code batch_norm_} (x, mean, variance, scale, bias) is pinned down.
 */
public final class PirProgramReader {
    /** Operand slot names by PIR op name (without dialect). Ops not listed take one operand X. */
    private static final Map<String, String[]> SLOTS = new LinkedHashMap<>();

    static {
        SLOTS.put("conv2d", new String[] {"Input", "Filter"});
        SLOTS.put("depthwise_conv2d", new String[] {"Input", "Filter"});
        SLOTS.put("batch_norm_", new String[] {"X", "Mean", "Variance", "Scale", "Bias"});
        SLOTS.put("batch_norm", new String[] {"X", "Mean", "Variance", "Scale", "Bias"});
        SLOTS.put("pool2d", new String[] {"X", "KernelSize"});
        SLOTS.put("reshape", new String[] {"X", "Shape"});
        SLOTS.put("reshape_", new String[] {"X", "Shape"});
        for (String op : new String[] {"add", "add_", "multiply", "multiply_", "subtract", "subtract_", "divide",
            "divide_", "matmul"}) {
            SLOTS.put(op, new String[] {"X", "Y"});
        }
        SLOTS.put("dropout", new String[] {"X", "Seed", "P"});
        SLOTS.put("scale", new String[] {"X", "Scale"});
        SLOTS.put("scale_", new String[] {"X", "Scale"});
    }

    private static final long MAX_JSON_BYTES = 256L << 20;

    private final String file;
    private final PaddleProgram program;
    private final Set<Long> defined = new HashSet<>();

    private PirProgramReader(String file) {
        this.file = file;
        this.program = new PaddleProgram(file, "paddle-pir");
    }

    public static PaddleProgram read(String fileName, byte[] bytes) throws ConversionException {
        if (bytes.length > MAX_JSON_BYTES) {
            throw new ConversionException(fileName + ": larger than " + MAX_JSON_BYTES + " bytes");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ConversionException(fileName + ": not UTF-8 text");
        }
        Object root;
        try {
            root = JsonParser.parse(text);
        } catch (JsonException e) {
            throw new ConversionException(fileName + ": not valid JSON: " + e.getMessage());
        }
        PirProgramReader r = new PirProgramReader(fileName);
        r.program(root);
        return r.program;
    }

    private void program(Object root) throws ConversionException {
        Map<String, Object> top = Json.obj(root, file);
        Map<String, Object> base = Json.obj(Json.field(top, "base_code", file), file + ": base_code");
        Object magic = base.get("magic");
        if (!"pir".equals(magic)) {
            throw new ConversionException(file + ": base_code.magic is " + magic + ", expected \"pir\""
                    + " (is this a PIR inference.json?)");
        }
        Map<String, Object> prog = Json.obj(Json.field(top, "program", file), file + ": program");
        List<Object> regions = Json.arr(Json.field(prog, "regions", file), file + ": program.regions");
        if (regions.size() != 1) {
            throw new ConversionException(file + ": program has " + regions.size() + " regions, expected 1");
        }
        List<Object> blocks = Json.arr(Json.field(Json.obj(regions.get(0), file + ": region"), "blocks", file),
                file + ": blocks");
        if (blocks.size() != 1) {
            throw new ConversionException(file + ": region has " + blocks.size()
                    + " blocks; control flow is not supported");
        }
        List<Object> ops = Json.arr(Json.field(Json.obj(blocks.get(0), file + ": block"), "ops", file),
                file + ": ops");
        for (int i = 0; i < ops.size(); i++) {
            op(i, Json.obj(ops.get(i), file + ": op #" + i));
        }
        if (program.inputKey == null) {
            throw new ConversionException(file + ": program has no 1.data input op");
        }
        if (program.outputKey == null) {
            throw new ConversionException(file + ": program has no 1.fetch output op");
        }
    }

    private void op(int index, Map<String, Object> op) throws ConversionException {
        String fullName = Json.str(Json.field(op, "#", file + ": op #" + index), file + ": op #" + index + " name");
        String where = file + ": op #" + index + " " + fullName;
        if (fullName.equals("p")) {
            parameter(op, where);
            return;
        }
        int dot = fullName.indexOf('.');
        String dialect = dot < 0 ? "" : fullName.substring(0, dot);
        String name = fullName.substring(dot + 1);
        Map<String, Object> attrs = attributes(op.get("A"), where);
        Object structName = attrs.get("struct_name");
        if (structName instanceof String && !((String) structName).isEmpty()) {
            where += " (" + structName + ")";
        }
        if (!dialect.equals("1")) {
            throw new ConversionException(where + ": unsupported op (dialect " + dialect + ")");
        }
        List<Long> operands = operands(op.get("I"), where);
        List<Long> results = results(op.get("O"), where);
        switch (name) {
            case "data":
                data(attrs, results, where);
                return;
            case "fetch":
                if (program.outputKey != null) {
                    throw new ConversionException(where + ": a second fetch; the engine runs single-output graphs");
                }
                long fetched = single(operands, where);
                if (!defined.contains(fetched)) {
                    throw new ConversionException(where + ": fetches %" + fetched + ", which is not defined");
                }
                program.outputKey = key(fetched);
                program.otherOps.merge(name, 1, Integer::sum);
                return;
            case "full_int_array":
                constant(results, intArray(attrs, "value", where), where);
                program.otherOps.merge(name, 1, Integer::sum);
                return;
            case "full":
                constant(results, full(attrs, where), where);
                program.otherOps.merge(name, 1, Integer::sum);
                return;
            default:
                break;
        }
        String[] slots = SLOTS.getOrDefault(name, new String[] {"X"});
        if (operands.size() > slots.length) {
            throw new ConversionException(where + ": has " + operands.size() + " operands, expected at most "
                    + slots.length);
        }
        Map<String, List<String>> inputs = new LinkedHashMap<>();
        for (int i = 0; i < operands.size(); i++) {
            long id = operands.get(i);
            if (id != 0) {
                if (!defined.contains(id)) {
                    throw new ConversionException(where + ": operand " + i + " (%" + id + ") is not defined earlier");
                }
                inputs.put(slots[i], List.of(key(id)));
            }
        }
        if (results.isEmpty()) {
            throw new ConversionException(where + ": op has no result");
        }
        for (long r : results) {
            defineId(r, where);
        }
        String hint = structName instanceof String && !((String) structName).isEmpty()
                ? hintFrom((String) structName, name) : name + "_" + index;
        program.ops.add(new PaddleOp(name, inputs, key(results.get(0)), attrs, where, hint));
    }

    /** "/PPLCNet/Sequential/DepthwiseSeparable/ConvBNLayer/Conv2D/" ⇒ "PPLCNet.Sequential...Conv2D". */
    private static String hintFrom(String structName, String type) {
        String s = structName.replaceAll("^/+|/+$", "").replace('/', '.');
        return s.isEmpty() ? type : s;
    }

    private void parameter(Map<String, Object> op, String where) throws ConversionException {
        List<Object> a = Json.arr(Json.field(op, "A", where), where + " attributes");
        if (a.size() < 4) {
            throw new ConversionException(where + ": parameter op with " + a.size() + " attributes, expected 4");
        }
        String name = Json.str(a.get(3), where + " parameter_name");
        where = where + " '" + name + "'";
        Map<String, Object> out = Json.obj(Json.field(op, "O", where), where + " result");
        long id = Json.lng(Json.field(out, "%", where), where + " result id");
        long[] dims = tensorDims(Json.field(out, "TT", where), where);
        if (program.parameter(name) != null) {
            throw new ConversionException(where + ": parameter declared twice");
        }
        defineId(id, where);
        program.parameters.add(new PaddleProgram.Parameter(name, key(id), dims));
        program.otherOps.merge("parameter", 1, Integer::sum);
    }

    private void data(Map<String, Object> attrs, List<Long> results, String where) throws ConversionException {
        if (program.inputKey != null) {
            throw new ConversionException(where + ": a second input; the engine runs single-input graphs");
        }
        Object name = attrs.get("name");
        long[] shape = longs(attrs.get("shape"), where + " attribute 'shape'");
        Object dtype = attrs.get("dtype");
        if (dtype != null && !"float32".equals(dtype)) {
            throw new ConversionException(where + ": unsupported input dtype " + dtype);
        }
        int[] dims = new int[shape.length];
        for (int i = 0; i < dims.length; i++) {
            if (shape[i] < -1 || shape[i] == 0 || shape[i] > Dims.MAX_DIM) {
                throw new ConversionException(where + ": input dim " + shape[i] + " invalid");
            }
            dims[i] = (int) shape[i];
        }
        long id = single(results, where);
        defineId(id, where);
        program.inputKey = key(id);
        program.inputName = name instanceof String ? (String) name : "x";
        program.inputShape = dims;
        program.otherOps.merge("data", 1, Integer::sum);
    }

    private void constant(List<Long> results, Value v, String where) throws ConversionException {
        long id = results.isEmpty() ? -1 : results.get(0);
        if (results.size() != 1) {
            throw new ConversionException(where + ": expected one result");
        }
        defineId(id, where);
        program.constants.put(key(id), v);
    }

    private static Value intArray(Map<String, Object> attrs, String attr, String where) throws ConversionException {
        long[] v = longs(attrs.get(attr), where + " attribute '" + attr + "'");
        return Value.intConst(where, new int[] {v.length}, v);
    }

    /** 1.full: shape, value and dtype ⇒ a filled constant. */
    private static Value full(Map<String, Object> attrs, String where) throws ConversionException {
        long[] shape = longs(attrs.get("shape"), where + " attribute 'shape'");
        int[] dims = Dims.constantShape(shape, where);
        int count = (int) Shapes.elementCount(dims);
        Object value = attrs.get("value");
        if (!(value instanceof Number)) {
            throw new ConversionException(where + ": attribute 'value' should be a number, is " + value);
        }
        double v = ((Number) value).doubleValue();
        Object dtype = attrs.getOrDefault("dtype", "float32");
        if ("float32".equals(dtype) || "float64".equals(dtype) || "float16".equals(dtype)) {
            float[] data = new float[count];
            java.util.Arrays.fill(data, (float) v);
            return Value.floatConst(where, dims, data);
        }
        if ("int64".equals(dtype) || "int32".equals(dtype)) {
            long[] data = new long[count];
            java.util.Arrays.fill(data, (long) v);
            return Value.intConst(where, dims, data);
        }
        throw new ConversionException(where + ": unsupported attribute dtype=" + dtype);
    }

    // ------------------------------------------------------------------ attributes and types

    /** PIR attributes [{"N": name, "AT": {"#": type, "D": data}}] ⇒ name → plain value. */
    private static Map<String, Object> attributes(Object a, String where) throws ConversionException {
        Map<String, Object> out = new LinkedHashMap<>();
        if (a == null) {
            return out;
        }
        for (Object item : Json.arr(a, where + " attributes")) {
            Map<String, Object> attr = Json.obj(item, where + " attribute");
            String name = Json.str(Json.field(attr, "N", where), where + " attribute name");
            Object value = attrValue(Json.field(attr, "AT", where + " attribute '" + name + "'"),
                    where + " attribute '" + name + "'", 0);
            if (out.put(name, value) != null) {
                throw new ConversionException(where + ": attribute '" + name + "' given twice");
            }
        }
        return out;
    }

    private static Object attrValue(Object at, String where, int depth) throws ConversionException {
        if (depth > 8) {
            throw new ConversionException(where + ": attribute nested too deeply");
        }
        Map<String, Object> m = Json.obj(at, where);
        String type = Json.str(Json.field(m, "#", where), where + " type");
        Object d = m.get("D");
        switch (type) {
            case "0.a_i32":
            case "0.a_i64":
                return Json.lng(d, where);
            case "0.a_f32":
            case "0.a_f64":
                if (d == null && m.containsKey("VD")) {
                    throw new ConversionException(where + ": non-finite float attribute is not supported");
                }
                return Json.num(d, where);
            case "0.a_bool":
                if (!(d instanceof Boolean)) {
                    throw new ConversionException(where + ": expected a boolean, got " + d);
                }
                return d;
            case "0.a_str":
            case "1.a_dtype":
                return Json.str(d, where);
            case "0.a_array": {
                List<Object> out = new ArrayList<>();
                for (Object item : Json.arr(d, where)) {
                    out.add(attrValue(item, where, depth + 1));
                }
                return out;
            }
            case "1.a_intarray": {
                List<Object> out = new ArrayList<>();
                for (Object item : Json.arr(d, where)) {
                    out.add(Json.lng(item, where));
                }
                return out;
            }
            case "1.a_scalar": {
                List<Object> pair = Json.arr(d, where);
                if (pair.size() != 2) {
                    throw new ConversionException(where + ": scalar attribute should be [dtype, value]");
                }
                return Json.num(pair.get(1), where);
            }
            default:
                // Places, data layouts and attributes of later PIR versions: kept opaque; an op that needs
                // one of them reads it through PaddleOp and gets a typed error.
                return type;
        }
    }

    /** A value type {"#": "0.t_dtensor", "D": [dtype, dims, layout, lod, offset]} ⇒ dims. */
    private static long[] tensorDims(Object tt, String where) throws ConversionException {
        Map<String, Object> t = Json.obj(tt, where + " type");
        String kind = Json.str(Json.field(t, "#", where), where + " type");
        if (!kind.equals("0.t_dtensor")) {
            throw new ConversionException(where + ": unsupported value type " + kind);
        }
        List<Object> d = Json.arr(Json.field(t, "D", where), where + " type data");
        if (d.size() < 2) {
            throw new ConversionException(where + ": malformed tensor type");
        }
        long[] dims = longs(d.get(1), where + " dims");
        if (dims.length > 8) {
            throw new ConversionException(where + ": rank " + dims.length + " too large");
        }
        return dims;
    }

    private static long[] longs(Object v, String where) throws ConversionException {
        if (!(v instanceof List)) {
            throw new ConversionException(where + ": expected an integer list, got " + Json.describe(v));
        }
        List<?> list = (List<?>) v;
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Json.lng(list.get(i), where);
        }
        return out;
    }

    private static List<Long> operands(Object v, String where) throws ConversionException {
        List<Long> ids = new ArrayList<>();
        if (v == null) {
            return ids;
        }
        for (Object item : Json.arr(v, where + " operands")) {
            ids.add(Json.lng(Json.field(Json.obj(item, where + " operand"), "%", where), where + " operand id"));
        }
        return ids;
    }

    private static List<Long> results(Object v, String where) throws ConversionException {
        List<Long> ids = new ArrayList<>();
        if (v == null) {
            return ids;
        }
        for (Object item : Json.arr(v, where + " results")) {
            ids.add(Json.lng(Json.field(Json.obj(item, where + " result"), "%", where), where + " result id"));
        }
        return ids;
    }

    private void defineId(long id, String where) throws ConversionException {
        if (id <= 0 || !defined.add(id)) {
            throw new ConversionException(where + ": value id %" + id + " is invalid or defined twice");
        }
    }

    private long single(List<Long> ids, String where) throws ConversionException {
        if (ids.size() != 1) {
            throw new ConversionException(where + ": expected exactly one value, got " + ids.size());
        }
        return ids.get(0);
    }

    private static String key(long id) {
        return "%" + id;
    }
}
