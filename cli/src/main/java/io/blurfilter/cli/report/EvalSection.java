package io.blurfilter.cli.report;

import io.blurfilter.cli.eval.BinaryMetrics;
import java.util.List;

/** The evaluation part of a report: ROC curve and AUC, the confusion matrix, rates at thresholds. */
public record EvalSection(BinaryMetrics metrics, double threshold, List<Double> tableThresholds) {}
