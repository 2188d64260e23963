package io.blurfilter.converter.paddle;

import io.blurfilter.converter.ConversionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One Paddle op in a form shared by the PIR and the legacy ProgramDesc readers: the op type without
 * dialect prefix, inputs by slot name (legacy slots; PIR operands are given the legacy slot names by
 * position, which is where operand-order traps such as batch_norm_'s are handled), the primary output,
 * and attributes as Long/Double/Boolean/String or lists of them.
 */
final class PaddleOp {
    final String type;
    final Map<String, List<String>> inputs;
    /** Key of the op's primary result (the one later ops read), or null when it has none. */
    final String output;
    final Map<String, Object> attrs;
    /** File, op index, type and struct_name/output name, for messages. */
    final String where;
    /** A readable name for the engine node and value. */
    final String hint;

    PaddleOp(String type, Map<String, List<String>> inputs, String output, Map<String, Object> attrs,
            String where, String hint) {
        this.type = type;
        this.inputs = inputs;
        this.output = output;
        this.attrs = attrs;
        this.where = where;
        this.hint = hint;
    }

    /** The single input of a slot, or null when the slot is absent or empty. */
    String input(String slot) throws ConversionException {
        List<String> names = inputs.get(slot);
        if (names == null || names.isEmpty()) {
            return null;
        }
        if (names.size() > 1) {
            throw new ConversionException(where + ": input slot '" + slot + "' holds " + names.size()
                    + " values, expected one");
        }
        return names.get(0);
    }

    String requiredInput(String slot) throws ConversionException {
        String name = input(slot);
        if (name == null) {
            throw new ConversionException(where + ": missing input '" + slot + "'");
        }
        return name;
    }

    boolean has(String attr) {
        return attrs.containsKey(attr);
    }

    long attrLong(String name, long fallback) throws ConversionException {
        Object v = attrs.get(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Long) {
            return (Long) v;
        }
        if (v instanceof Boolean) {
            return (Boolean) v ? 1 : 0;
        }
        throw wrongType(name, "an integer", v);
    }

    int attrInt(String name, int fallback) throws ConversionException {
        long v = attrLong(name, fallback);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new ConversionException(where + ": attribute '" + name + "' out of range: " + v);
        }
        return (int) v;
    }

    double attrDouble(String name, double fallback) throws ConversionException {
        Object v = attrs.get(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Double || v instanceof Long) {
            return ((Number) v).doubleValue();
        }
        throw wrongType(name, "a number", v);
    }

    float attrFloat(String name, float fallback) throws ConversionException {
        return (float) attrDouble(name, fallback);
    }

    boolean attrBool(String name, boolean fallback) throws ConversionException {
        Object v = attrs.get(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean) {
            return (Boolean) v;
        }
        if (v instanceof Long) {
            return (Long) v != 0;
        }
        throw wrongType(name, "a boolean", v);
    }

    String attrString(String name, String fallback) throws ConversionException {
        Object v = attrs.get(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof String) {
            return (String) v;
        }
        throw wrongType(name, "a string", v);
    }

    /** An integer list attribute (a single integer counts as a list of one). */
    long[] attrLongs(String name, long... fallback) throws ConversionException {
        Object v = attrs.get(name);
        if (v == null) {
            return fallback.clone();
        }
        if (v instanceof Long) {
            return new long[] {(Long) v};
        }
        if (!(v instanceof List)) {
            throw wrongType(name, "an integer list", v);
        }
        List<?> list = (List<?>) v;
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Long)) {
                throw wrongType(name, "an integer list", v);
            }
            out[i] = (Long) list.get(i);
        }
        return out;
    }

    int[] attrInts(String name, int... fallback) throws ConversionException {
        long[] fb = new long[fallback.length];
        for (int i = 0; i < fb.length; i++) {
            fb[i] = fallback[i];
        }
        long[] v = attrLongs(name, fb);
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] < Integer.MIN_VALUE || v[i] > Integer.MAX_VALUE) {
                throw new ConversionException(where + ": attribute '" + name + "' out of range: " + v[i]);
            }
            out[i] = (int) v[i];
        }
        return out;
    }

    List<Object> attrList(String name) {
        Object v = attrs.get(name);
        return v instanceof List ? new ArrayList<>((List<?>) v) : null;
    }

    ConversionException unsupported(String attr, Object value) {
        return new ConversionException(where + ": unsupported attribute " + attr + "=" + value);
    }

    private ConversionException wrongType(String name, String expected, Object v) {
        return new ConversionException(where + ": attribute '" + name + "' should be " + expected + ", is " + v);
    }
}
