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
import java.util.Set;

/**
 * {@code blurfilter eval}: accuracy, ROC AUC, FPR/TPR at fixed thresholds and the confusion matrix
 * of the model on labelled images, blurred being the positive class.
 */
final class EvalCommand implements Command {
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

    private static final Set<String> FLAGS = Set.of("--per-file", "--all-files", "--full-resolution", "--quiet");
    private static final Set<String> VALUED = Set.of("--sharp", "--blurred", "--labels", "--model", "--report",
            "--threads", "--threshold", "--strictness", "--max-megapixels");

    @Override
    public String name() {
        return "eval";
    }

    @Override
    public String summary() {
        return "measure the model on labelled images: accuracy, ROC AUC, FPR/TPR";
    }

    @Override
    public String usage() {
        return String.join("\n",
                "usage: blurfilter eval (--sharp DIR --blurred DIR | --labels labels.csv) [options]",
                "",
                "Scores labelled images (sub-folders included) and prints accuracy at the threshold, the exact",
                "ROC AUC (ties count half), FPR and TPR at 0.5, 0.7, 0.8, 0.9, 0.95 (blurred = positive) and",
                "the confusion matrix. labels.csv holds 'path,label' lines, paths relative to the CSV, label",
                "clear/sharp/0 or blur/blurred/1; a header line is allowed.",
                "",
                "  --per-file          print every file's score first",
                "  --threshold T       threshold for accuracy and the confusion matrix (default: the model's)",
                "  --strictness NAME   one of the model's named thresholds instead (high, balanced, lenient)",
                "  --model FILE        a model file instead of the embedded default",
                "  --report FILE.html  write a self-contained HTML report with the ROC curve",
                "  --threads N         worker threads (default: all cores)",
                "  --all-files, --full-resolution, --max-megapixels M   as for scan",
                "",
                "Exit codes: 0 ok, 1 some files failed (left out of the metrics), 2 usage error, 3 fatal.");
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException, FatalException {
        Options o = Options.parse(name(), args, FLAGS, VALUED);
        if (!o.positionals().isEmpty()) {
            throw new UsageException("eval: unexpected argument '" + o.positionals().get(0)
                    + "' (use --sharp/--blurred or --labels)");
        }
        boolean folders = o.has("--sharp") || o.has("--blurred");
        if (folders == o.has("--labels")) {
            throw new UsageException("eval: give either --sharp DIR --blurred DIR or --labels FILE");
        }
        if (folders && !(o.has("--sharp") && o.has("--blurred"))) {
            throw new UsageException("eval: --sharp and --blurred go together");
        }
        int threads = o.intValue("--threads", Runtime.getRuntime().availableProcessors(), 1, 1024);
        double maxMegapixels = o.doubleValue("--max-megapixels", 100, 0.000001, 1e6);

        Map<Path, Boolean> truth = new HashMap<>();
        EntrySource source = folders ? folderSource(o.path("--sharp"), o.path("--blurred"), o.has("--all-files"), truth)
                : labelsSource(o.path("--labels"), truth);

        if (o.has("--report")) {
            Outputs.requireReportWritable(o.path("--report"));
        }
        Model loaded = ModelLoading.load(o.path("--model"));
        Model model = KernelChoice.forScan(loaded, threads,
                limit -> folders ? countImages(o.path("--sharp"), o.path("--blurred"), o.has("--all-files"), limit)
                        : truth.size());
        try {
            BlurModelAdapter blur = BlurModelAdapter.of(model);
            Labels labels = blur.labels(blur.threshold(o, name()));
            double threshold = labels.threshold(); // compared with float scores exactly as scan does
            List<Double> tableThresholds = tableThresholds(blur.operatingPoints().values());
            ReportData report = o.has("--report") ? new ReportData("blurfilter eval report", labels, 300, 1000) : null;
            Thumbnailer thumbnailer = ReportThumbnails.forReport(report != null);
            ImageDecoder decoder = blur.decoder((long) (maxMegapixels * 1e6), o.has("--full-resolution"),
                    thumbnailer != null);
            ScanPipeline pipeline = new ScanPipeline(decoder, blur.scorer(), labels, threads, thumbnailer);

            List<Float> scores = new ArrayList<>();
            List<Boolean> actual = new ArrayList<>();
            int[] failed = {0};
            if (o.has("--per-file")) {
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
                    if (o.has("--per-file")) {
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
                if (ReportThumbnails.missingNote() != null) {
                    report.summary(ReportThumbnails.KEY, ReportThumbnails.missingNote());
                }
                report.eval(new EvalSection(metrics, threshold, tableThresholds));
                Outputs.writeReport(o.path("--report"), report);
                err.println("report: " + o.path("--report"));
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
