package io.blurfilter.engine.kernels;

import io.blurfilter.engine.runtime.Layer;
import io.blurfilter.engine.runtime.LayerSpec;

/** What every reference convolution holds: its geometry, weights, fused bias/activation and slots. */
abstract class ConvLayer implements Layer {
    final ConvGeometry g;
    final float[] weight;
    /** Per output channel, or null for none. */
    final float[] bias;
    final ActivationFunction act;
    final int in;
    final int out;

    ConvLayer(LayerSpec spec, ConvGeometry g, float[] weight, float[] bias, ActivationFunction act) {
        this.g = g;
        this.weight = weight;
        this.bias = bias;
        this.act = act;
        this.in = spec.inputSlot(0);
        this.out = spec.outputSlot;
    }

    float biasOf(int channel) {
        return bias == null ? 0f : bias[channel];
    }
}
