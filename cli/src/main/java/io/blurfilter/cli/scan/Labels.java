package io.blurfilter.cli.scan;

/**
 * The two label names and the threshold that splits them: a score at or above the threshold gets
 * {@code positive} (blurred), below it {@code negative}, as PaddleClas's ThreshOutput does.
 */
public record Labels(String negative, String positive, float threshold) {
    public String of(float score) {
        return score >= threshold ? positive : negative;
    }

    public boolean isPositive(float score) {
        return score >= threshold;
    }
}
