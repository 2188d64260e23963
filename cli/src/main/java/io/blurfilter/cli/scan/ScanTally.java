package io.blurfilter.cli.scan;

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

    /** E.g. {@code 120 images in 12.3 s (9.8 images/s): 100 clear, 18 blur; 2 failed; 7 skipped}. */
    public String summary(Labels labels, long skipped) {
        double s = elapsedSeconds();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%d images in %.1f s (%.1f images/s): %d %s, %d %s",
                images, s, s > 0 ? images / s : 0.0, count(labels.negative()), labels.negative(),
                count(labels.positive()), labels.positive()));
        sb.append("; ").append(failed).append(failed == 1 ? " file failed" : " files failed");
        if (skipped > 0) {
            sb.append("; ").append(skipped).append(" other files skipped (not an image extension; --all-files)");
        }
        return sb.toString();
    }
}
