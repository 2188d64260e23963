package io.blurfilter.cli;

import io.blurfilter.cli.eval.BinaryMetrics;
import io.blurfilter.cli.eval.LabelsFile;
import io.blurfilter.cli.report.EvalSection;
import io.blurfilter.cli.report.ReportData;
import io.blurfilter.cli.scan.EntrySource;
import io.blurfilter.cli.scan.InputEntry;
import io.blurfilter.cli.scan.InputWalker;
import io.blurfilter.cli.scan.KernelChoice;
import io.blurfilter.cli.scan.Labels;
import io.blurfilter.cli.scan.ReportThumbnails;
import io.blurfilter.cli.scan.ScanPipeline;
import io.blurfilter.cli.scan.ScanRow;
import io.blurfilter.cli.scan.Thumbnailer;
import io.blurfilter.engine.Model;
import io.blurfilter.imageio.ImageDecoder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code blurfilter eval}: accuracy, ROC AUC, FPR/TPR at fixed thresholds and the confusion matrix
 * of the model on labelled images, blurred being the positive class.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        header = "measure the model on labelled images: accuracy, ROC AUC, FPR/TPR",
        description = {"Scores labelled images and prints accuracy at the threshold, the exact ROC AUC (ties count"
                + " half), FPR and TPR at 0.5, 0.7, 0.8, 0.9, 0.95 and the model's operating points (blurred is the"
                + " positive class) and the confusion matrix. Give --sharp DIR --blurred DIR, or --labels FILE.",
                "Files that fail are listed on standard error and left out of the metrics."})
final class EvalCommand implements Callable<Integer> {
    /** The thresholds of the rate table, as in PaddleClas's PULC clarity documentation. */
    static final List<Double> TABLE_THRESHOLDS = List.of(0.5, 0.7, 0.8, 0.9, 0.95);

    /** PULC's thresholds and the model's operating points, in increasing order. */
    static List<Double> tableThresholds(java.util.Collection<Float> operatingPoints) {
        java.util.TreeSet<Double> all = new java.util.TreeSet<>(TABLE_THRESHOLDS);
        for (float t : operatingPoints) {
            all.add(Double.parseDouble(Float.toString(t))); // 0.7f shows as 0.7, not a second row
        }
        return List.copyOf(all);
    }

    private final PrintStream out;
    private final PrintStream err;

    @Option(names = "--sharp", paramLabel = "DIR", description = "the sharp images (sub-folders included)")
    private Path sharp;

    @Option(names = "--blurred", paramLabel = "DIR", description = "the blurred images (sub-folders included)")
    private Path blurred;

    @Option(names = "--labels", paramLabel = "labels.csv", description = "'path,label' lines instead of the two"
            + " folders: paths relative to the CSV, label clear/sharp/0 or blur/blurred/1; a header line is allowed")
    private Path labelsFile;

    @Option(names = "--per-file", description = "print every file's score first")
    private boolean perFile;

    @Mixin
    private ModelOption modelOption;

    @Mixin
    private ScoringOptions scoring;

    EvalCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws UsageException, FatalException {
        boolean folders = sharp != null || blurred != null;
        if (folders == (labelsFile != null)) {
            throw new UsageException("eval: give either --sharp DIR --blurred DIR or --labels FILE");
        }
        if (folders && !(sharp != null && blurred != null)) {
            throw new UsageException("eval: --sharp and --blurred go together");
        }
        int threads = scoring.threads();
        long maxPixels = scoring.maxPixels();

        Map<Path, Boolean> truth = new HashMap<>();
        EntrySource source = folders ? folderSource(sharp, blurred, scoring.allFiles, truth)
                : labelsSource(labelsFile, truth);

        Path reportFile = scoring.report;
        if (reportFile != null) {
            Outputs.requireReportWritable(reportFile);
        }
        Model loaded = modelOption.load();
        Model model = KernelChoice.forScan(loaded, threads,
                limit -> folders ? countImages(sharp, blurred, scoring.allFiles, limit) : truth.size());
        try {
            BlurModelAdapter blur = BlurModelAdapter.of(model);
            Labels labels = blur.labels(scoring.threshold(blur));
            double threshold = labels.threshold(); // compared with float scores exactly as scan does
            List<Double> tableThresholds = tableThresholds(blur.operatingPoints().values());
            ReportData report = reportFile != null ? new ReportData("blurfilter eval report", labels, 300, 1000) : null;
            Thumbnailer thumbnailer = ReportThumbnails.forReport(report != null);
            ImageDecoder decoder = blur.decoder(maxPixels, scoring.fullResolution, thumbnailer != null);
            ScanPipeline pipeline = new ScanPipeline(decoder, blur.scorer(), labels, threads, thumbnailer);

            List<Float> scores = new ArrayList<>();
            List<Boolean> actual = new ArrayList<>();
            int[] failed = {0};
            if (perFile) {
                out.printf(Locale.ROOT, "%-10s %-8s %-8s %s%n", "SCORE", "ACTUAL", "LABEL", "PATH");
            }
            try {
                pipeline.run(source, row -> {
                    boolean blurred = truth.get(row.entry().path());
                    if (report != null) {
                        report.add(row);
                    }
                    if (row.failed()) {
                        failed[0]++;
                        err.println("failed: " + row.displayPath() + ": " + row.error());
                        return;
                    }
                    scores.add(row.blurScore());
                    actual.add(blurred);
                    if (perFile) {
                        out.printf(Locale.ROOT, "%-10.6f %-8s %-8s %s%n", row.blurScore(),
                                blurred ? labels.positive() : labels.negative(), row.label(), row.displayPath());
                    }
                });
            } catch (IOException e) {
                throw new FatalException("eval stopped: " + e.getMessage(), e);
            }
            BinaryMetrics metrics = metrics(scores, actual);
            out.print(MetricsTable.format(metrics, threshold, tableThresholds, labels, failed[0], blur.name()));
            if (report != null) {
                report.summary("model", blur.name());
                report.summary("images", scores.size() + " (" + metrics.negatives() + " " + labels.negative() + ", "
                        + metrics.positives() + " " + labels.positive() + ")");
                report.summary("failed", Integer.toString(failed[0]));
                report.summary("accuracy at " + labels.threshold(), String.format(Locale.ROOT, "%.4f",
                        metrics.at(threshold).accuracy()));
                report.summary("ROC AUC", String.format(Locale.ROOT, "%.4f", metrics.rocAuc()));
                report.eval(new EvalSection(metrics, threshold, tableThresholds));
                Outputs.writeReport(reportFile, report);
                err.println("report: " + reportFile);
            }
            return failed[0] > 0 ? ExitCode.SOME_FAILED : ExitCode.OK;
        } finally {
            model.close();
            loaded.close();
        }
    }

    private static BinaryMetrics metrics(List<Float> scores, List<Boolean> actual) {
        float[] s = new float[scores.size()];
        boolean[] a = new boolean[actual.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = scores.get(i);
            a[i] = actual.get(i);
        }
        return new BinaryMetrics(s, a);
    }

    /** The images under both folders, counted up to {@code limit} (the limit when they cannot be walked). */
    private static long countImages(Path sharp, Path blurred, boolean allFiles, long limit) {
        try {
            return folderWalker(allFiles).countUpTo(List.of(sharp, blurred), limit);
        } catch (IOException e) {
            return limit;
        }
    }

    /** What --sharp and --blurred are walked with: recursively, links not followed. */
    private static InputWalker folderWalker(boolean allFiles) {
        return new InputWalker(true, false, allFiles, List.of());
    }

    private static EntrySource folderSource(Path sharp, Path blurred, boolean allFiles, Map<Path, Boolean> truth)
            throws UsageException {
        for (Path dir : List.of(sharp, blurred)) {
            if (!Files.isDirectory(dir)) {
                throw new UsageException("eval: " + dir + " is not a folder");
            }
        }
        if (sharp.toAbsolutePath().normalize().equals(blurred.toAbsolutePath().normalize())) {
            throw new UsageException("eval: --sharp and --blurred are the same folder");
        }
        InputWalker walker = folderWalker(allFiles);
        return sink -> walker.walk(List.of(sharp, blurred), entry -> {
            truth.put(entry.path(), entry.root().equals(blurred));
            sink.accept(entry);
        });
    }

    private static EntrySource labelsSource(Path csv, Map<Path, Boolean> truth) throws FatalException {
        List<LabelsFile.Item> items;
        try {
            items = LabelsFile.read(csv);
        } catch (IOException e) {
            throw new FatalException("cannot read labels: " + e.getMessage(), e);
        }
        for (LabelsFile.Item item : items) {
            truth.put(item.path(), item.blurred());
        }
        return sink -> {
            for (LabelsFile.Item item : items) {
                boolean exists = Files.exists(item.path());
                sink.accept(exists ? InputEntry.ok(item.path(), item.path().getParent())
                        : InputEntry.failed(item.path(), item.path().getParent(), "no such file"));
            }
        };
    }
}
