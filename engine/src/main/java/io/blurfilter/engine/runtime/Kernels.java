package io.blurfilter.engine.runtime;

/**
 * A family of layer implementations. The plan asks the preferred kernels first and falls back to the
 * reference kernels for any node they decline (return null for), so a fast path may cover only the
 * ops that matter.
 */
public interface Kernels {
    String name();

    /** The layer for this node, or null to leave it to the fallback. */
    Layer create(LayerSpec spec);
}
