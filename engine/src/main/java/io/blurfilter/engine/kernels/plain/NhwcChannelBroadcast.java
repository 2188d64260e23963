package io.blurfilter.engine.kernels.plain;

import io.blurfilter.engine.graph.OpType;
import io.blurfilter.engine.runtime.Layer;

/**
 * An NHWC image combined with one value per channel ([N or 1, C, 1, 1]), e.g. the squeeze-excitation
 * scale: each pixel's channel run times the channel vector. May run in place.
 */
final class NhwcChannelBroadcast implements Layer {
    private final OpType op;
    private final boolean imageFirst;
    private final int image;
    private final float[] constant;
    private final int channelsSlot;
    private final int out;
    private final int batch;
    private final int pixels;
    private final int c;
    private final int channelBatchStride;

    /**
     * @param channels the per-channel operand's slot, or -1 when it is {@code constant}
     * @param imageFirst whether the image is the op's first input (matters for Sub and Div)
     */
    NhwcChannelBroadcast(OpType op, boolean imageFirst, int image, int channels, float[] constant, int out,
            int[] imageShape, int channelBatch) {
        this.op = op;
        this.imageFirst = imageFirst;
        this.image = image;
        this.channelsSlot = channels;
        this.constant = constant;
        this.out = out;
        this.batch = imageShape[0];
        this.c = imageShape[1];
        this.pixels = imageShape[2] * imageShape[3];
        this.channelBatchStride = channelBatch == 1 ? 0 : c;
    }

    @Override
    public void forward(float[][] slots) {
        float[] x = slots[image];
        float[] s = channelsSlot >= 0 ? slots[channelsSlot] : constant;
        float[] y = slots[out];
        for (int n = 0; n < batch; n++) {
            int so = n * channelBatchStride;
            int base = n * pixels * c;
            for (int px = 0; px < pixels; px++) {
                int o = base + px * c;
                switch (op) {
                    case MUL:
                        for (int ch = 0; ch < c; ch++) {
                            y[o + ch] = x[o + ch] * s[so + ch];
                        }
                        break;
                    case ADD:
                        for (int ch = 0; ch < c; ch++) {
                            y[o + ch] = x[o + ch] + s[so + ch];
                        }
                        break;
                    case SUB:
                        for (int ch = 0; ch < c; ch++) {
                            y[o + ch] = imageFirst ? x[o + ch] - s[so + ch] : s[so + ch] - x[o + ch];
                        }
                        break;
                    default:
                        for (int ch = 0; ch < c; ch++) {
                            y[o + ch] = imageFirst ? x[o + ch] / s[so + ch] : s[so + ch] / x[o + ch];
                        }
                }
            }
        }
    }
}
