package io.blurfilter.cli.scan;

import io.blurfilter.cli.output.Counts;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress display on a terminal: count, rate, and once the total is known (counted in
 * the background) a bar and the time left. Redrawn at most five times a second.
 */
public final class ProgressBar {
    private static final long REDRAW_NANOS = 200_000_000L;
    private static final int BAR_WIDTH = 30;

    private final PrintStream out;
    private final long start = System.nanoTime();
    private volatile long total = -1;
    private long lastDraw;
    private int lastLength;

    public ProgressBar(PrintStream out) {
        this.out = out;
    }

    /** Called from the counting thread when it has found every file. */
    public void total(long count) {
        total = count;
    }

    public void update(long done) {
        long now = System.nanoTime();
        if (now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        draw(line(done, now - start, total));
    }

    /** Clears the line so the summary starts clean. */
    public void finish() {
        if (lastLength > 0) {
            out.print("\r" + " ".repeat(lastLength) + "\r");
            out.flush();
        }
    }

    static String line(long done, long elapsedNanos, long total) {
        double seconds = elapsedNanos / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        if (total <= 0) {
            return String.format(Locale.ROOT, "%s  %.1f img/s", Counts.of(done, "image", "images"), rate);
        }
        double fraction = Math.min(1.0, (double) done / total);
        int filled = (int) Math.round(fraction * BAR_WIDTH);
        String eta = rate > 0 ? formatDuration((total - done) / rate) : "?";
        return String.format(Locale.ROOT, "[%s%s] %d/%d  %.1f img/s  ETA %s", "#".repeat(filled),
                ".".repeat(BAR_WIDTH - filled), done, total, rate, eta);
    }

    static String formatDuration(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private void draw(String line) {
        String padded = line.length() < lastLength ? line + " ".repeat(lastLength - line.length()) : line;
        out.print("\r" + padded);
        out.flush();
        lastLength = line.length();
    }
}
