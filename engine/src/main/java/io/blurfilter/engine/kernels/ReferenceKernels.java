package io.blurfilter.engine.kernels;

import io.blurfilter.engine.Tensor;
import io.blurfilter.engine.graph.Activation;
import io.blurfilter.engine.graph.Attributes;
import io.blurfilter.engine.graph.Node;
import io.blurfilter.engine.graph.OpType;
import io.blurfilter.engine.graph.ResizeMode;
import io.blurfilter.engine.runtime.Layer;
import io.blurfilter.engine.runtime.LayerOps;
import io.blurfilter.engine.runtime.LayerSpec;
import io.blurfilter.engine.runtime.NhwcConv;

/**
 * Plain-Java kernels for every op, over NCHW: the NCHW family. Always available; what the NHWC
 * families run for the nodes they have no layer of their own for, and the reference those are
 * tested against.
 */
public final class ReferenceKernels implements LayerOps {
    public static final ReferenceKernels INSTANCE = new ReferenceKernels();

    private ReferenceKernels() {}

    @Override
    public String name() {
        return "reference";
    }

    @Override
    public String nchwName() {
        return name();
    }

    /** None: the reference runs every convolution NCHW ({@link #nchw}), so no value of its plans is NHWC. */
    @Override
    public NhwcConv conv(Node node, int[] input, int[] output, Tensor weight, Tensor bias) {
        return null;
    }

    @Override
    public Layer nhwcGlobalAveragePool(int in, int out, int[] shape) {
        throw noNhwc();
    }

    @Override
    public Layer nhwcChannelBroadcast(OpType op, boolean imageFirst, int imageSlot, int otherSlot, float[] constant,
            int out, int[] imageShape, int otherBatch) {
        throw noNhwc();
    }

    @Override
    public Layer nhwcResize(int in, int out, int[] shape, int[] scales, ResizeMode mode) {
        throw noNhwc();
    }

    @Override
    public Layer layoutChange(boolean toNhwc, int from, int to, int[] shape) {
        throw noNhwc();
    }

    private static IllegalStateException noNhwc() {
        return new IllegalStateException("the reference kernels hold no value NHWC: nothing to pool, broadcast, "
                + "resize or convert there");
    }

    @Override
    public Layer nchw(LayerSpec spec) {
        Attributes a = spec.node.attributes();
        switch (spec.node.op()) {
            case CONV:
                return conv(spec);
            case BATCH_NORM:
                return new ChannelAffine(spec);
            case RELU: case RELU6: case HARD_SWISH: case SIGMOID:
                return new Unary(spec, new ActivationFunction(Activation.of(spec.node.op()), 0, 0), 1f, 0f);
            case HARD_SIGMOID:
                return new Unary(spec, new ActivationFunction(Activation.HARD_SIGMOID, a.floatValue("alpha", 0.2f),
                        a.floatValue("beta", 0.5f)), 1f, 0f);
            case CLIP:
                return new Unary(spec, new ActivationFunction(Activation.CLIP, a.floatValue("min", 0f),
                        a.floatValue("max", 0f)), 1f, 0f);
            case SCALE:
                return new Unary(spec, ActivationFunction.NONE, a.floatValue("scale", 1f), a.floatValue("bias", 0f));
            case IDENTITY: case FLATTEN: case RESHAPE:
                return new Unary(spec, ActivationFunction.NONE, 1f, 0f);
            case LOG:
                return new NaturalLog(spec);
            case RESIZE:
                return new Resize(spec);
            case ADD: case SUB: case MUL: case DIV:
                return new Broadcast(spec);
            case GLOBAL_AVERAGE_POOL:
                return new GlobalAveragePool(spec);
            case MAX_POOL: case AVERAGE_POOL:
                return new WindowPool(spec);
            case GEMM:
                return new FullyConnected(spec);
            case SOFTMAX:
                return new Softmax(spec);
            default:
                throw new IllegalArgumentException("no reference kernel for " + spec.node.op());
        }
    }

    private static Layer conv(LayerSpec spec) {
        ConvParams g = new ConvParams(spec.node, spec.inputShape(0), spec.inputShape(1), spec.outputShape,
                spec.constants[1].data(), spec.constants.length > 2 ? spec.constants[2].data() : null);
        if (g.isPointwise()) {
            return new PointwiseConv(spec, g);
        }
        if (g.isDepthwise()) {
            return new DepthwiseConv(spec, g);
        }
        return new DirectConv(spec, g);
    }
}
