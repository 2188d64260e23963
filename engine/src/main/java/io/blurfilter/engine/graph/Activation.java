package io.blurfilter.engine.graph;

/**
 * An activation fused into a Conv or Gemm, stored as the op attribute {@code activation} (plus
 * {@code alpha}, {@code beta} for hardsigmoid and {@code min}, {@code max} for clip).
 */
public enum Activation {
    NONE("none"),
    RELU("relu"),
    RELU6("relu6"),
    HARD_SWISH("hardswish"),
    HARD_SIGMOID("hardsigmoid"),
    SIGMOID("sigmoid"),
    CLIP("clip");

    private final String fileName;

    Activation(String fileName) {
        this.fileName = fileName;
    }

    public String fileName() {
        return fileName;
    }

    public static Activation fromFileName(String s) {
        for (Activation a : values()) {
            if (a.fileName.equals(s)) {
                return a;
            }
        }
        return null;
    }

    /** The standalone op that computes this activation, or null for NONE. */
    public OpType op() {
        switch (this) {
            case RELU: return OpType.RELU;
            case RELU6: return OpType.RELU6;
            case HARD_SWISH: return OpType.HARD_SWISH;
            case HARD_SIGMOID: return OpType.HARD_SIGMOID;
            case SIGMOID: return OpType.SIGMOID;
            case CLIP: return OpType.CLIP;
            default: return null;
        }
    }

    /** The activation a standalone op computes, or null when the op is no activation. */
    public static Activation of(OpType op) {
        for (Activation a : values()) {
            if (a.op() == op && op != null) {
                return a;
            }
        }
        return null;
    }
}
