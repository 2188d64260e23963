package io.blurfilter.cli.output;

import io.blurfilter.cli.scan.Labels;
import io.blurfilter.cli.scan.ScanRow;
import java.io.IOException;

/** Writes scan rows in one output format, streaming: nothing is held back until {@link #finish()}. */
public interface RowWriter {
    /** The field names every format carries, in order. */
    String[] FIELDS = {"path", "blur_score", "label", "width", "height", "error"};

    /**
     * The photo metadata fields that follow them in JSON and JSON Lines, and in CSV with
     * {@code --metadata}: seconds, ISO speed, millimetres, f-number, text, text, ISO 8601 time.
     */
    String[] METADATA_FIELDS = {"exposure_time", "iso", "focal_length", "f_number", "camera_make", "camera_model",
        "capture_time"};

    void begin() throws IOException;

    void row(ScanRow row) throws IOException;

    /** Ends the output (closes a JSON array) and flushes. */
    void finish() throws IOException;

    /** The output formats {@code --format} accepts. */
    static java.util.List<String> formats() {
        return java.util.List.of("table", "csv", "json", "jsonl");
    }

    /** @param labels the labels rows can carry, so the table's label column fits them */
    static RowWriter create(String format, Appendable out, java.io.Flushable flush, Labels labels) {
        return create(format, out, flush, labels, !format.equals("csv"));
    }

    /**
     * @param labels the labels rows can carry, so the table's label column fits them
     * @param metadata whether CSV gets the {@link #METADATA_FIELDS} columns (JSON always has them,
     *     the table never)
     */
    static <W extends Appendable & java.io.Flushable> RowWriter create(String format, W out, Labels labels,
            boolean metadata) {
        return create(format, out, out, labels, metadata);
    }

    static RowWriter create(String format, Appendable out, java.io.Flushable flush, Labels labels, boolean metadata) {
        switch (format) {
            case "csv": return new CsvRowWriter(out, flush, metadata);
            case "json": return new JsonRowWriter(out, flush, false);
            case "jsonl": return new JsonRowWriter(out, flush, true);
            case "table": return new TableRowWriter(out, flush, labels);
            default: throw new IllegalArgumentException("unknown format " + format);
        }
    }
}
