package io.blurfilter.cli.output;

import io.blurfilter.cli.scan.ScanRow;
import java.io.Flushable;
import java.io.IOException;

/** RFC 4180 CSV with a header row; empty score, label and size for failed files. */
final class CsvRowWriter implements RowWriter {
    private final Appendable out;
    private final Flushable flush;

    CsvRowWriter(Appendable out, Flushable flush) {
        this.out = out;
        this.flush = flush;
    }

    @Override
    public void begin() throws IOException {
        out.append(String.join(",", FIELDS)).append('\n');
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
        out.append('\n');
    }

    @Override
    public void finish() throws IOException {
        flush.flush();
    }
}
