package io.blurfilter.cli;

import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The options {@code scan} and {@code eval} share: which threshold, how many threads, which files and how they are decoded. */
final class ScoringOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--threshold", paramLabel = "T",
            description = "label as blurred at score >= T (default: the model's own)")
    private Double threshold;

    @Option(names = "--strictness", paramLabel = "NAME",
            description = "one of the model's named thresholds instead: high (catches the most blur), balanced"
                    + " (the default) or lenient (flags the fewest sharp photos)")
    private String strictness;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: all cores)")
    private Integer threads;

    @Option(names = "--all-files", description = "try every file in folders, not only image extensions")
    boolean allFiles;

    @Option(names = "--max-megapixels", paramLabel = "M", defaultValue = "100",
            description = "refuse larger images from their header (default ${DEFAULT-VALUE})")
    private double maxMegapixels;

    @Option(names = "--full-resolution",
            description = "decode at full size (default: reduced when the model shrinks the image 8x or more)")
    boolean fullResolution;

    @Option(names = "--report", paramLabel = "FILE.html", description = "write a self-contained HTML report")
    Path report;

    int threads() throws UsageException {
        return threads == null ? Runtime.getRuntime().availableProcessors()
                : Ranges.check(command.name(), "--threads", threads, 1, 1024);
    }

    long maxPixels() throws UsageException {
        return (long) (Ranges.check(command.name(), "--max-megapixels", maxMegapixels, 0.000001, 1e6) * 1e6);
    }

    /** The threshold to label at: {@code --threshold}, {@code --strictness} or the model's own. */
    float threshold(BlurModelAdapter blur) throws UsageException {
        return blur.threshold(threshold, strictness, command.name());
    }
}
