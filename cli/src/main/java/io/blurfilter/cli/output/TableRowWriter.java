package io.blurfilter.cli.output;

import io.blurfilter.cli.scan.Labels;
import io.blurfilter.cli.scan.ScanRow;
import java.io.Flushable;
import java.io.IOException;
import java.util.Locale;

/**
 * Fixed-width columns for people: score, label, size, path, then the error for failed files. Widths
 * are set before the first row, so rows can be printed as they come, without reading everything
 * first: the label column as wide as the longest label the model can give.
 */
final class TableRowWriter implements RowWriter {
    private static final String FAILED = "ERROR";
    private final Appendable out;
    private final Flushable flush;
    private final String format;

    TableRowWriter(Appendable out, Flushable flush, Labels labels) {
        this.out = out;
        this.flush = flush;
        int labelWidth = Math.max(Math.max("LABEL".length(), FAILED.length()),
                Math.max(labels.negative().length(), labels.positive().length()));
        this.format = "%-7s %-" + labelWidth + "s %11s  %s%n";
    }

    @Override
    public void begin() throws IOException {
        out.append(String.format(Locale.ROOT, format, "SCORE", "LABEL", "SIZE", "PATH"));
    }

    @Override
    public void row(ScanRow r) throws IOException {
        String error = r.error() == null ? "" : "  (error: " + r.error() + ")";
        if (Float.isNaN(r.blurScore())) {
            out.append(String.format(Locale.ROOT, format, "-", FAILED, "-", r.displayPath() + error));
        } else {
            out.append(String.format(Locale.ROOT, format, String.format(Locale.ROOT, "%.4f", r.blurScore()),
                    r.label(), r.width() + "x" + r.height(), r.displayPath() + error));
        }
    }

    @Override
    public void finish() throws IOException {
        flush.flush();
    }
}
