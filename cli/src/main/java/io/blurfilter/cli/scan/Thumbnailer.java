package io.blurfilter.cli.scan;

import io.blurfilter.imageio.DecodedImage;

/**
 * Makes small JPEG thumbnails (box-filtered, so they look like the photo, not like aliasing noise).
 * Encoded by {@link JpegWriter}, not ImageIO, so a report has the same thumbnails on a JVM without
 * {@code java.desktop}.
 */
public final class Thumbnailer {
    /** IJG quality 75, what ImageIO's writer was given (0.75) when it made the thumbnails: about 3 KB each. */
    static final int QUALITY = 75;

    private final int maxSide;

    public Thumbnailer(int maxSide) {
        this.maxSide = maxSide;
    }

    public byte[] jpeg(DecodedImage image) {
        if (!image.isWhole()) {
            throw new IllegalStateException("a thumbnail needs the whole image, not the region " + image.region());
        }
        int w = image.width();
        int h = image.height();
        double scale = Math.min(1.0, (double) maxSide / Math.max(w, h));
        int tw = Math.max(1, (int) Math.round(w * scale));
        int th = Math.max(1, (int) Math.round(h * scale));
        return JpegWriter.rgb(BoxDownscale.of(image.argb(), w, h, tw, th), tw, th, QUALITY);
    }
}
