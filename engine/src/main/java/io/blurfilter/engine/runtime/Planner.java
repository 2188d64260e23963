package io.blurfilter.engine.runtime;

import io.blurfilter.engine.Shapes;
import io.blurfilter.engine.Tensor;
import io.blurfilter.engine.graph.Graph;
import io.blurfilter.engine.graph.Node;
import io.blurfilter.engine.graph.ResizeMode;
import io.blurfilter.engine.graph.ShapeInference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles a graph for one input shape into a {@link Plan}: which layer runs each node (asking one
 * family's {@link LayerOps}), in which layout each value lives, and which workspace slot holds it.
 * Values share slots once their last reader has run, and shape-preserving unary ops run in place on
 * an input nobody reads later, so the workspace is a few activations in size.
 *
 * <p>Each value keeps the layout its producer wrote: NHWC after a convolution the family runs itself,
 * NCHW otherwise. A consumer that needs the other layout gets a converted copy (made once, kept while
 * the value lives). Values with one channel or one pixel are the same in both layouts, so after the
 * global pool nothing is converted. The graph input arrives NCHW and a direct convolution reads it
 * as it is; the output is converted back to NCHW if needed. So every family's plan means the same:
 * NCHW in, NCHW out, and for the reference family NCHW throughout.
 */
public final class Planner {
    private final Graph g;
    private final int[] inputShape;
    private final LayerOps ops;
    /** The map head's output the plan also copies out, or null for a classifier-only plan. */
    private final String mapValue;
    private final SlotAllocator slots = new SlotAllocator();
    private final Map<String, Integer> lastUse = new HashMap<>();
    /** Slot of each live value in the layout its producer wrote. */
    private final Map<String, Integer> slotOf = new HashMap<>();
    private final Map<String, Boolean> nhwcOf = new HashMap<>();
    /** Converted copies, keyed by value; released with the value. */
    private final Map<String, Integer> copyOf = new HashMap<>();
    private final List<Layer> layers = new ArrayList<>();
    private final Map<String, Plan.Site> sites = new HashMap<>();
    private Map<String, int[]> shapes;
    private boolean usedNchw;

    private Planner(Graph g, int[] inputShape, LayerOps ops, String mapValue) {
        this.g = g;
        this.inputShape = inputShape.clone();
        this.ops = ops;
        this.mapValue = mapValue;
    }

    /**
     * The plan of {@code g} for {@code inputShape} on {@code family}'s layers. Runs every node of
     * {@code g}: classification passes the graph {@link Graph#classifierOnly() without its map head}.
     */
    public static Plan plan(Graph g, int[] inputShape, LayerOps family) {
        return new Planner(g, inputShape, family, null).compile();
    }

    /**
     * The plan of {@code g} that computes both outputs in one run: the classifier's and its
     * {@link Graph#mapOutput() map head}'s ({@link Plan#run(float[], float[], float[], float[][], Plan.Parallel)}).
     */
    public static Plan planWithMap(Graph g, int[] inputShape, LayerOps family) {
        if (g.mapOutput() == null) {
            throw new IllegalArgumentException("the graph has no map output");
        }
        return new Planner(g, inputShape, family, g.mapOutput().value()).compile();
    }

    private Plan compile() {
        shapes = ShapeInference.infer(g, inputShape);
        List<Node> nodes = g.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            for (String in : nodes.get(i).inputs()) {
                lastUse.put(in, i);
            }
        }
        lastUse.put(g.outputName(), Integer.MAX_VALUE);
        if (mapValue != null) {
            lastUse.put(mapValue, Integer.MAX_VALUE);
        }
        lastUse.put(g.inputName(), Integer.MAX_VALUE); // the plan copies the input there every run
        int inputSlot = slots.take(size(g.inputName()));
        slotOf.put(g.inputName(), inputSlot);
        nhwcOf.put(g.inputName(), false);
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            compileNode(i, n);
            sites.put(n.output(), new Plan.Site(layers.size(), slotOf.get(n.output()), nhwcOf.get(n.output()),
                    shapes.get(n.output())));
        }
        int outSlot = slotIn(g.outputName(), false);
        int mapSlot = mapValue == null ? -1 : slotIn(mapValue, false);
        String used = usedNchw && !ops.nchwName().equals(ops.name()) ? ops.name() + "+" + ops.nchwName() : ops.name();
        return new Plan(layers, slots.sizes(), inputSlot, outSlot, inputShape, shapes.get(g.outputName()), mapSlot,
                mapValue == null ? null : shapes.get(mapValue), used, sites);
    }

    private void compileNode(int i, Node n) {
        switch (n.op()) {
            case CONV:
                if (!conv(i, n)) {
                    viaNchw(i, n);
                }
                return;
            case GLOBAL_AVERAGE_POOL:
                if (!fromNhwc(i, n, (in, out) -> ops.nhwcGlobalAveragePool(in, out, shapes.get(n.input(0))))) {
                    viaNchw(i, n);
                }
                return;
            case ADD: case SUB: case MUL: case DIV:
                if (!binary(i, n)) {
                    viaNchw(i, n);
                }
                return;
            case RELU: case RELU6: case HARD_SWISH: case HARD_SIGMOID: case SIGMOID: case CLIP: case SCALE:
            case IDENTITY: case LOG:
                elementwise(i, n);
                return;
            case RESIZE:
                if (!fromNhwc(i, n, (in, out) -> ops.nhwcResize(in, out, shapes.get(n.input(0)),
                        n.attributes().ints("scales"), ResizeMode.fromFileName(n.attributes().string("mode", null))))) {
                    viaNchw(i, n);
                }
                return;
            default:
                viaNchw(i, n);
        }
    }

    /** The family's NHWC layer from one input slot to one output slot. */
    private interface NhwcLayer {
        Layer of(int in, int out);
    }

    /**
     * A one-input layer on the value where it is, when it is spatial and held NHWC (pooling to a
     * vector, resizing): false leaves the node to {@link #viaNchw}.
     */
    private boolean fromNhwc(int i, Node n, NhwcLayer layer) {
        if (!isSpatial(n.input(0)) || !nhwcOf.get(n.input(0))) {
            return false;
        }
        int in = slotOf.get(n.input(0));
        layers.add(layer.of(in, newOutput(i, n, true)));
        releaseInputs(i, n);
        return true;
    }

    /** A convolution on the family's own NHWC layer, when it has one. */
    private boolean conv(int i, Node n) {
        String x = n.input(0);
        if (g.isWeight(x) || !g.isWeight(n.input(1)) || (n.inputs().size() > 2 && !g.isWeight(n.input(2)))) {
            return false;
        }
        Tensor b = n.inputs().size() > 2 ? g.weight(n.input(2)) : null;
        NhwcConv conv = ops.conv(n, shapes.get(x), shapes.get(n.output()), g.weight(n.input(1)), b);
        if (conv == null) {
            return false;
        }
        boolean nchw = conv.readsNchw() && isSpatial(x) && !nhwcOf.get(x) && !copyOf.containsKey(x);
        int in = nchw ? slotOf.get(x) : slotIn(x, true);
        int[] scratch = takeScratch(conv.scratchFloats());
        Layer layer = conv.layer(nchw, in, newOutput(i, n, true), scratch);
        releaseScratch(scratch);
        if (layer == null) {
            throw new IllegalStateException(ops.name() + " kernels declined " + n);
        }
        layers.add(layer);
        releaseInputs(i, n);
        return true;
    }

    /** Add/Sub/Mul/Div in NHWC: elementwise when the operands need no broadcast, or per channel. */
    private boolean binary(int i, Node n) {
        String a = n.input(0);
        String b = n.input(1);
        String layoutSource = isSpatial(a) && !g.isWeight(a) ? a : isSpatial(b) && !g.isWeight(b) ? b : null;
        if (layoutSource == null) {
            return false;
        }
        if (sameOrScalar(a, n) && sameOrScalar(b, n)) {
            boolean nhwc = nhwcOf.get(layoutSource);
            runAsIs(i, n, nhwc, nhwc);
            return true;
        }
        String image = isSpatial(a) && !g.isWeight(a) ? a : b;
        String other = image.equals(a) ? b : a;
        int[] is = shapes.get(image);
        int[] os = shapes.get(other);
        if (!nhwcOf.get(image) || !Arrays.equals(is, shapes.get(n.output()))
                || os.length != 4 || os[1] != is[1] || os[2] != 1 || os[3] != 1 || (os[0] != 1 && os[0] != is[0])) {
            return false;
        }
        int imageSlot = slotOf.get(image);
        int otherSlot = g.isWeight(other) ? -1 : slotIn(other, true);
        float[] constant = g.isWeight(other) ? g.weight(other).data() : null;
        int out = inPlaceOr(i, n, image, true);
        layers.add(ops.nhwcChannelBroadcast(n.op(), image.equals(a), imageSlot, otherSlot, constant, out, is, os[0]));
        releaseInputs(i, n);
        return true;
    }

    /** A scalar, or a computed spatial value of the output's shape: raw memory lines up in either layout. */
    private boolean sameOrScalar(String v, Node n) {
        int[] s = shapes.get(v);
        return Shapes.elementCount(s) == 1
                || (!g.isWeight(v) && isSpatial(v) && Arrays.equals(s, shapes.get(n.output())));
    }

    /** Shape-preserving unary ops read raw memory, so they run in whatever layout their input has. */
    private void elementwise(int i, Node n) {
        String x = n.input(0);
        boolean nhwc = !g.isWeight(x) && nhwcOf.getOrDefault(x, false) && isSpatial(x);
        runAsIs(i, n, nhwc, nhwc);
    }

    /** An NCHW layer over the inputs' memory as it is (layout-blind ops). */
    private void runAsIs(int i, Node n, boolean inputsNhwc, boolean outputNhwc) {
        int arity = n.inputs().size();
        int[] inSlots = new int[arity];
        for (int k = 0; k < arity; k++) {
            String v = n.input(k);
            inSlots[k] = g.isWeight(v) ? -1 : isSpatial(v) ? slotIn(v, inputsNhwc) : slotOf.get(v);
        }
        boolean unary = arity == 1 && !g.isWeight(n.input(0));
        int out = unary ? inPlaceOr(i, n, n.input(0), outputNhwc) : newOutput(i, n, outputNhwc);
        addNchw(n, inSlots, out);
        releaseInputs(i, n);
    }

    /** Any other node: spatial inputs as NCHW, the family's NCHW layer, an NCHW output. */
    private void viaNchw(int i, Node n) {
        int arity = n.inputs().size();
        int[] inSlots = new int[arity];
        for (int k = 0; k < arity; k++) {
            String v = n.input(k);
            inSlots[k] = g.isWeight(v) ? -1 : slotIn(v, false);
        }
        int out = newOutput(i, n, false);
        addNchw(n, inSlots, out);
        releaseInputs(i, n);
    }

    private void addNchw(Node n, int[] inSlots, int out) {
        int arity = n.inputs().size();
        int[][] inShapes = new int[arity][];
        Tensor[] constants = new Tensor[arity];
        for (int k = 0; k < arity; k++) {
            inShapes[k] = shapes.get(n.input(k));
            constants[k] = g.weight(n.input(k));
        }
        layers.add(ops.nchw(new LayerSpec(n, inShapes, shapes.get(n.output()), constants, inSlots, out)));
        usedNchw = true;
    }

    /**
     * A slot a layer uses only while it runs. Taken before the layer's output so the two differ, and
     * released at once: later layers may reuse it, so the layer must not expect it to keep anything.
     */
    private int takeScratch(int floats) {
        return floats > 0 ? slots.take(floats) : -1;
    }

    /** {@link #takeScratch(int)} for each size, all held at once. */
    private int[] takeScratch(int[] floats) {
        int[] taken = new int[floats.length];
        for (int j = 0; j < floats.length; j++) {
            taken[j] = takeScratch(floats[j]);
        }
        return taken;
    }

    private void releaseScratch(int[] taken) {
        for (int slot : taken) {
            releaseScratch(slot);
        }
    }

    private void releaseScratch(int slot) {
        if (slot >= 0) {
            slots.release(slot);
        }
    }

    /** The slot holding {@code v} in the wanted layout, converting (once) when it is spatial. */
    private int slotIn(String v, boolean nhwc) {
        int slot = slotOf.get(v);
        if (!isSpatial(v) || nhwcOf.get(v) == nhwc) {
            return slot;
        }
        Integer copy = copyOf.get(v);
        if (copy == null) {
            copy = slots.take(size(v));
            layers.add(ops.layoutChange(nhwc, slot, copy, shapes.get(v)));
            copyOf.put(v, copy);
        }
        return copy;
    }

    /** The input's slot when this node is its last reader (ops that may run in place), else a new one. */
    private int inPlaceOr(int i, Node n, String input, boolean nhwc) {
        if (!g.isWeight(input) && lastUse.get(input) == i && !copyOf.containsKey(input)
                && nhwcOf.get(input) == nhwc && size(input) == size(n.output())) {
            int slot = slotOf.get(input);
            slotOf.remove(input);
            slotOf.put(n.output(), slot);
            nhwcOf.put(n.output(), nhwc);
            return slot;
        }
        return newOutput(i, n, nhwc);
    }

    private int newOutput(int i, Node n, boolean nhwc) {
        int slot = slots.take(size(n.output()));
        slotOf.put(n.output(), slot);
        nhwcOf.put(n.output(), nhwc);
        return slot;
    }

    private void releaseInputs(int i, Node n) {
        for (String v : n.inputs()) {
            if (g.isWeight(v) || lastUse.get(v) != i) {
                continue;
            }
            Integer slot = slotOf.remove(v);
            if (slot != null) {
                slots.release(slot);
            }
            Integer copy = copyOf.remove(v);
            if (copy != null) {
                slots.release(copy);
            }
        }
    }

    /** Rank 4 with more than one channel and more than one pixel: the layouts differ. */
    private boolean isSpatial(String v) {
        int[] s = shapes.get(v);
        return s.length == 4 && s[1] > 1 && s[2] * s[3] > 1;
    }

    private int size(String v) {
        return Math.toIntExact(Shapes.elementCount(shapes.get(v)));
    }
}
