package io.blurfilter.cli.scan;

import io.blurfilter.imageio.ImageDecoder;

/**
 * Whether a report can have thumbnails on this JVM: {@link Thumbnailer} encodes them with ImageIO,
 * which a JVM without {@code java.desktop} lacks; the report is then written without them, with a
 * note. Nothing here links {@code java.awt} or {@code javax.imageio}.
 */
public final class ReportThumbnails {
    /** The report summary's key for {@link #missingNote()}. */
    public static final String KEY = "thumbnails";
    /** The long side of a report thumbnail, and of a blur map's overlay beside it, in pixels. */
    public static final int SIDE = 128;

    private ReportThumbnails() {}

    /** A thumbnailer for a report's images, or null when there is no report or no ImageIO to encode them. */
    public static Thumbnailer forReport(boolean report) {
        return report && ImageDecoder.hasImageIo() ? new Thumbnailer(SIDE) : null;
    }

    /** Why a report has no thumbnails on this JVM, or null when it can have them. */
    public static String missingNote() {
        return ImageDecoder.hasImageIo() ? null
                : "left out: this JVM has no java.desktop module (ImageIO), which encodes them";
    }
}
