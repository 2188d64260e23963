package io.blurfilter.converter.paddle;

import io.blurfilter.engine.Shapes;
import io.blurfilter.converter.ConversionException;
import io.blurfilter.converter.lower.Dims;
import io.blurfilter.converter.lower.Value;
import io.blurfilter.converter.proto.DoubleList;
import io.blurfilter.converter.proto.FloatList;
import io.blurfilter.converter.proto.LongList;
import io.blurfilter.converter.proto.ProtoException;
import io.blurfilter.converter.proto.ProtoReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a legacy Paddle {@code inference.pdmodel} (ProgramDesc protobuf, reference §4.2) into a
 * {@link PaddleProgram}: block 0's variables (persistable LoD tensors are the parameters) and ops
 * with their named input/output slots and typed attributes.
 */
public final class LegacyProgramReader {
    private static final int VAR_LOD_TENSOR = 7;

    /** A VarDesc as far as conversion cares. */
    private static final class Var {
        String name;
        int type = -1;
        boolean persistable;
        long[] dims = new long[0];
        int dataType = -1;
    }

    /** An OpDesc before it becomes a PaddleOp. */
    private static final class Op {
        String type;
        final Map<String, List<String>> inputs = new LinkedHashMap<>();
        final Map<String, List<String>> outputs = new LinkedHashMap<>();
        final Map<String, Object> attrs = new LinkedHashMap<>();
    }

    private final String file;

    private LegacyProgramReader(String file) {
        this.file = file;
    }

    public static PaddleProgram read(String fileName, byte[] bytes) throws ConversionException {
        try {
            return new LegacyProgramReader(fileName).program(new ProtoReader(bytes));
        } catch (ProtoException e) {
            throw new ConversionException(fileName + ": not a valid ProgramDesc: " + e.getMessage());
        }
    }

    private PaddleProgram program(ProtoReader r) throws ProtoException, ConversionException {
        List<ProtoReader> blocks = new ArrayList<>();
        while (r.hasNext()) {
            if (r.next() == 1) {
                blocks.add(r.message());
            } else {
                r.skip();
            }
        }
        if (blocks.isEmpty()) {
            throw new ConversionException(file + ": the program has no blocks (is this an inference.pdmodel?)");
        }
        if (blocks.size() > 1) {
            throw new ConversionException(file + ": the program has " + blocks.size()
                    + " blocks; control flow is not supported");
        }
        List<Var> vars = new ArrayList<>();
        List<Op> ops = new ArrayList<>();
        ProtoReader block = blocks.get(0);
        while (block.hasNext()) {
            switch (block.next()) {
                case 3:
                    vars.add(var(block.message()));
                    break;
                case 4:
                    ops.add(op(block.message()));
                    break;
                default:
                    block.skip();
            }
        }
        return assemble(vars, ops);
    }

    private Var var(ProtoReader r) throws ProtoException, ConversionException {
        Var v = new Var();
        while (r.hasNext()) {
            switch (r.next()) {
                case 1:
                    v.name = r.string();
                    break;
                case 2:
                    varType(r.message(), v);
                    break;
                case 3:
                    v.persistable = r.bool();
                    break;
                default:
                    r.skip();
            }
        }
        if (v.name == null) {
            throw new ConversionException(file + ": a variable without a name");
        }
        return v;
    }

    private static void varType(ProtoReader r, Var v) throws ProtoException {
        while (r.hasNext()) {
            switch (r.next()) {
                case 1:
                    v.type = r.int32();
                    break;
                case 3: {
                    ProtoReader lod = r.message();
                    while (lod.hasNext()) {
                        if (lod.next() == 1) {
                            tensorDesc(lod.message(), v);
                        } else {
                            lod.skip();
                        }
                    }
                    break;
                }
                default:
                    r.skip();
            }
        }
    }

    private static void tensorDesc(ProtoReader r, Var v) throws ProtoException {
        LongList dims = new LongList();
        while (r.hasNext()) {
            switch (r.next()) {
                case 1:
                    v.dataType = r.int32();
                    break;
                case 2:
                    r.repeatedVarint(dims);
                    break;
                default:
                    r.skip();
            }
        }
        v.dims = dims.toArray();
    }

    private Op op(ProtoReader r) throws ProtoException, ConversionException {
        Op op = new Op();
        while (r.hasNext()) {
            switch (r.next()) {
                case 1:
                    slot(r.message(), op.inputs);
                    break;
                case 2:
                    slot(r.message(), op.outputs);
                    break;
                case 3:
                    op.type = r.string();
                    break;
                case 4:
                    attr(r.message(), op.attrs);
                    break;
                default:
                    r.skip();
            }
        }
        if (op.type == null) {
            throw new ConversionException(file + ": an op without a type");
        }
        return op;
    }

    private static void slot(ProtoReader r, Map<String, List<String>> into) throws ProtoException {
        String name = null;
        List<String> args = new ArrayList<>();
        while (r.hasNext()) {
            switch (r.next()) {
                case 1:
                    name = r.string();
                    break;
                case 2:
                    args.add(r.string());
                    break;
                default:
                    r.skip();
            }
        }
        if (name != null) {
            into.put(name, args);
        }
    }

    /** OpDesc.Attr ⇒ a plain value chosen by the attribute's declared type. */
    private void attr(ProtoReader r, Map<String, Object> into) throws ProtoException, ConversionException {
        String name = null;
        int type = -1;
        long i = 0;
        long l = 0;
        double f = 0;
        double f64 = 0;
        String s = "";
        boolean b = false;
        LongList ints = new LongList();
        LongList longs = new LongList();
        FloatList floats = new FloatList();
        DoubleList doubles = new DoubleList();
        LongList bools = new LongList();
        List<String> strings = new ArrayList<>();
        while (r.hasNext()) {
            switch (r.next()) {
                case 1: name = r.string(); break;
                case 2: type = r.int32(); break;
                case 3: i = r.int32(); break;
                case 4: f = r.float32(); break;
                case 5: s = r.string(); break;
                case 6: r.repeatedVarint(ints); break;
                case 7: r.repeatedFloat(floats); break;
                case 8: strings.add(r.string()); break;
                case 10: b = r.bool(); break;
                case 11: r.repeatedVarint(bools); break;
                case 13: l = r.varint(); break;
                case 15: r.repeatedVarint(longs); break;
                case 16: r.repeatedDouble(doubles); break;
                case 19: f64 = r.float64(); break;
                default: r.skip();
            }
        }
        if (name == null) {
            throw new ConversionException(file + ": an attribute without a name");
        }
        Object value;
        switch (type) {
            case 0: value = i; break;
            case 1: value = f; break;
            case 2: value = s; break;
            case 3: value = intList(ints, true); break;
            case 4: {
                List<Object> list = new ArrayList<>();
                for (int k = 0; k < floats.size(); k++) {
                    list.add((double) floats.get(k));
                }
                value = list;
                break;
            }
            case 5: value = new ArrayList<Object>(strings); break;
            case 6: value = b; break;
            case 7: {
                List<Object> list = new ArrayList<>();
                for (int k = 0; k < bools.size(); k++) {
                    list.add(bools.get(k) != 0);
                }
                value = list;
                break;
            }
            case 9: value = l; break;
            case 11: value = intList(longs, false); break;
            case 12: {
                List<Object> list = new ArrayList<>();
                for (int k = 0; k < doubles.size(); k++) {
                    list.add(doubles.get(k));
                }
                value = list;
                break;
            }
            case 15: value = f64; break;
            default:
                // Blocks, variables and scalars: no supported op reads them; keep a marker so one that
                // does fails with a typed error instead of reading a wrong default.
                value = "<attribute type " + type + ">";
        }
        into.put(name, value);
    }

    private static List<Object> intList(LongList v, boolean int32) {
        List<Object> out = new ArrayList<>();
        for (int k = 0; k < v.size(); k++) {
            out.add(int32 ? (long) (int) v.get(k) : v.get(k));
        }
        return out;
    }

    // ------------------------------------------------------------------ assembling the program

    private PaddleProgram assemble(List<Var> vars, List<Op> ops) throws ConversionException {
        PaddleProgram program = new PaddleProgram(file, "paddle-legacy");
        Map<String, Var> byName = new HashMap<>();
        for (Var v : vars) {
            if (byName.put(v.name, v) != null) {
                throw new ConversionException(file + ": variable '" + v.name + "' declared twice");
            }
            if (v.persistable && v.type == VAR_LOD_TENSOR) {
                for (long d : v.dims) {
                    if (d < 0) {
                        throw new ConversionException(file + ": parameter '" + v.name + "' has dynamic dim " + d);
                    }
                }
                program.parameters.add(new PaddleProgram.Parameter(v.name, v.name, v.dims));
            }
        }
        Set<String> defined = new HashSet<>();
        for (PaddleProgram.Parameter p : program.parameters) {
            defined.add(p.name);
        }
        for (int index = 0; index < ops.size(); index++) {
            Op op = ops.get(index);
            String primarySlot = primaryOutputSlot(op.type);
            List<String> outs = op.outputs.get(primarySlot);
            String out = outs != null && outs.size() == 1 ? outs.get(0) : null;
            String where = file + ": op #" + index + " " + op.type + (out != null ? " (output " + out + ")" : "");
            switch (op.type) {
                case "feed":
                    feed(program, op, byName, where);
                    defined.add(program.inputKey);
                    continue;
                case "fetch":
                    fetch(program, op, defined, where);
                    continue;
                case "fill_constant":
                    program.constants.put(requireOutput(out, where), fillConstant(op, where));
                    program.otherOps.merge(op.type, 1, Integer::sum);
                    defined.add(out);
                    continue;
                default:
                    break;
            }
            for (Map.Entry<String, List<String>> in : op.inputs.entrySet()) {
                for (String name : in.getValue()) {
                    if (!defined.contains(name)) {
                        throw new ConversionException(where + ": input " + in.getKey() + " reads '" + name
                                + "', which no earlier op or parameter defines");
                    }
                }
            }
            for (List<String> o : op.outputs.values()) {
                defined.addAll(o);
            }
            program.ops.add(new PaddleOp(op.type, op.inputs, requireOutput(out, where), op.attrs, where,
                    out != null ? out : op.type + "_" + index));
        }
        if (program.inputKey == null) {
            throw new ConversionException(file + ": the program has no feed op");
        }
        if (program.outputKey == null) {
            throw new ConversionException(file + ": the program has no fetch op");
        }
        return program;
    }

    private static String primaryOutputSlot(String type) {
        switch (type) {
            case "conv2d":
            case "depthwise_conv2d":
                return "Output";
            case "batch_norm":
                return "Y";
            default:
                return "Out";
        }
    }

    private static String requireOutput(String out, String where) throws ConversionException {
        if (out == null) {
            throw new ConversionException(where + ": the op has no single primary output");
        }
        return out;
    }

    private void feed(PaddleProgram program, Op op, Map<String, Var> vars, String where) throws ConversionException {
        if (program.inputKey != null) {
            throw new ConversionException(where + ": a second feed; the engine runs single-input graphs");
        }
        List<String> out = op.outputs.get("Out");
        if (out == null || out.size() != 1) {
            throw new ConversionException(where + ": feed without a single output");
        }
        Var v = vars.get(out.get(0));
        if (v == null) {
            throw new ConversionException(where + ": feed target '" + out.get(0) + "' is not declared");
        }
        if (v.dataType != PaddleDataType.FP32) {
            throw new ConversionException(where + ": input '" + v.name + "' has unsupported data type "
                    + PaddleDataType.name(v.dataType));
        }
        int[] shape = new int[v.dims.length];
        for (int i = 0; i < shape.length; i++) {
            long d = v.dims[i];
            if (d < -1 || d == 0 || d > Dims.MAX_DIM) {
                throw new ConversionException(where + ": input dim " + d + " invalid");
            }
            shape[i] = (int) d;
        }
        program.inputKey = v.name;
        program.inputName = v.name;
        program.inputShape = shape;
        program.otherOps.merge("feed", 1, Integer::sum);
    }

    private static void fetch(PaddleProgram program, Op op, Set<String> defined, String where)
            throws ConversionException {
        if (program.outputKey != null) {
            throw new ConversionException(where + ": a second fetch; the engine runs single-output graphs");
        }
        List<String> in = op.inputs.get("X");
        if (in == null || in.size() != 1 || !defined.contains(in.get(0))) {
            throw new ConversionException(where + ": fetch must read one defined value");
        }
        program.outputKey = in.get(0);
        program.otherOps.merge("fetch", 1, Integer::sum);
    }

    private static Value fillConstant(Op op, String where) throws ConversionException {
        PaddleOp p = new PaddleOp(op.type, op.inputs, null, op.attrs, where, op.type);
        for (List<String> in : op.inputs.values()) {
            if (!in.isEmpty()) {
                throw new ConversionException(where + ": fill_constant with tensor inputs is not supported");
            }
        }
        long[] shape = p.attrLongs("shape");
        int[] dims = Dims.constantShape(shape, where);
        int count = (int) Shapes.elementCount(dims);
        String text = p.attrString("str_value", "");
        double v = text.isEmpty() ? p.attrDouble("value", 0) : parse(text, where);
        int dtype = p.attrInt("dtype", PaddleDataType.FP32);
        if (dtype == PaddleDataType.FP32 || dtype == PaddleDataType.FP64 || dtype == PaddleDataType.FP16) {
            float[] data = new float[count];
            java.util.Arrays.fill(data, (float) v);
            return Value.floatConst(where, dims, data);
        }
        if (dtype == PaddleDataType.INT64 || dtype == PaddleDataType.INT32) {
            long[] data = new long[count];
            java.util.Arrays.fill(data, (long) v);
            return Value.intConst(where, dims, data);
        }
        throw p.unsupported("dtype", PaddleDataType.name(dtype));
    }

    private static double parse(String text, String where) throws ConversionException {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new ConversionException(where + ": attribute 'str_value' is not a number: " + text);
        }
    }
}
