package io.blurfilter.cli;

import io.blurfilter.cli.eval.BinaryMetrics;
import io.blurfilter.cli.scan.Labels;
import java.util.List;
import java.util.Locale;

/** The text {@code blurfilter eval} prints: counts, accuracy, AUC, the rate table, the confusion matrix. */
final class MetricsTable {
    private MetricsTable() {}

    static String format(BinaryMetrics m, double threshold, List<Double> thresholds, Labels labels, int failed,
            String modelName) {
        StringBuilder sb = new StringBuilder();
        String neg = labels.negative();
        String pos = labels.positive();
        BinaryMetrics.Confusion c = m.at(threshold);
        sb.append(f("model: %s%n", modelName));
        sb.append(f("images: %d (%d %s, %d %s), failed: %d%n", m.positives() + m.negatives(), m.negatives(), neg,
                m.positives(), pos, failed));
        sb.append(f("accuracy at %s: %.4f (%d/%d)%n", trim(threshold), c.accuracy(),
                c.truePositives() + c.trueNegatives(), m.positives() + m.negatives()));
        sb.append(f("ROC AUC: %.4f%n%n", m.rocAuc()));
        sb.append(f("%-10s %-8s %-8s%n", "threshold", "FPR", "TPR"));
        for (double t : thresholds) {
            BinaryMetrics.Confusion ct = m.at(t);
            sb.append(f("%-10s %-8.4f %-8.4f%n", trim(t), ct.falsePositiveRate(), ct.truePositiveRate()));
        }
        int w = Math.max(8, Math.max(neg.length(), pos.length()) + 7);
        sb.append(f("%nconfusion matrix at %s (rows: actual, columns: predicted; %s = positive)%n", trim(threshold), pos));
        sb.append(f("%-" + w + "s %" + w + "s %" + w + "s%n", "", neg, pos));
        sb.append(f("%-" + w + "s %" + w + "d %" + w + "d%n", neg, c.trueNegatives(), c.falsePositives()));
        sb.append(f("%-" + w + "s %" + w + "d %" + w + "d%n", pos, c.falseNegatives(), c.truePositives()));
        return sb.toString();
    }

    private static String trim(double t) {
        String s = String.format(Locale.ROOT, "%.4f", t).replaceAll("0+$", "");
        return s.endsWith(".") ? s + "0" : s;
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
