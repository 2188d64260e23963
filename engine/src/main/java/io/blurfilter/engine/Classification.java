package io.blurfilter.engine;

import java.util.List;

/**
 * The result of classifying one image: the model's output vector (probabilities when the model ends
 * in softmax), the chosen class and its score. With a threshold rule (PaddleClas ThreshOutput) the
 * score of the negative class is {@code 1 - p(positive)}.
 */
public final class Classification {
    private final float[] probabilities;
    private final int index;
    private final String label;
    private final float score;

    Classification(float[] probabilities, int index, String label, float score) {
        this.probabilities = probabilities;
        this.index = index;
        this.label = label;
        this.score = score;
    }

    static Classification of(float[] out, ModelMetadata meta) {
        Postprocessing post = meta.postprocessing();
        int index;
        float score;
        if (post.kind() == Postprocessing.Kind.THRESHOLD && out.length == 2) {
            float p = out[post.positiveIndex()];
            boolean positive = p >= post.threshold();
            index = positive ? post.positiveIndex() : 1 - post.positiveIndex();
            score = positive ? p : 1f - p;
        } else {
            index = 0;
            for (int i = 1; i < out.length; i++) {
                if (out[i] > out[index]) {
                    index = i;
                }
            }
            score = out[index];
        }
        List<String> labels = meta.labels();
        String label = index < labels.size() ? labels.get(index) : String.valueOf(index);
        return new Classification(out, index, label, score);
    }

    /** The output vector (a copy). */
    public float[] probabilities() {
        return probabilities.clone();
    }

    public float probability(int classIndex) {
        return probabilities[classIndex];
    }

    /** Index of the chosen class. */
    public int index() {
        return index;
    }

    public String label() {
        return label;
    }

    /** Confidence in the chosen class. */
    public float score() {
        return score;
    }

    @Override
    public String toString() {
        return label + " (" + score + ")";
    }
}
