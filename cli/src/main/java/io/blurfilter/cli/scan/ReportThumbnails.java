package io.blurfilter.cli.scan;

/** The thumbnails of a report: their size, and the {@link Thumbnailer} that makes them. */
public final class ReportThumbnails {
    /** The long side of a report thumbnail, and of a blur map's overlay beside it, in pixels. */
    public static final int SIDE = 128;

    private ReportThumbnails() {}

    /** A thumbnailer for a report's images, or null when there is no report. */
    public static Thumbnailer forReport(boolean report) {
        return report ? new Thumbnailer(SIDE) : null;
    }
}
