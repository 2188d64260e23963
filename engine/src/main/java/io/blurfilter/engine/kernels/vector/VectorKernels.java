package io.blurfilter.engine.kernels.vector;

import io.blurfilter.engine.graph.Graph;
import io.blurfilter.engine.kernels.plain.NhwcCompiler;
import io.blurfilter.engine.runtime.Kernels;
import io.blurfilter.engine.runtime.Layer;
import io.blurfilter.engine.runtime.LayerSpec;
import io.blurfilter.engine.runtime.Plan;

/**
 * NHWC kernels on the Vector API ({@code jdk.incubator.vector}). Only ever loaded reflectively by
 * {@code KernelSelector}, so nothing else links against the incubator module.
 */
public final class VectorKernels implements Kernels {
    private VectorKernels() {}

    /** The family, or null where vectors are too narrow to pay (fewer than 4 floats). */
    public static Kernels create() {
        return Lanes.L >= 4 ? new VectorKernels() : null;
    }

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public Layer create(LayerSpec spec) {
        return null;
    }

    @Override
    public Plan compileGraph(Graph g, int[] inputShape, Kernels fallback) {
        return new NhwcCompiler(g, inputShape, fallback, VectorOps.INSTANCE, name()).compile();
    }
}
