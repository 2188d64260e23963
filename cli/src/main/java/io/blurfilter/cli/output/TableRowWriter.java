package io.blurfilter.cli.output;

import io.blurfilter.cli.scan.ScanRow;
import java.io.Flushable;
import java.io.IOException;
import java.util.Locale;

/**
 * Fixed-width columns for people: score, label, size, path, then the error for failed files. Widths
 * are fixed so rows can be printed as they come, without reading everything first.
 */
final class TableRowWriter implements RowWriter {
    private static final String FORMAT = "%-7s %-6s %11s  %s%n";
    private final Appendable out;
    private final Flushable flush;

    TableRowWriter(Appendable out, Flushable flush) {
        this.out = out;
        this.flush = flush;
    }

    @Override
    public void begin() throws IOException {
        out.append(String.format(Locale.ROOT, FORMAT, "SCORE", "LABEL", "SIZE", "PATH"));
    }

    @Override
    public void row(ScanRow r) throws IOException {
        String error = r.error() == null ? "" : "  (error: " + r.error() + ")";
        if (Float.isNaN(r.blurScore())) {
            out.append(String.format(Locale.ROOT, FORMAT, "-", "ERROR", "-", r.displayPath() + error));
        } else {
            out.append(String.format(Locale.ROOT, FORMAT, String.format(Locale.ROOT, "%.4f", r.blurScore()),
                    r.label(), r.width() + "x" + r.height(), r.displayPath() + error));
        }
    }

    @Override
    public void finish() throws IOException {
        flush.flush();
    }
}
