package io.blurfilter.engine.graph;

import io.blurfilter.engine.Tensor;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Structural checks that need no shapes: op arity, attribute names/kinds/counts, single assignment,
 * every input defined before use, weights where an op needs constants. Problems are reported as
 * {@link IllegalArgumentException} naming the node.
 */
public final class GraphValidator {
    /** Largest dim accepted anywhere; keeps hostile shapes from asking for absurd buffers. */
    public static final int MAX_DIM = 1 << 20;
    /** Largest element count of one tensor (1 GiB of floats). */
    public static final long MAX_ELEMENTS = 1L << 28;

    private GraphValidator() {}

    public static void validate(Graph g) {
        Set<String> defined = new HashSet<>(g.weights().keySet());
        checkName(g.inputName(), "graph input");
        if (defined.contains(g.inputName())) {
            throw new IllegalArgumentException("graph input '" + g.inputName() + "' is also a weight name");
        }
        int[] in = g.inputShape();
        if (in.length < 1 || in.length > 4) {
            throw new IllegalArgumentException("graph input rank must be 1..4, got " + Arrays.toString(in));
        }
        for (int d : in) {
            if (d != -1 && (d < 1 || d > MAX_DIM)) {
                throw new IllegalArgumentException("graph input dim out of range in " + Arrays.toString(in));
            }
        }
        defined.add(g.inputName());
        for (Map.Entry<String, Tensor> w : g.weights().entrySet()) {
            checkName(w.getKey(), "weight");
        }
        Set<String> nodeNames = new HashSet<>();
        for (Node n : g.nodes()) {
            String where = "node '" + n.name() + "' (" + n.op() + ")";
            checkName(n.name(), "node");
            if (!nodeNames.add(n.name())) {
                throw new IllegalArgumentException("two nodes are named '" + n.name() + "'");
            }
            int arity = n.inputs().size();
            if (arity < n.op().minInputs() || arity > n.op().maxInputs()) {
                throw new IllegalArgumentException(where + " takes " + n.op().minInputs()
                        + (n.op().minInputs() == n.op().maxInputs() ? "" : ".." + n.op().maxInputs())
                        + " inputs, has " + arity);
            }
            for (String input : n.inputs()) {
                if (!defined.contains(input)) {
                    throw new IllegalArgumentException(where + " reads '" + input
                            + "', which is neither a weight nor produced by an earlier node");
                }
            }
            checkName(n.output(), where + " output");
            if (!defined.add(n.output())) {
                throw new IllegalArgumentException(where + " writes '" + n.output() + "', which already exists");
            }
            checkAttributes(n, where);
            checkConstantInputs(g, n, where);
        }
        if (!defined.contains(g.outputName()) || g.isWeight(g.outputName())) {
            throw new IllegalArgumentException("graph output '" + g.outputName() + "' is not produced by any node");
        }
        MapOutput map = g.mapOutput();
        if (map != null) {
            if (!defined.contains(map.value()) || g.isWeight(map.value()) || map.value().equals(g.inputName())) {
                throw new IllegalArgumentException("map output '" + map.value() + "' is not produced by any node");
            }
            if (map.value().equals(g.outputName())) {
                throw new IllegalArgumentException("map output '" + map.value() + "' is also the classifier output");
            }
        }
    }

    private static void checkName(String name, String what) {
        if (!ValueNames.isValid(name)) {
            throw new IllegalArgumentException(what + " name is not a valid value name: '" + name + "'");
        }
    }

    private static void checkAttributes(Node n, String where) {
        for (Map.Entry<String, Object> a : n.attributes().asMap().entrySet()) {
            OpSchema.Spec spec = OpSchema.spec(n.op(), a.getKey());
            if (spec == null) {
                throw new IllegalArgumentException(where + " has unsupported attribute '" + a.getKey() + "'");
            }
            Object v = a.getValue();
            int count;
            switch (spec.kind) {
                case INTS:
                    if (!(v instanceof int[])) {
                        throw new IllegalArgumentException(where + " attribute '" + a.getKey() + "' must be integers");
                    }
                    count = ((int[]) v).length;
                    break;
                case FLOATS:
                    if (!(v instanceof float[])) {
                        throw new IllegalArgumentException(where + " attribute '" + a.getKey() + "' must be floats");
                    }
                    for (float f : (float[]) v) {
                        if (!Float.isFinite(f)) {
                            throw new IllegalArgumentException(where + " attribute '" + a.getKey() + "' is not finite");
                        }
                    }
                    count = ((float[]) v).length;
                    break;
                default:
                    if (!(v instanceof String)) {
                        throw new IllegalArgumentException(where + " attribute '" + a.getKey() + "' must be a string");
                    }
                    count = 1;
            }
            if (spec.count >= 0 && count != spec.count) {
                throw new IllegalArgumentException(where + " attribute '" + a.getKey() + "' needs " + spec.count
                        + " value(s), has " + count);
            }
        }
        String act = n.attributes().string("activation", null);
        if (act != null) {
            Activation a = Activation.fromFileName(act);
            if (a == null) {
                throw new IllegalArgumentException(where + " has unknown activation '" + act + "'");
            }
            boolean parametric = a == Activation.HARD_SIGMOID || a == Activation.CLIP;
            if (parametric != (n.attributes().has("act_alpha") && n.attributes().has("act_beta"))) {
                throw new IllegalArgumentException(where + " activation '" + act + "' "
                        + (parametric ? "needs" : "takes no") + " act_alpha/act_beta");
            }
        }
        if (n.op() == OpType.HARD_SIGMOID && !(n.attributes().has("alpha") && n.attributes().has("beta"))) {
            throw new IllegalArgumentException(where + " needs attributes alpha and beta");
        }
        if (n.op() == OpType.CLIP && !(n.attributes().has("min") && n.attributes().has("max"))) {
            throw new IllegalArgumentException(where + " needs attributes min and max");
        }
        if (n.op() == OpType.RESHAPE && !n.attributes().has("shape")) {
            throw new IllegalArgumentException(where + " needs attribute shape");
        }
        if ((n.op() == OpType.MAX_POOL || n.op() == OpType.AVERAGE_POOL) && !n.attributes().has("kernel")) {
            throw new IllegalArgumentException(where + " needs attribute kernel");
        }
        if (n.op() == OpType.RESIZE) {
            checkResize(n, where);
        }
    }

    private static void checkResize(Node n, String where) {
        if (!(n.attributes().has("scales") && n.attributes().has("mode"))) {
            throw new IllegalArgumentException(where + " needs attributes scales and mode");
        }
        for (int f : n.attributes().ints("scales")) {
            if (f < 1 || f > MAX_DIM) {
                throw new IllegalArgumentException(where + " scale " + f + " is not a positive integer factor");
            }
        }
        if (ResizeMode.fromFileName(n.attributes().string("mode", null)) == null) {
            throw new IllegalArgumentException(where + " has unsupported mode '" + n.attributes().string("mode", null)
                    + "' (linear or nearest)");
        }
    }

    /** Ops whose parameters the kernels pre-pack need them to be constants. */
    private static void checkConstantInputs(Graph g, Node n, String where) {
        int first;
        switch (n.op()) {
            case CONV:
            case GEMM:
                first = 1;
                break;
            case BATCH_NORM:
                first = 1;
                break;
            default:
                return;
        }
        for (int i = first; i < n.inputs().size(); i++) {
            if (!g.isWeight(n.input(i))) {
                throw new IllegalArgumentException(where + " input " + i + " ('" + n.input(i)
                        + "') must be a weight, not a computed value");
            }
        }
        if (g.isWeight(n.input(0))) {
            throw new IllegalArgumentException(where + " input 0 must be a computed value");
        }
    }
}
