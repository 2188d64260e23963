package io.blurfilter.engine.kernels;

import io.blurfilter.engine.runtime.Layer;
import io.blurfilter.engine.runtime.LayerSpec;

/** What every reference convolution holds: its parameters (weights, bias, fused activation) and slots. */
abstract class ConvLayer implements Layer {
    final ConvParams g;
    final float[] weight;
    /** Per output channel (zeros when the node has none). */
    final float[] bias;
    final ActivationFunction act;
    final int in;
    final int out;

    ConvLayer(LayerSpec spec, ConvParams g) {
        this.g = g;
        this.weight = g.weight;
        this.bias = g.bias;
        this.act = g.act;
        this.in = spec.inputSlot(0);
        this.out = spec.outputSlot;
    }

    float biasOf(int channel) {
        return bias[channel];
    }
}
