package io.blurfilter.engine.runtime;

import io.blurfilter.engine.Tensor;
import io.blurfilter.engine.graph.Node;

/**
 * Everything a kernel factory needs to build the layer for one node: the node, concrete shapes, which
 * inputs are constants (their tensors) and which workspace slots hold the computed ones.
 */
public final class LayerSpec {
    public final Node node;
    public final int[][] inputShapes;
    public final int[] outputShape;
    /** Per input: the weight tensor, or null when the input is computed at run time. */
    public final Tensor[] constants;
    /** Per input: the workspace slot, or -1 for constants. */
    public final int[] inputSlots;
    public final int outputSlot;

    public LayerSpec(Node node, int[][] inputShapes, int[] outputShape, Tensor[] constants, int[] inputSlots,
            int outputSlot) {
        this.node = node;
        this.inputShapes = inputShapes;
        this.outputShape = outputShape;
        this.constants = constants;
        this.inputSlots = inputSlots;
        this.outputSlot = outputSlot;
    }

    public int[] inputShape(int i) {
        return inputShapes[i];
    }

    public int inputSlot(int i) {
        return inputSlots[i];
    }
}
