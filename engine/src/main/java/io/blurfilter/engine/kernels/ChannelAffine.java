package io.blurfilter.engine.kernels;

import io.blurfilter.engine.runtime.Layer;
import io.blurfilter.engine.runtime.LayerSpec;

/**
 * A BatchNorm that could not be folded into a conv: y = x * k[c] + t[c], with k = scale/sqrt(var+eps)
 * and t = bias - mean*k computed once.
 */
final class ChannelAffine implements Layer {
    private final int in;
    private final int out;
    private final float[] k;
    private final float[] t;
    private final int batch;
    private final int channels;
    private final int inner;

    ChannelAffine(LayerSpec spec) {
        this.in = spec.inputSlot(0);
        this.out = spec.outputSlot;
        int[] s = spec.inputShape(0);
        this.batch = s[0];
        this.channels = s[1];
        int n = 1;
        for (int i = 2; i < s.length; i++) {
            n *= s[i];
        }
        this.inner = n;
        float eps = spec.node.attributes().floatValue("epsilon", 1e-5f);
        float[] scale = spec.constants[1].data();
        float[] beta = spec.constants[2].data();
        float[] mean = spec.constants[3].data();
        float[] var = spec.constants[4].data();
        k = new float[channels];
        t = new float[channels];
        for (int c = 0; c < channels; c++) {
            k[c] = (float) (scale[c] / Math.sqrt((double) var[c] + eps));
            t[c] = beta[c] - mean[c] * k[c];
        }
    }

    @Override
    public void forward(float[][] slots) {
        float[] x = slots[in];
        float[] y = slots[out];
        for (int n = 0; n < batch; n++) {
            for (int c = 0; c < channels; c++) {
                int base = (n * channels + c) * inner;
                for (int i = base; i < base + inner; i++) {
                    y[i] = x[i] * k[c] + t[c];
                }
            }
        }
    }
}
