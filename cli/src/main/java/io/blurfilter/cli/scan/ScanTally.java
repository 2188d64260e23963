package io.blurfilter.cli.scan;

import io.blurfilter.cli.output.Counts;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Running counts of a scan, and the summary line printed at its end. */
public final class ScanTally {
    private final long start = System.nanoTime();
    private final Map<String, Long> perLabel = new TreeMap<>();
    private long images;
    private long failed;

    /** Counts the row; a scored image whose move then failed counts as an image and as a failure. */
    public void add(ScanRow row) {
        if (row.error() != null) {
            failed++;
        }
        if (!Float.isNaN(row.blurScore())) {
            images++;
            perLabel.merge(row.label(), 1L, Long::sum);
        }
    }

    public long images() {
        return images;
    }

    public long failed() {
        return failed;
    }

    public long count(String label) {
        return perLabel.getOrDefault(label, 0L);
    }

    public double elapsedSeconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * E.g. {@code 120 images in 12.3 s (9.8 images/s): 100 clear, 18 blur; 2 files failed; skipped: 7
     * not an image extension (--all-files scans them)}.
     */
    public String summary(Labels labels, Map<String, Long> skipped) {
        double s = elapsedSeconds();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s in %.1f s (%.1f images/s): %d %s, %d %s",
                Counts.of(images, "image", "images"), s, s > 0 ? images / s : 0.0, count(labels.negative()), labels.negative(),
                count(labels.positive()), labels.positive()));
        sb.append("; ").append(failed).append(failed == 1 ? " file failed" : " files failed");
        if (!skipped.isEmpty()) {
            sb.append("; skipped: ").append(skippedList(skipped));
        }
        return sb.toString();
    }

    /** E.g. {@code 7 not an image extension (--all-files scans them), 1 folder already scanned}. */
    public static String skippedList(Map<String, Long> skipped) {
        StringBuilder sb = new StringBuilder();
        skipped.forEach((reason, n) -> sb.append(sb.length() > 0 ? ", " : "").append(n).append(' ').append(reason));
        return sb.toString();
    }
}
