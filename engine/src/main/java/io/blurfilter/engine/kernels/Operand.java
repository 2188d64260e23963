package io.blurfilter.engine.kernels;

import io.blurfilter.engine.runtime.LayerSpec;

/** An op input that is either a constant (weights) or a workspace slot. */
final class Operand {
    private final float[] constant;
    private final int slot;

    private Operand(float[] constant, int slot) {
        this.constant = constant;
        this.slot = slot;
    }

    static Operand of(LayerSpec spec, int input) {
        return spec.constants[input] != null ? new Operand(spec.constants[input].data(), -1)
                : new Operand(null, spec.inputSlot(input));
    }

    float[] get(float[][] slots) {
        return constant != null ? constant : slots[slot];
    }
}
