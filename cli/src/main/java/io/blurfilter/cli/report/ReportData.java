package io.blurfilter.cli.report;

import io.blurfilter.cli.scan.Labels;
import io.blurfilter.cli.scan.ScanRow;
import io.blurfilter.imageio.PhotoMetadata;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * What a report shows, gathered row by row with bounded memory: a score histogram, the thumbnails (and
 * with {@code scan --maps} the map overlays) of the {@code maxThumbnails} highest-scoring images (the ones a user wants to review), and the first
 * {@code maxErrors} errors. Summary lines and an evaluation section are added by the command.
 */
public final class ReportData {
    /**
     * One image shown in the report, with its photo metadata ({@link PhotoMetadata#NONE} if it has none):
     * its JPEG thumbnail (null when none was made) and, with {@code scan --maps}, its blur map's
     * overlay as a small PNG (null otherwise); at least one of the two.
     */
    public record Thumbnail(String path, float score, String label, boolean flagged, byte[] jpeg,
            PhotoMetadata metadata, byte[] overlay) {}

    /** One failed file. */
    public record Failure(String path, String error) {}

    public static final int BINS = 20;

    private final String title;
    private final Labels labels;
    private final int maxThumbnails;
    private final int maxErrors;
    private final long[] histogram = new long[BINS];
    private final PriorityQueue<Thumbnail> thumbnails =
            new PriorityQueue<>(Comparator.comparingDouble(Thumbnail::score));
    private final List<Failure> failures = new ArrayList<>();
    private final Map<String, String> summary = new LinkedHashMap<>();
    private long scored;
    private long failed;
    private EvalSection eval;

    public ReportData(String title, Labels labels, int maxThumbnails, int maxErrors) {
        this.title = title;
        this.labels = labels;
        this.maxThumbnails = maxThumbnails;
        this.maxErrors = maxErrors;
    }

    public void add(ScanRow row) {
        if (Float.isNaN(row.blurScore())) {
            failed++;
            if (failures.size() < maxErrors) {
                failures.add(new Failure(row.displayPath(), row.error()));
            }
            return;
        }
        if (row.error() != null && failures.size() < maxErrors) {
            failures.add(new Failure(row.displayPath(), row.error()));
        }
        scored++;
        histogram[Math.min(BINS - 1, (int) (row.blurScore() * BINS))]++;
        byte[] overlay = row.map() == null ? null : row.map().preview();
        if ((row.thumbnail() != null || overlay != null) && maxThumbnails > 0) {
            thumbnails.add(new Thumbnail(row.displayPath(), row.blurScore(), row.label(),
                    labels.positive().equals(row.label()), row.thumbnail(), row.metadata(), overlay));
            if (thumbnails.size() > maxThumbnails) {
                thumbnails.poll(); // drop the lowest score
            }
        }
    }

    public void summary(String key, String value) {
        summary.put(key, value);
    }

    public void eval(EvalSection section) {
        this.eval = section;
    }

    public String title() {
        return title;
    }

    public Labels labels() {
        return labels;
    }

    public long[] histogram() {
        return histogram.clone();
    }

    public long scored() {
        return scored;
    }

    public long failed() {
        return failed;
    }

    /** Kept thumbnails, highest score first. */
    public List<Thumbnail> thumbnails() {
        List<Thumbnail> list = new ArrayList<>(thumbnails);
        list.sort(Comparator.comparingDouble(Thumbnail::score).reversed());
        return list;
    }

    public List<Failure> failures() {
        return failures;
    }

    public Map<String, String> summary() {
        return summary;
    }

    public EvalSection eval() {
        return eval;
    }
}
