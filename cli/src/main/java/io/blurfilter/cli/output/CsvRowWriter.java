package io.blurfilter.cli.output;

import io.blurfilter.cli.scan.ScanRow;
import io.blurfilter.imageio.PhotoMetadata;
import java.io.Flushable;
import java.io.IOException;

/**
 * RFC 4180 CSV with a header row; empty score, label and size for failed files. With metadata, the
 * {@link #METADATA_FIELDS} columns follow, empty where a photo lacks a value.
 */
final class CsvRowWriter implements RowWriter {
    private final Appendable out;
    private final Flushable flush;
    private final boolean metadata;

    CsvRowWriter(Appendable out, Flushable flush, boolean metadata) {
        this.out = out;
        this.flush = flush;
        this.metadata = metadata;
    }

    @Override
    public void begin() throws IOException {
        out.append(String.join(",", FIELDS));
        if (metadata) {
            out.append(',').append(String.join(",", METADATA_FIELDS));
        }
        out.append('\n');
    }

    @Override
    public void row(ScanRow r) throws IOException {
        out.append(Csv.field(r.displayPath())).append(',');
        if (Float.isNaN(r.blurScore())) {
            out.append(",,,,");
        } else {
            out.append(Float.toString(r.blurScore())).append(',').append(Csv.field(r.label())).append(',')
                    .append(Integer.toString(r.width())).append(',').append(Integer.toString(r.height()))
                    .append(',');
        }
        out.append(Csv.field(r.error()));
        if (metadata) {
            PhotoMetadata m = r.metadata();
            out.append(',').append(text(m.exposureTime())).append(',').append(text(m.iso())).append(',')
                    .append(text(m.focalLength())).append(',').append(text(m.fNumber())).append(',')
                    .append(Csv.field(m.cameraMake())).append(',').append(Csv.field(m.cameraModel())).append(',')
                    .append(Csv.field(m.captureTime()));
        }
        out.append('\n');
    }

    private static String text(Number n) {
        return n == null ? "" : Json.number(n);
    }

    @Override
    public void finish() throws IOException {
        flush.flush();
    }
}
