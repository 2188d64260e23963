package io.blurfilter.engine.kernels;

import io.blurfilter.engine.graph.Activation;
import io.blurfilter.engine.graph.Attributes;
import io.blurfilter.engine.runtime.Kernels;
import io.blurfilter.engine.runtime.Layer;
import io.blurfilter.engine.runtime.LayerSpec;

/**
 * Plain-Java kernels for every op, over NCHW. Always available; the fallback for any node a faster
 * kernel family declines, and the reference those are tested against.
 */
public final class ReferenceKernels implements Kernels {
    public static final ReferenceKernels INSTANCE = new ReferenceKernels();

    private ReferenceKernels() {}

    @Override
    public String name() {
        return "reference";
    }

    @Override
    public Layer create(LayerSpec spec) {
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
