package io.blurfilter.engine.runtime;

import io.blurfilter.engine.Tensor;
import io.blurfilter.engine.graph.Node;
import io.blurfilter.engine.graph.OpType;
import io.blurfilter.engine.graph.ResizeMode;

/**
 * One kernel family's layers, as the {@link Planner} asks for them. Every node has a layer over NCHW
 * values ({@link #nchw}). A family with convolutions of its own over NHWC values answers {@link #conv}
 * for them, and the planner keeps activations NHWC from there on, asking the family for the few NHWC
 * layers in between (global pool, channel broadcast, resize) and for layout changes where a consumer
 * needs the other layout. The reference family is the NCHW one: it answers {@link #conv} with null for every convolution, so its plans hold
 * every value NCHW and it is never asked for an NHWC layer.
 */
public interface LayerOps {
    /** The family's name, as {@link Plan#kernels()} reports it ({@code vector}, {@code plain}, {@code reference}). */
    String name();

    /** The layer for {@code spec}'s node over NCHW values: every op has one. */
    Layer nchw(LayerSpec spec);

    /**
     * The family whose kernels {@link #nchw} hands out: {@link #name()} for the reference family; a
     * plan that used both is reported as {@code name+nchwName}.
     */
    String nchwName();

    /**
     * How this family runs a convolution with constant weights over NHWC values, or null to leave it
     * to {@link #nchw}. {@code input} and {@code output} are NCHW shapes, as the graph states them.
     */
    NhwcConv conv(Node node, int[] input, int[] output, Tensor weight, Tensor bias);

    /** Global average pooling of an NHWC value of NCHW shape {@code shape}, to {@code [N, C, 1, 1]}. */
    Layer nhwcGlobalAveragePool(int in, int out, int[] shape);

    /**
     * {@code op} between an NHWC value of NCHW shape {@code imageShape} and a per-channel operand
     * {@code [otherBatch, C, 1, 1]}: in slot {@code otherSlot}, or {@code constant} when that is -1.
     * {@code imageFirst} says which operand comes first (it matters for Sub and Div).
     */
    Layer nhwcChannelBroadcast(OpType op, boolean imageFirst, int imageSlot, int otherSlot, float[] constant,
            int out, int[] imageShape, int otherBatch);

    /**
     * {@link OpType#RESIZE} of an NHWC value of NCHW shape {@code shape} by the (H, W) factors
     * {@code scales}, to NHWC.
     */
    Layer nhwcResize(int in, int out, int[] shape, int[] scales, ResizeMode mode);

    /** Copies a value of NCHW shape {@code shape} from slot {@code from} to {@code to}, to NHWC or back to NCHW. */
    Layer layoutChange(boolean toNhwc, int from, int to, int[] shape);
}
