package io.blurfilter.engine.runtime;

import io.blurfilter.engine.graph.Graph;

/**
 * A family of layer implementations. The plan asks the preferred kernels first and falls back to the
 * reference kernels for any node they decline (return null for), so a fast path may cover only the
 * ops that matter.
 */
public interface Kernels {
    String name();

    /** The layer for this node, or null to leave it to the fallback. */
    Layer create(LayerSpec spec);

    /**
     * Compiles the whole graph the family's own way (e.g. in its own memory layout), or returns null to
     * let {@link Plan#compile} go node by node. A plan built here must mean exactly what the node-by-node
     * plan means: same input and output, NCHW at both ends.
     */
    default Plan compileGraph(Graph g, int[] inputShape, Kernels fallback) {
        return null;
    }
}
