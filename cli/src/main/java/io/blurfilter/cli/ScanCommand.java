package io.blurfilter.cli;

import io.blurfilter.cli.map.ScanMaps;
import io.blurfilter.cli.output.Counts;
import io.blurfilter.cli.output.RowWriter;
import io.blurfilter.cli.relocate.Relocator;
import io.blurfilter.cli.report.ReportData;
import io.blurfilter.cli.scan.InputWalker;
import io.blurfilter.cli.scan.KernelChoice;
import io.blurfilter.cli.scan.Labels;
import io.blurfilter.cli.scan.ProgressBar;
import io.blurfilter.cli.scan.ReportThumbnails;
import io.blurfilter.cli.scan.ScanPipeline;
import io.blurfilter.cli.scan.ScanRow;
import io.blurfilter.cli.scan.ScanTally;
import io.blurfilter.cli.scan.SmallImages;
import io.blurfilter.cli.scan.Terminal;
import io.blurfilter.cli.scan.Thumbnailer;
import io.blurfilter.engine.Model;
import io.blurfilter.imageio.ImageDecoder;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** {@code blurfilter scan}: scores every image under the given folders and files. */
final class ScanCommand implements Command {
    private static final Set<String> FLAGS = Set.of("--recursive", "--dry-run", "--quiet", "--follow-links",
            "--all-files", "--full-resolution", "--no-sidecars", "--metadata", "--sharp-region");
    private static final Set<String> VALUED = Set.of("--threshold", "--strictness", "--format", "--output", "--move-blurred-to",
            "--copy-blurred-to", "--threads", "--model", "--report", "--max-megapixels", "--report-thumbnails", "--maps");
    private static final Map<String, String> ALIASES = Map.of("-r", "--recursive", "-q", "--quiet", "-o", "--output");

    @Override
    public String name() {
        return "scan";
    }

    @Override
    public String summary() {
        return "score images for blur; list, move or copy the blurred ones";
    }

    @Override
    public String usage() {
        return String.join("\n",
                "usage: blurfilter scan <dir|file>... [options]",
                "",
                "Scores every image (blur_score = the model's probability of blurred, 0..1) and prints one row",
                "per file: path, blur_score, label, width, height, error.",
                "",
                "  -r, --recursive          descend into sub-folders",
                "  --threshold T            label as blurred at score >= T (default: the model's own)",
                "  --strictness NAME        the model's named threshold instead: high (catches the most blur),",
                "                           balanced (the default) or lenient (flags the fewest sharp photos)",
                "  --format F               table (default), csv, json or jsonl",
                "  --metadata               add the photo's exposure time, ISO, focal length, aperture, camera",
                "                           and capture time (EXIF) to csv; json, jsonl and the report always",
                "                           have them, the table never",
                "  -o, --output FILE        write the rows to FILE instead of standard output; FILE.csv,",
                "                           .json or .jsonl sets the format unless --format is given",
                "  --move-blurred-to DIR    move blurred images under DIR, keeping their sub-folders",
                "  --copy-blurred-to DIR    copy them instead",
                "                           (an image's RAW and XMP files of the same name go with it)",
                "  --no-sidecars            move or copy the images alone",
                "  --dry-run                only print what would be moved or copied",
                "  --threads N              worker threads (default: all cores)",
                "  --model FILE             a model file instead of the embedded default",
                "  --report FILE.html       write a self-contained HTML report",
                "  --report-thumbnails N    thumbnails in the report, highest scores first (default 300)",
                "  --maps DIR               also write each photo's blur heat map (as blurfilter map) into DIR,",
                "                           never replacing a file; json and jsonl rows get the map's grid",
                "  --sharp-region           call a photo the model calls blurred clear when a region of it is",
                "                           confidently sharp (shallow depth of field); its score is kept",
                "  -q, --quiet              no progress bar and no summary",
                "  --follow-links           follow symbolic links to folders (loops are detected)",
                "  --all-files              try every file in folders, not only image extensions",
                "  --max-megapixels M       refuse larger images from their header (default 100)",
                "  --full-resolution        decode at full size (default: reduced, >= 2x the model's input)",
                "",
                "Exit codes: 0 all files fine, 1 some files failed, 2 usage error, 3 fatal error.");
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException, FatalException {
        Options o = Options.parse(name(), args, FLAGS, VALUED, ALIASES);
        List<Path> roots = o.positionals().stream().map(Path::of).toList();
        if (roots.isEmpty()) {
            throw new UsageException("scan: give at least one folder or file to scan");
        }
        requireExisting(roots);
        o.requireExclusive("--move-blurred-to", "--copy-blurred-to");
        for (String option : List.of("--dry-run", "--no-sidecars")) {
            if (o.has(option) && !o.has("--move-blurred-to") && !o.has("--copy-blurred-to")) {
                throw new UsageException("scan: " + option + " only makes sense with --move-blurred-to or --copy-blurred-to");
            }
        }
        String format = o.choice("--format", formatOf(o.path("--output")), RowWriter.formats());
        if (o.has("--metadata") && format.equals("table")) {
            throw new UsageException("scan: --metadata adds columns to --format csv (json, jsonl and --report always"
                    + " have the metadata; the table has no room for it)");
        }
        boolean metadataColumns = !format.equals("table") && (!format.equals("csv") || o.has("--metadata"));
        int threads = o.intValue("--threads", Runtime.getRuntime().availableProcessors(), 1, 1024);
        double maxMegapixels = o.doubleValue("--max-megapixels", 100, 0.000001, 1e6);
        int maxThumbnails = o.intValue("--report-thumbnails", 300, 0, 100_000);
        boolean quiet = o.has("--quiet");
        Path target = o.has("--move-blurred-to") ? o.path("--move-blurred-to") : o.path("--copy-blurred-to");
        if (target != null && Files.exists(target) && !Files.isDirectory(target)) {
            throw new UsageException("scan: " + target + " exists and is not a folder");
        }

        if (o.has("--report")) {
            Outputs.requireReportWritable(o.path("--report"));
        }
        Model loaded = ModelLoading.load(o.path("--model"));
        Model model = KernelChoice.forScan(loaded, threads, limit -> countInputs(roots, o, target, limit));
        try {
            BlurModelAdapter blur = BlurModelAdapter.of(model);
            Labels labels = blur.labels(blur.threshold(o, name()));
            Thumbnailer thumbnailer = ReportThumbnails.forReport(o.has("--report"));
            ScanMaps maps = o.has("--maps") ? MapCommand.scanMaps(model, blur, o.path("--maps")) : null;
            if (maps != null && o.has("--report") && maxThumbnails > 0) {
                maps.withPreviews(ReportThumbnails.SIDE); // each map's overlay beside its thumbnail
            }
            ImageDecoder decoder = blur.decoder((long) (maxMegapixels * 1e6), o.has("--full-resolution"),
                    thumbnailer != null || maps != null);
            ScanPipeline pipeline = new ScanPipeline(decoder, blur.scorer(), labels, threads, thumbnailer,
                    metadataColumns || o.has("--report")).withMaps(maps)
                    .withVeto(o.has("--sharp-region") ? MapCommand.sharpRegion(model, blur,
                            blur.decoder((long) (maxMegapixels * 1e6), o.has("--full-resolution"), true)) : null);
            InputWalker walker = walker(o, target);
            Relocator relocator = target == null ? null
                    : new Relocator(o.has("--move-blurred-to") ? Relocator.Mode.MOVE : Relocator.Mode.COPY, target,
                            o.has("--dry-run"), err, !o.has("--no-sidecars"));
            ReportData report = o.has("--report")
                    ? new ReportData("blurfilter scan report", labels, maxThumbnails, 1000) : null;
            ProgressBar progress = !quiet && Terminal.stderrIsTerminal() ? new ProgressBar(err) : null;
            Thread counter = progress == null ? null : startCounting(roots, o, target, progress);

            ScanTally tally = new ScanTally();
            SmallImages small = new SmallImages(SmallImages.modelSide(model.metadata().preprocessing()));
            Path outputFile = o.path("--output");
            try (Writer fileOut = outputFile == null ? null : newWriter(outputFile)) {
                var rowsOut = fileOut != null ? fileOut : out; // a Writer or a PrintStream: both append and flush
                RowWriter writer = RowWriter.create(format, rowsOut, labels, metadataColumns);
                writer.begin();
                pipeline.run(sink -> walker.walk(roots, sink), row -> {
                    ScanRow shown = relocate(row, labels, relocator);
                    tally.add(shown);
                    small.add(shown);
                    writer.row(shown.withoutThumbnail());
                    if (report != null) {
                        report.add(shown);
                    }
                    if (progress != null) {
                        progress.update(tally.images() + tally.failed());
                    }
                });
                writer.finish();
            } catch (IOException e) {
                throw new FatalException("scan stopped: " + e.getMessage(), e);
            } finally {
                if (counter != null) {
                    counter.interrupt();
                }
                if (progress != null) {
                    progress.finish();
                }
                closeQuietly(relocator, err);
            }

            String summary = tally.summary(labels, walker.skipped());
            if (!quiet) {
                PrintStream summaryOut = format.equals("table") && outputFile == null ? out : err;
                summaryOut.println(summary);
                if (small.warning() != null) {
                    summaryOut.println(small.warning());
                }
                if (relocator != null) {
                    summaryOut.println(relocationSummary(relocator, o.has("--dry-run")));
                }
            }
            if (report != null) {
                if (small.warning() != null) {
                    report.summary("warning", small.warning().substring("warning: ".length()));
                }
                if (ReportThumbnails.missingNote() != null) {
                    report.summary(ReportThumbnails.KEY, ReportThumbnails.missingNote());
                    if (!quiet) {
                        err.println("note: report thumbnails " + ReportThumbnails.missingNote());
                    }
                }
                writeReport(o.path("--report"), report, tally, labels, blur, walker.skipped(), relocator, err, quiet);
            }
            return tally.failed() > 0 ? ExitCode.SOME_FAILED : ExitCode.OK;
        } finally {
            model.close();
            loaded.close();
        }
    }

    /** The format an output file's extension names ({@code rows.csv}: csv), else the table. */
    private static String formatOf(Path output) {
        String name = output == null ? "" : output.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
        return List.of("csv", "json", "jsonl").contains(extension) ? extension : "table";
    }

    /** A misspelt input is a mistake on the command line, found before anything is scanned or moved. */
    private static void requireExisting(List<Path> roots) throws UsageException {
        for (Path root : roots) {
            if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
                throw new UsageException("scan: " + root + ": no such file or folder; nothing was scanned");
            }
        }
    }

    /** The scan's inputs counted up to {@code limit}; the limit when the folders cannot be walked. */
    private static long countInputs(List<Path> roots, Options o, Path target, long limit) {
        try {
            return walker(o, target).countUpTo(roots, limit);
        } catch (IOException e) {
            return limit; // the scan itself reports the problem
        }
    }

    private static InputWalker walker(Options o, Path target) {
        List<Path> excluded = new java.util.ArrayList<>();
        if (target != null) {
            excluded.add(target);
        }
        if (o.has("--maps")) {
            excluded.add(o.path("--maps"));
        }
        return new InputWalker(o.has("--recursive"), o.has("--follow-links"), o.has("--all-files"), excluded);
    }

    /** Moves or copies a blurred image; a failure is added to the row's error column. */
    private static ScanRow relocate(ScanRow row, Labels labels, Relocator relocator) {
        if (relocator == null || row.failed() || !labels.positive().equals(row.label())) {
            return row;
        }
        try {
            relocator.relocate(row.entry());
            return row;
        } catch (Relocator.SidecarNotRelocated e) {
            return row.withError(e.getMessage());
        } catch (IOException e) {
            String verb = relocator.mode() == Relocator.Mode.MOVE ? "move" : "copy";
            return row.withError(verb + " failed, file left in place: " + e.getMessage());
        }
    }

    private static String relocationSummary(Relocator r, boolean dryRun) {
        String verb = r.mode() == Relocator.Mode.MOVE ? "moved" : "copied";
        String files = Counts.of(r.count(), "blurred file", "blurred files")
                + (r.sidecarCount() > 0 ? " and " + Counts.of(r.sidecarCount(), "sidecar", "sidecars") : "");
        if (dryRun) {
            return "dry run: " + files + " would be " + verb + " to " + r.target();
        }
        return verb + " " + files + " to " + r.target()
                + (r.journalPath() != null ? " (journal: " + r.journalPath() + ")" : "");
    }

    /** Counts the files in the background so the progress bar can show a total and an ETA. */
    private static Thread startCounting(List<Path> roots, Options o, Path target, ProgressBar progress) {
        Thread t = new Thread(() -> {
            InputWalker counting = walker(o, target);
            long[] n = {0};
            try {
                counting.walk(roots, e -> {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new CountingStopped();
                    }
                    n[0]++;
                });
                progress.total(n[0]);
            } catch (IOException | CountingStopped e) {
                // no total: the bar shows count and rate only
            }
        }, "blurfilter-count");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Ends the background count early. */
    private static final class CountingStopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CountingStopped() {
            super(null, null, false, false);
        }
    }

    private static void writeReport(Path file, ReportData report, ScanTally tally, Labels labels,
            BlurModelAdapter blur, Map<String, Long> skipped, Relocator relocator, PrintStream err, boolean quiet)
            throws FatalException {
        report.summary("images scored", Long.toString(tally.images()));
        report.summary(labels.negative(), Long.toString(tally.count(labels.negative())));
        report.summary(labels.positive(), Long.toString(tally.count(labels.positive())));
        report.summary("failed", Long.toString(tally.failed()));
        if (!skipped.isEmpty()) {
            report.summary("skipped", ScanTally.skippedList(skipped));
        }
        report.summary("threshold", Float.toString(labels.threshold()));
        report.summary("model", blur.name());
        report.summary("elapsed", String.format(Locale.ROOT, "%.1f s (%.1f images/s)", tally.elapsedSeconds(),
                tally.images() / Math.max(1e-9, tally.elapsedSeconds())));
        if (relocator != null) {
            report.summary("blurred files " + (relocator.mode() == Relocator.Mode.MOVE ? "moved" : "copied") + " to",
                    relocator.target() + " (" + relocator.count() + ")");
        }
        Outputs.writeReport(file, report);
        if (!quiet) {
            err.println("report: " + file);
        }
    }

    static Writer newWriter(Path file) throws FatalException {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return Files.newBufferedWriter(file, StandardCharsets.UTF_8); // buffered already
        } catch (IOException e) {
            throw new FatalException("cannot write " + file + ": " + Outputs.describe(e), e);
        }
    }

    private static void closeQuietly(Relocator relocator, PrintStream err) {
        if (relocator == null) {
            return;
        }
        try {
            relocator.close();
        } catch (IOException e) {
            err.println("warning: closing the journal failed: " + e.getMessage());
        }
    }
}
