package io.blurfilter.engine.graph;

import io.blurfilter.engine.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A single-input dataflow graph with one classifier output and optionally a {@link MapOutput}: nodes in execution (topological) order plus the
 * constant tensors (weights) they read. The input shape may hold -1 for dims fixed only at run time
 * (batch, height, width). Immutable; {@link GraphValidator} checks it, {@link ShapeInference} sizes it.
 */
public final class Graph {
    private final String inputName;
    private final int[] inputShape;
    private final String outputName;
    /** Null when the graph has no map head. */
    private final MapOutput mapOutput;
    private final List<Node> nodes;
    private final Map<String, Tensor> weights;

    public Graph(String inputName, int[] inputShape, String outputName, List<Node> nodes,
            Map<String, Tensor> weights) {
        this(inputName, inputShape, outputName, null, nodes, weights);
    }

    /** A graph with a second output, the map head's, or none when {@code mapOutput} is null. */
    public Graph(String inputName, int[] inputShape, String outputName, MapOutput mapOutput, List<Node> nodes,
            Map<String, Tensor> weights) {
        this.mapOutput = mapOutput;
        this.inputName = inputName;
        this.inputShape = inputShape.clone();
        this.outputName = outputName;
        this.nodes = ListCopies.of(nodes, "nodes");
        this.weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
    }

    public String inputName() {
        return inputName;
    }

    /** Declared input shape, -1 where the dim is dynamic. */
    public int[] inputShape() {
        return inputShape.clone();
    }

    public String outputName() {
        return outputName;
    }

    /** The map head's output, or null when the graph has none. */
    public MapOutput mapOutput() {
        return mapOutput;
    }

    /** This graph without the nodes only the map output needs ({@link GraphPruner}); itself when there are none. */
    public Graph classifierOnly() {
        return GraphPruner.classifierOnly(this);
    }

    public List<Node> nodes() {
        return nodes;
    }

    public Map<String, Tensor> weights() {
        return weights;
    }

    public Tensor weight(String name) {
        return weights.get(name);
    }

    public boolean isWeight(String name) {
        return weights.containsKey(name);
    }

    /** Number of float parameters over all weights. */
    public long parameterCount() {
        long n = 0;
        for (Tensor t : weights.values()) {
            n += t.size();
        }
        return n;
    }

    /** Count of nodes per op type, in op order; handy for summaries and tests. */
    public Map<OpType, Integer> opCounts() {
        Map<OpType, Integer> counts = new java.util.EnumMap<>(OpType.class);
        for (Node n : nodes) {
            counts.merge(n.op(), 1, Integer::sum);
        }
        return counts;
    }

    public Graph withNodes(List<Node> newNodes, Map<String, Tensor> newWeights) {
        return new Graph(inputName, inputShape, outputName, mapOutput, newNodes, newWeights);
    }
}
