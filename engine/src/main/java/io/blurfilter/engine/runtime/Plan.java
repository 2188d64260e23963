package io.blurfilter.engine.runtime;

import io.blurfilter.engine.Shapes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A graph compiled for one concrete input shape by the {@link Planner}: the layers in order and the
 * workspace slots they read and write. Immutable; each session allocates its own
 * {@link #newWorkspace() workspace} once and reuses it.
 */
public final class Plan {
    private final List<Layer> layers;
    private final int[] slotSizes;
    private final int inputSlot;
    private final int outputSlot;
    private final int[] inputShape;
    private final int[] outputShape;
    private final int outputCount;
    /** -1 and null for a plan without the map head's output. */
    private final int mapSlot;
    private final int[] mapShape;
    private final int mapCount;
    private final String kernelsUsed;
    private final Map<String, Site> sites;

    /**
     * Layers over a workspace of {@code slotSizes}, the NCHW input copied into {@code inputSlot}, the
     * output read from {@code outputSlot}; {@code sites} says where each node's output is right after
     * the layer that computes it; {@code mapSlot} holds the map head's output NCHW at the end ({@code -1}
     * and {@code mapShape} null when the plan has none). The {@link Planner} makes plans.
     */
    Plan(List<Layer> layers, int[] slotSizes, int inputSlot, int outputSlot, int[] inputShape,
            int[] outputShape, int mapSlot, int[] mapShape, String kernelsUsed, Map<String, Site> sites) {
        this.mapSlot = mapSlot;
        this.mapShape = mapShape == null ? null : mapShape.clone();
        this.mapCount = mapShape == null ? 0 : Math.toIntExact(Shapes.elementCount(mapShape));
        this.layers = Collections.unmodifiableList(new ArrayList<>(layers));
        this.slotSizes = slotSizes.clone();
        this.inputSlot = inputSlot;
        this.outputSlot = outputSlot;
        this.inputShape = inputShape.clone();
        this.outputShape = outputShape.clone();
        this.outputCount = Math.toIntExact(Shapes.elementCount(outputShape));
        this.kernelsUsed = kernelsUsed;
        this.sites = Collections.unmodifiableMap(new HashMap<>(sites));
    }

    /**
     * Where a value of the graph is right after the layer that computes it: {@code slot} of the
     * workspace, holding it NCHW or NHWC. Later layers may reuse the slot once the value's last reader
     * has run, so a {@link Probe} reads it at exactly that point of the run.
     */
    public static final class Site {
        /** The number of layers that have run when the value is complete. */
        public final int afterLayer;
        public final int slot;
        /** Whether the slot holds the value NHWC ({@code [N, H, W, C]}) rather than NCHW. */
        public final boolean nhwc;
        private final int[] shape;

        public Site(int afterLayer, int slot, boolean nhwc, int[] shape) {
            this.afterLayer = afterLayer;
            this.slot = slot;
            this.nhwc = nhwc;
            this.shape = shape.clone();
        }

        /** The value's shape, NCHW as the graph states it whatever the layout in the slot. */
        public int[] shape() {
            return shape.clone();
        }
    }

    /** Reads a value out of the workspace during a run ({@link #run(float[], float[], float[][], Parallel, Site, Probe)}). */
    public interface Probe {
        void read(float[] values, Site site);
    }

    /** Where {@code value} is when it has been computed, or null when no layer computes it (an input, a weight). */
    public Site site(String value) {
        return sites.get(value);
    }

    /** Fresh buffers for one session. */
    public float[][] newWorkspace() {
        float[][] ws = new float[slotSizes.length][];
        for (int i = 0; i < ws.length; i++) {
            ws[i] = new float[slotSizes[i]];
        }
        return ws;
    }

    /** Runs the layers; {@code input} is copied in, the result copied to {@code output}. */
    public void run(float[] input, float[] output, float[][] workspace) {
        run(input, output, workspace, null);
    }

    /**
     * Runs the layers, the splittable ones in parts on {@code parallel}'s threads when it is not null
     * (built by {@link #newParallel} for this workspace). Same results as the single-threaded run.
     */
    public void run(float[] input, float[] output, float[][] workspace, Parallel parallel) {
        run(input, output, workspace, parallel, null, null);
    }

    /**
     * {@link #run(float[], float[], float[][], Parallel)}, handing {@code probe} the workspace slot of
     * {@code site}'s value right after the layer that computes it (on the calling thread, before any
     * later layer runs). Same outputs as the run without a probe; {@code site} null for none.
     */
    public void run(float[] input, float[] output, float[][] workspace, Parallel parallel, Site site, Probe probe) {
        runLayers(input, workspace, parallel, site, probe);
        System.arraycopy(workspace[outputSlot], 0, output, 0, outputCount);
    }

    /**
     * One run giving both outputs of a plan {@link Planner#planWithMap made with the map head}: the
     * classifier's into {@code output}, the map head's ({@link #mapShape()}, NCHW) into {@code map}.
     */
    public void run(float[] input, float[] output, float[] map, float[][] workspace, Parallel parallel) {
        if (mapShape == null) {
            throw new IllegalStateException("this plan has no map output");
        }
        runLayers(input, workspace, parallel, null, null);
        System.arraycopy(workspace[outputSlot], 0, output, 0, outputCount);
        System.arraycopy(workspace[mapSlot], 0, map, 0, mapCount);
    }

    private void runLayers(float[] input, float[][] workspace, Parallel parallel, Site site, Probe probe) {
        System.arraycopy(input, 0, workspace[inputSlot], 0, input.length);
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            if (parallel != null && parallel.parts[i] > 1) {
                parallel.runner.run((SplittableLayer) layer, parallel.slots[i], parallel.parts[i]);
            } else {
                layer.forward(workspace);
            }
            if (site != null && i + 1 == site.afterLayer) {
                probe.read(workspace[site.slot], site);
            }
        }
    }

    /**
     * What one session needs to run this plan's splittable layers on {@code runner}'s threads over
     * {@code workspace}: per layer, its part count and per part a view of the workspace in which the
     * layer's scratch slots are private arrays (part 0 uses the workspace itself). Built once.
     */
    public Parallel newParallel(float[][] workspace, PartRunner runner) {
        int n = layers.size();
        int[] parts = new int[n];
        float[][][][] slots = new float[n][][][];
        Map<Long, float[]> privateScratch = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Layer layer = layers.get(i);
            parts[i] = layer instanceof SplittableLayer ? ((SplittableLayer) layer).partsFor(runner.parallelism()) : 1;
            if (parts[i] <= 1) {
                continue;
            }
            int[] scratch = ((SplittableLayer) layer).partScratchSlots();
            slots[i] = new float[parts[i]][][];
            slots[i][0] = workspace;
            for (int part = 1; part < parts[i]; part++) {
                float[][] view = workspace.clone();
                for (int s : scratch) {
                    long key = (long) part << 32 | s;
                    view[s] = privateScratch.computeIfAbsent(key, k -> new float[slotSizes[s]]);
                }
                slots[i][part] = view;
            }
        }
        return new Parallel(runner, parts, slots);
    }

    /** A session's parallel run state for one plan and workspace ({@link #newParallel}). */
    public static final class Parallel {
        final PartRunner runner;
        final int[] parts;
        final float[][][][] slots;

        private Parallel(PartRunner runner, int[] parts, float[][][][] slots) {
            this.runner = runner;
            this.parts = parts;
            this.slots = slots;
        }

        /** How many layers run in more than one part. */
        public int splitLayers() {
            int count = 0;
            for (int p : parts) {
                count += p > 1 ? 1 : 0;
            }
            return count;
        }
    }

    public int[] inputShape() {
        return inputShape.clone();
    }

    public int[] outputShape() {
        return outputShape.clone();
    }

    /** The map head's output shape {@code [N, 1, h, w]}, or null when this plan computes no map. */
    public int[] mapShape() {
        return mapShape == null ? null : mapShape.clone();
    }

    /** Which kernel families the layers came from, e.g. "vector+reference". */
    public String kernels() {
        return kernelsUsed;
    }

    /**
     * What runs each step, in order: each layer's class name (e.g. {@code VectorPointwise},
     * {@code PlainDepthwise}, {@code LayoutChange}). Tests pin the dispatch with it, so a layer that
     * quietly falls back to a slower family fails a test instead of only costing speed.
     */
    public List<String> layerKinds() {
        List<String> kinds = new ArrayList<>(layers.size());
        for (Layer layer : layers) {
            kinds.add(layer.getClass().getSimpleName());
        }
        return kinds;
    }
}
