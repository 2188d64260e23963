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
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code blurfilter scan}: scores every image under the given folders and files. */
@Command(name = "scan", mixinStandardHelpOptions = true,
        header = "score images for blur; list, move or copy the blurred ones",
        description = {"Scores every image (blur_score = the model's probability of blurred, 0..1) and prints one row per"
                + " file: path, blur_score, label, width, height, error."})
final class ScanCommand implements Callable<Integer> {
    private final PrintStream out;
    private final PrintStream err;

    @Parameters(arity = "1..*", paramLabel = "<dir|file>", description = "the folders and files to scan")
    private List<Path> roots;

    @Option(names = {"-r", "--recursive"}, description = "descend into sub-folders")
    private boolean recursive;

    @Mixin
    private ModelOption modelOption;

    @Mixin
    private ScoringOptions scoring;

    @Option(names = "--format", paramLabel = "F", description = "table (default), csv, json or jsonl")
    private String formatOption;

    @Option(names = "--metadata", description = "add the photo's exposure time, ISO, focal length, aperture, camera"
            + " and capture time (EXIF) to csv; json, jsonl and the report always have them, the table never")
    private boolean metadata;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write the rows to FILE instead of standard"
            + " output; FILE.csv, .json or .jsonl sets the format unless --format is given")
    private Path output;

    @Option(names = "--move-blurred-to", paramLabel = "DIR", description = "move blurred images under DIR, keeping"
            + " their sub-folders (an image's RAW and XMP files of the same name go with it)")
    private Path moveTo;

    @Option(names = "--copy-blurred-to", paramLabel = "DIR", description = "copy blurred images under DIR instead, as --move-blurred-to would move them")
    private Path copyTo;

    @Option(names = "--no-sidecars", description = "move or copy the images alone")
    private boolean noSidecars;

    @Option(names = "--dry-run", description = "only print what would be moved or copied")
    private boolean dryRun;

    @Option(names = "--report-thumbnails", paramLabel = "N", defaultValue = "300",
            description = "thumbnails in the report, highest scores first (default ${DEFAULT-VALUE})")
    private int reportThumbnails;

    @Option(names = "--maps", paramLabel = "DIR", description = "also write each photo's blur heat map (as blurfilter"
            + " map) into DIR, never replacing a file; json and jsonl rows get the map's grid")
    private Path mapsDir;

    @Option(names = "--sharp-region", description = "call a photo the model calls blurred clear when a region of it"
            + " is confidently sharp (shallow depth of field); its score is kept")
    private boolean sharpRegion;

    @Option(names = {"-q", "--quiet"}, description = "no progress bar and no summary")
    private boolean quiet;

    @Option(names = "--follow-links", description = "follow symbolic links to folders (loops are detected)")
    private boolean followLinks;

    ScanCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws UsageException, FatalException {
        requireExisting(roots);
        if (moveTo != null && copyTo != null) {
            throw new UsageException("scan: --move-blurred-to and --copy-blurred-to cannot be used together");
        }
        Path target = moveTo != null ? moveTo : copyTo;
        if ((dryRun || noSidecars) && target == null) {
            throw new UsageException("scan: " + (dryRun ? "--dry-run" : "--no-sidecars")
                    + " only makes sense with --move-blurred-to or --copy-blurred-to");
        }
        String format = formatOption != null ? formatOption : formatOf(output);
        if (!RowWriter.formats().contains(format)) {
            throw new UsageException("scan: --format must be one of " + String.join(", ", RowWriter.formats())
                    + ", got '" + format + "'");
        }
        if (metadata && format.equals("table")) {
            throw new UsageException("scan: --metadata adds columns to --format csv (json, jsonl and --report always"
                    + " have the metadata; the table has no room for it)");
        }
        boolean metadataColumns = !format.equals("table") && (!format.equals("csv") || metadata);
        int threads = scoring.threads();
        long maxPixels = scoring.maxPixels();
        int maxThumbnails = Ranges.check("scan", "--report-thumbnails", reportThumbnails, 0, 100_000);
        if (target != null && Files.exists(target) && !Files.isDirectory(target)) {
            throw new UsageException("scan: " + target + " exists and is not a folder");
        }

        Path reportFile = scoring.report;
        if (reportFile != null) {
            Outputs.requireReportWritable(reportFile);
        }
        Model loaded = modelOption.load();
        Model model = KernelChoice.forScan(loaded, threads, limit -> countInputs(roots, target, limit));
        try {
            BlurModelAdapter blur = BlurModelAdapter.of(model);
            Labels labels = blur.labels(scoring.threshold(blur));
            Thumbnailer thumbnailer = ReportThumbnails.forReport(reportFile != null);
            ScanMaps maps = mapsDir != null ? MapCommand.scanMaps(model, blur, mapsDir) : null;
            if (maps != null && reportFile != null && maxThumbnails > 0) {
                maps.withPreviews(ReportThumbnails.SIDE); // each map's overlay beside its thumbnail
            }
            ImageDecoder decoder = blur.decoder(maxPixels, scoring.fullResolution, thumbnailer != null || maps != null);
            ScanPipeline pipeline = new ScanPipeline(decoder, blur.scorer(), labels, threads, thumbnailer,
                    metadataColumns || reportFile != null).withMaps(maps)
                    .withVeto(sharpRegion ? MapCommand.sharpRegion(model, blur,
                            blur.decoder(maxPixels, scoring.fullResolution, true)) : null);
            InputWalker walker = walker(target);
            Relocator relocator = target == null ? null
                    : new Relocator(moveTo != null ? Relocator.Mode.MOVE : Relocator.Mode.COPY, target,
                            dryRun, err, !noSidecars);
            ReportData report = reportFile != null
                    ? new ReportData("blurfilter scan report", labels, maxThumbnails, 1000) : null;
            ProgressBar progress = !quiet && Terminal.stderrIsTerminal() ? new ProgressBar(err) : null;
            Thread counter = progress == null ? null : startCounting(target, progress);

            ScanTally tally = new ScanTally();
            SmallImages small = new SmallImages(SmallImages.modelSide(model.metadata().preprocessing()));
            try (Writer fileOut = output == null ? null : newWriter(output)) {
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
                PrintStream summaryOut = format.equals("table") && output == null ? out : err;
                summaryOut.println(summary);
                if (small.warning() != null) {
                    summaryOut.println(small.warning());
                }
                if (relocator != null) {
                    summaryOut.println(relocationSummary(relocator, dryRun));
                }
            }
            if (report != null) {
                if (small.warning() != null) {
                    report.summary("warning", small.warning().substring("warning: ".length()));
                }
                writeReport(reportFile, report, tally, labels, blur, walker.skipped(), relocator, err, quiet);
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
    private long countInputs(List<Path> roots, Path target, long limit) {
        try {
            return walker(target).countUpTo(roots, limit);
        } catch (IOException e) {
            return limit; // the scan itself reports the problem
        }
    }

    private InputWalker walker(Path target) {
        List<Path> excluded = new java.util.ArrayList<>();
        if (target != null) {
            excluded.add(target);
        }
        if (mapsDir != null) {
            excluded.add(mapsDir);
        }
        return new InputWalker(recursive, followLinks, scoring.allFiles, excluded);
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
    private Thread startCounting(Path target, ProgressBar progress) {
        Thread t = new Thread(() -> {
            InputWalker counting = walker(target);
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
