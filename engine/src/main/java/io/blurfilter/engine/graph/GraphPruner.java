package io.blurfilter.engine.graph;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The part of a graph one output needs. Classification plans the classifier output's part only, so a
 * map head's nodes cost a {@code classify} call nothing.
 */
public final class GraphPruner {
    private GraphPruner() {}

    /** The nodes and weights {@code g}'s classifier output depends on, as a graph without a map output. */
    public static Graph classifierOnly(Graph g) {
        Set<String> needed = new HashSet<>();
        needed.add(g.outputName());
        List<Node> kept = new ArrayList<>();
        List<Node> nodes = g.nodes();
        for (int i = nodes.size() - 1; i >= 0; i--) {
            Node n = nodes.get(i);
            if (needed.contains(n.output())) {
                kept.add(0, n);
                needed.addAll(n.inputs());
            }
        }
        if (kept.size() == nodes.size() && g.mapOutput() == null) {
            return g;
        }
        Map<String, io.blurfilter.engine.Tensor> weights = new LinkedHashMap<>();
        for (Map.Entry<String, io.blurfilter.engine.Tensor> e : g.weights().entrySet()) {
            if (needed.contains(e.getKey())) {
                weights.put(e.getKey(), e.getValue());
            }
        }
        return new Graph(g.inputName(), g.inputShape(), g.outputName(), null, kept, weights);
    }
}
