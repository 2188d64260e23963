package io.blurfilter.engine.kernels;

import io.blurfilter.engine.graph.Attributes;
import io.blurfilter.engine.runtime.Layer;
import io.blurfilter.engine.runtime.LayerSpec;

/**
 * Gemm: y = alpha * x @ op(W) + beta * B with x [M, K]. The weight is re-laid out once as [N, K]
 * (alpha folded in) so every output is one contiguous dot product.
 */
final class FullyConnected implements Layer {
    private final int in;
    private final int out;
    private final int m;
    private final int k;
    private final int n;
    private final float[] weightNK;
    private final float[] bias;
    private final ActivationFunction act;

    FullyConnected(LayerSpec spec) {
        Attributes a = spec.node.attributes();
        int[] w = spec.inputShape(1);
        boolean transB = a.intValue("transB", 0) != 0;
        float alpha = a.floatValue("alpha", 1f);
        float beta = a.floatValue("beta", 1f);
        in = spec.inputSlot(0);
        out = spec.outputSlot;
        m = spec.inputShape(0)[0];
        k = transB ? w[1] : w[0];
        n = transB ? w[0] : w[1];
        float[] src = spec.constants[1].data();
        weightNK = new float[n * k];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < k; i++) {
                weightNK[j * k + i] = alpha * (transB ? src[j * k + i] : src[i * n + j]);
            }
        }
        bias = new float[n];
        if (spec.constants.length > 2) {
            float[] b = spec.constants[2].data();
            for (int j = 0; j < n; j++) {
                bias[j] = beta * (b.length == 1 ? b[0] : b[j]);
            }
        }
        act = ActivationFunction.fused(a);
    }

    @Override
    public void forward(float[][] slots) {
        float[] x = slots[in];
        float[] y = slots[out];
        for (int r = 0; r < m; r++) {
            for (int j = 0; j < n; j++) {
                float sum = 0f;
                int wRow = j * k;
                int xRow = r * k;
                for (int i = 0; i < k; i++) {
                    sum += x[xRow + i] * weightNK[wRow + i];
                }
                y[r * n + j] = sum + bias[j];
            }
            act.apply(y, r * n, r * n + n);
        }
    }
}
