package io.blurfilter.engine;

/**
 * How the output vector becomes a label. {@link Kind#THRESHOLD} is PaddleClas's ThreshOutput: the score
 * is {@code out[positiveIndex]}; at or above the threshold the label is the positive class, otherwise
 * the other class of a two-class model. {@link Kind#TOP1} takes the arg max. Models whose graph has
 * no softmax/sigmoid at the end say so with {@code outputIsProbability == false}.
 */
public final class Postprocessing {
    /** The rule. */
    public enum Kind { TOP1, THRESHOLD }

    private final Kind kind;
    private final float threshold;
    private final int positiveIndex;

    private Postprocessing(Kind kind, float threshold, int positiveIndex) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in [0, 1], got " + threshold);
        }
        if (positiveIndex < 0 || positiveIndex > 1) {
            throw new IllegalArgumentException("positive index must be 0 or 1, got " + positiveIndex);
        }
        this.kind = kind;
        this.threshold = threshold;
        this.positiveIndex = positiveIndex;
    }

    public static Postprocessing top1() {
        return new Postprocessing(Kind.TOP1, 0.5f, 1);
    }

    /** Two-class threshold on {@code out[positiveIndex]}. */
    public static Postprocessing threshold(float threshold, int positiveIndex) {
        return new Postprocessing(Kind.THRESHOLD, threshold, positiveIndex);
    }

    public Kind kind() {
        return kind;
    }

    public float threshold() {
        return threshold;
    }

    public int positiveIndex() {
        return positiveIndex;
    }

    @Override
    public String toString() {
        return kind == Kind.TOP1 ? "top1" : "threshold " + threshold + " on class " + positiveIndex;
    }
}
