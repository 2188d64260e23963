package io.blurfilter.cli.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Metrics of a binary classifier from scores and true labels, blurred being the positive class. A
 * score at or above a threshold predicts positive (PaddleClas's ThreshOutput rule).
 */
public final class BinaryMetrics {
    private final float[] scores;
    private final boolean[] positive;
    private final int positives;
    private final int negatives;

    public BinaryMetrics(float[] scores, boolean[] positive) {
        if (scores.length != positive.length) {
            throw new IllegalArgumentException("scores and labels differ in length");
        }
        this.scores = scores.clone();
        this.positive = positive.clone();
        int p = 0;
        for (boolean b : positive) {
            p += b ? 1 : 0;
        }
        this.positives = p;
        this.negatives = positive.length - p;
    }

    public int positives() {
        return positives;
    }

    public int negatives() {
        return negatives;
    }

    /** The counts at one threshold. */
    public record Confusion(int truePositives, int falsePositives, int trueNegatives, int falseNegatives) {
        /** Recall of the positive class; NaN without positives. */
        public double truePositiveRate() {
            return ratio(truePositives, truePositives + falseNegatives);
        }

        /** Share of negatives wrongly flagged; NaN without negatives. */
        public double falsePositiveRate() {
            return ratio(falsePositives, falsePositives + trueNegatives);
        }

        public double accuracy() {
            return ratio(truePositives + trueNegatives, truePositives + falsePositives + trueNegatives + falseNegatives);
        }

        private static double ratio(int a, int b) {
            return b == 0 ? Double.NaN : (double) a / b;
        }
    }

    public Confusion at(double threshold) {
        int tp = 0;
        int fp = 0;
        int tn = 0;
        int fn = 0;
        for (int i = 0; i < scores.length; i++) {
            boolean predicted = scores[i] >= threshold;
            if (positive[i]) {
                if (predicted) {
                    tp++;
                } else {
                    fn++;
                }
            } else if (predicted) {
                fp++;
            } else {
                tn++;
            }
        }
        return new Confusion(tp, fp, tn, fn);
    }

    /**
     * Exact area under the ROC curve: the probability that a random positive scores above a random
     * negative, ties counting one half (the Mann-Whitney U statistic). NaN when a class is empty.
     */
    public double rocAuc() {
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        Integer[] order = sortedIndices();
        // average ranks (1-based) over groups of equal scores
        double positiveRankSum = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double averageRank = (i + 1 + j + 1) / 2.0;
            for (int k = i; k <= j; k++) {
                if (positive[order[k]]) {
                    positiveRankSum += averageRank;
                }
            }
            i = j + 1;
        }
        double u = positiveRankSum - (double) positives * (positives + 1) / 2.0;
        return u / ((double) positives * negatives);
    }

    /** The ROC curve's corners, from (0,0) to (1,1), one per distinct score (as {fpr, tpr}). */
    public List<double[]> rocCurve() {
        List<double[]> points = new ArrayList<>();
        points.add(new double[] {0, 0});
        if (positives == 0 || negatives == 0) {
            points.add(new double[] {1, 1});
            return points;
        }
        Integer[] order = sortedIndices();
        int tp = 0;
        int fp = 0;
        for (int i = order.length - 1; i >= 0; i--) {
            if (positive[order[i]]) {
                tp++;
            } else {
                fp++;
            }
            // emit a point only once every item with this score is counted: ties move diagonally
            if (i == 0 || scores[order[i - 1]] != scores[order[i]]) {
                points.add(new double[] {(double) fp / negatives, (double) tp / positives});
            }
        }
        return points;
    }

    /** Indices ordered by ascending score. */
    private Integer[] sortedIndices() {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Float.compare(scores[a], scores[b]));
        return order;
    }
}
