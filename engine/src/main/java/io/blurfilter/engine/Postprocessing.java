package io.blurfilter.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How the output vector becomes a label. {@link Kind#THRESHOLD} is PaddleClas's ThreshOutput: the score
 * is {@code out[positiveIndex]}; at or above the threshold the label is the positive class, otherwise
 * the other class of a two-class model. {@link Kind#TOP1} takes the arg max. Models whose graph has
 * no softmax/sigmoid at the end say so with {@code outputIsProbability == false}.
 *
 * <p>A threshold model may also name other thresholds, its operating points (for the default blur
 * model {@code high}, {@code balanced}, {@code lenient}): each trades photos caught against sharp
 * photos flagged, and the model card gives the rates measured at each. They are part of the model
 * because they are only meaningful for the scores of the network they were measured on.
 */
public final class Postprocessing {
    /** The rule. */
    public enum Kind { TOP1, THRESHOLD }

    private static final Pattern POINT_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

    private final Kind kind;
    private final float threshold;
    private final int positiveIndex;
    private final Map<String, Float> operatingPoints;

    private Postprocessing(Kind kind, float threshold, int positiveIndex, Map<String, Float> operatingPoints) {
        checkThreshold(threshold, "threshold");
        if (positiveIndex < 0 || positiveIndex > 1) {
            throw new IllegalArgumentException("positive index must be 0 or 1, got " + positiveIndex);
        }
        if (kind == Kind.TOP1 && !operatingPoints.isEmpty()) {
            throw new IllegalArgumentException("operating points need a threshold rule, not top1");
        }
        Map<String, Float> points = new LinkedHashMap<>();
        for (Map.Entry<String, Float> p : operatingPoints.entrySet()) {
            if (p.getKey() == null || !POINT_NAME.matcher(p.getKey()).matches()) {
                throw new IllegalArgumentException("operating point name must be 1-32 of a-z, 0-9, '_', '-' "
                        + "starting with a letter, got '" + p.getKey() + "'");
            }
            checkThreshold(p.getValue() == null ? Float.NaN : p.getValue(), "operating point " + p.getKey());
            points.put(p.getKey(), p.getValue());
        }
        this.kind = kind;
        this.threshold = threshold;
        this.positiveIndex = positiveIndex;
        this.operatingPoints = Collections.unmodifiableMap(points);
    }

    private static void checkThreshold(float t, String what) {
        if (!(t >= 0 && t <= 1)) {
            throw new IllegalArgumentException(what + " must be in [0, 1], got " + t);
        }
    }

    public static Postprocessing top1() {
        return new Postprocessing(Kind.TOP1, 0.5f, 1, Collections.emptyMap());
    }

    /** Two-class threshold on {@code out[positiveIndex]}. */
    public static Postprocessing threshold(float threshold, int positiveIndex) {
        return new Postprocessing(Kind.THRESHOLD, threshold, positiveIndex, Collections.emptyMap());
    }

    /** The same rule with these named thresholds (in this order), replacing any it had. */
    public Postprocessing withOperatingPoints(Map<String, Float> points) {
        return new Postprocessing(kind, threshold, positiveIndex, points);
    }

    /** Named thresholds on the same score, in the order the model lists them; empty for most models. */
    public Map<String, Float> operatingPoints() {
        return operatingPoints;
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
        if (kind == Kind.TOP1) {
            return "top1";
        }
        StringBuilder sb = new StringBuilder("threshold " + threshold + " on class " + positiveIndex);
        if (!operatingPoints.isEmpty()) {
            sb.append(", operating points");
            operatingPoints.forEach((name, t) -> sb.append(' ').append(name).append('=').append(t));
        }
        return sb.toString();
    }
}
