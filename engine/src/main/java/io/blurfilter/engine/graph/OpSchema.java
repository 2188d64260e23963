package io.blurfilter.engine.graph;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which attributes each op takes, of what kind, and their defaults. The file reader rejects unknown
 * names and wrong kinds, so a model never runs with an attribute silently ignored.
 */
public final class OpSchema {
    /** The kind of an attribute value. */
    public enum Kind { INTS, FLOATS, STRING }

    /** One accepted attribute. {@code count} is the exact number of values, or -1 for any. */
    public static final class Spec {
        public final String name;
        public final Kind kind;
        public final int count;

        Spec(String name, Kind kind, int count) {
            this.name = name;
            this.kind = kind;
            this.count = count;
        }
    }

    private static final Map<OpType, Map<String, Spec>> SPECS = new EnumMap<>(OpType.class);

    static {
        for (OpType t : OpType.values()) {
            SPECS.put(t, new LinkedHashMap<>());
        }
        add(OpType.CONV, "strides", Kind.INTS, 2);
        add(OpType.CONV, "pads", Kind.INTS, 4);
        add(OpType.CONV, "dilations", Kind.INTS, 2);
        add(OpType.CONV, "group", Kind.INTS, 1);
        addActivation(OpType.CONV);
        add(OpType.BATCH_NORM, "epsilon", Kind.FLOATS, 1);
        add(OpType.HARD_SIGMOID, "alpha", Kind.FLOATS, 1);
        add(OpType.HARD_SIGMOID, "beta", Kind.FLOATS, 1);
        add(OpType.CLIP, "min", Kind.FLOATS, 1);
        add(OpType.CLIP, "max", Kind.FLOATS, 1);
        for (OpType pool : new OpType[] {OpType.MAX_POOL, OpType.AVERAGE_POOL}) {
            add(pool, "kernel", Kind.INTS, 2);
            add(pool, "strides", Kind.INTS, 2);
            add(pool, "pads", Kind.INTS, 4);
            add(pool, "ceil_mode", Kind.INTS, 1);
        }
        add(OpType.AVERAGE_POOL, "count_include_pad", Kind.INTS, 1);
        add(OpType.FLATTEN, "axis", Kind.INTS, 1);
        add(OpType.RESHAPE, "shape", Kind.INTS, -1);
        add(OpType.GEMM, "transB", Kind.INTS, 1);
        add(OpType.GEMM, "alpha", Kind.FLOATS, 1);
        add(OpType.GEMM, "beta", Kind.FLOATS, 1);
        addActivation(OpType.GEMM);
        add(OpType.SOFTMAX, "axis", Kind.INTS, 1);
        add(OpType.SCALE, "scale", Kind.FLOATS, 1);
        add(OpType.SCALE, "bias", Kind.FLOATS, 1);
        add(OpType.RESIZE, "scales", Kind.INTS, 2);
        add(OpType.RESIZE, "mode", Kind.STRING, 1);
    }

    private OpSchema() {}

    private static void add(OpType op, String name, Kind kind, int count) {
        SPECS.get(op).put(name, new Spec(name, kind, count));
    }

    /** Fused activation: {@code activation} name plus its parameters (alpha/beta or min/max). */
    private static void addActivation(OpType op) {
        add(op, "activation", Kind.STRING, 1);
        add(op, "act_alpha", Kind.FLOATS, 1);
        add(op, "act_beta", Kind.FLOATS, 1);
    }

    /** The spec of {@code name} for {@code op}, or null when the op takes no such attribute. */
    public static Spec spec(OpType op, String name) {
        return SPECS.get(op).get(name);
    }

    public static Map<String, Spec> specs(OpType op) {
        return java.util.Collections.unmodifiableMap(SPECS.get(op));
    }
}
