package io.blurfilter.engine.kernels.plain;

import io.blurfilter.engine.graph.Graph;
import io.blurfilter.engine.runtime.Kernels;
import io.blurfilter.engine.runtime.Layer;
import io.blurfilter.engine.runtime.LayerSpec;
import io.blurfilter.engine.runtime.Plan;

/**
 * Plain-Java kernels over NHWC activations: the fast path wherever the Vector API is missing
 * (Android, JVMs started without {@code --add-modules jdk.incubator.vector}).
 */
public final class PlainKernels implements Kernels {
    public static final PlainKernels INSTANCE = new PlainKernels();

    private PlainKernels() {}

    @Override
    public String name() {
        return "plain";
    }

    /** Never asked node by node: the whole graph goes through {@link #compileGraph}. */
    @Override
    public Layer create(LayerSpec spec) {
        return null;
    }

    @Override
    public Plan compileGraph(Graph g, int[] inputShape, Kernels fallback) {
        return new NhwcCompiler(g, inputShape, fallback, PlainOps.INSTANCE, name()).compile();
    }
}
