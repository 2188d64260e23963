package io.blurfilter.cli.map;

import io.blurfilter.cli.scan.BoxDownscale;
import io.blurfilter.engine.ScoreMap;
import io.blurfilter.imageio.DecodedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Locale;

/**
 * Pictures of a {@link ScoreMap}'s blur probabilities, as PNG bytes: an overlay for people (the photo
 * dimmed, blurred regions tinted, a legend) and a raw 8-bit map for measuring against masks. Pure
 * Java (no {@code java.desktop}).
 */
public final class HeatMaps {
    /** Overlays are at most this many pixels on their long side. */
    public static final int OVERLAY_MAX_SIDE = 1600;
    /** The tint of a blurred region. */
    private static final int TINT_R = 255;
    private static final int TINT_G = 48;
    private static final int TINT_B = 32;
    /** How much of the tint covers a region of blur probability 1. */
    private static final float TINT_ALPHA = 0.7f;
    /** The photo under the tint, this bright. */
    private static final float DIM = 0.5f;

    private HeatMaps() {}

    /** An overlay's size for a {@code width x height} photo: the long side at most {@link #OVERLAY_MAX_SIDE}. */
    public static int[] overlaySize(int width, int height) {
        double scale = Math.min(1.0, (double) OVERLAY_MAX_SIDE / Math.max(width, height));
        return new int[] {Math.max(1, (int) Math.round(width * scale)), Math.max(1, (int) Math.round(height * scale))};
    }

    /**
     * The overlay PNG: the photo, shrunk to {@link #overlaySize}, dimmed and tinted red where {@code map}
     * says blurred (the map's cells bilinear between their centres, {@link ScoreMap#resample}), above a
     * legend band: the tint's scale from sharp to blurred and the whole frame's blur score.
     */
    public static byte[] overlay(DecodedImage photo, ScoreMap map, int blurIndex) {
        int[] size = overlaySize(photo.width(), photo.height());
        int w = size[0];
        int h = size[1];
        int[] px = tintedPhoto(photo, map, blurIndex, w, h);
        int scale = Math.max(1, Math.min(3, w / 320));
        int band = (PixelFont.HEIGHT + 8) * scale;
        int[] out = Arrays.copyOf(px, w * (h + band));
        legend(out, w, h, band, scale, map.classification().probability(blurIndex));
        return PngWriter.rgb(out, w, h + band);
    }

    /**
     * A small overlay for the HTML report ({@code scan --report} with {@code --maps}): the photo shrunk
     * to at most {@code maxSide} pixels on its long side (never enlarged), dimmed and tinted as in
     * {@link #overlay}, without the legend (the report's caption says what the tint means).
     */
    public static byte[] preview(DecodedImage photo, ScoreMap map, int blurIndex, int maxSide) {
        double scale = Math.min(1.0, (double) maxSide / Math.max(photo.width(), photo.height()));
        int w = Math.max(1, (int) Math.round(photo.width() * scale));
        int h = Math.max(1, (int) Math.round(photo.height() * scale));
        return PngWriter.rgb(tintedPhoto(photo, map, blurIndex, w, h), w, h);
    }

    /** The photo at {@code w x h} (box-filtered when smaller), dimmed and tinted where {@code map} says blurred. */
    private static int[] tintedPhoto(DecodedImage photo, ScoreMap map, int blurIndex, int w, int h) {
        int[] px = w == photo.width() && h == photo.height() ? photo.argb().clone()
                : BoxDownscale.of(photo.argb(), photo.width(), photo.height(), w, h);
        float[] blur = map.resample(blurIndex, w, h);
        for (int i = 0; i < px.length; i++) {
            px[i] = tinted(px[i], blur[i]);
        }
        return px;
    }

    /**
     * The raw map PNG, {@code width x height} (the photo's own size), 8-bit grey: each pixel
     * {@code round(255 * blur probability)} of the map's cells bilinear between their centres.
     */
    public static byte[] raw(ScoreMap map, int blurIndex, int width, int height) {
        return PngWriter.gray(gray(map.resample(blurIndex, width, height)), width, height);
    }

    /** {@code round(255 * v)} of each value, v clamped to [0, 1]. */
    static byte[] gray(float[] values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) Math.round(255 * Math.max(0, Math.min(1, values[i])));
        }
        return out;
    }

    /** A pixel dimmed and covered by the tint in proportion to its blur probability. */
    static int tinted(int argb, float blur) {
        float a = TINT_ALPHA * Math.max(0, Math.min(1, blur));
        int r = Math.round((1 - a) * DIM * (argb >>> 16 & 0xFF) + a * TINT_R);
        int g = Math.round((1 - a) * DIM * (argb >>> 8 & 0xFF) + a * TINT_G);
        int b = Math.round((1 - a) * DIM * (argb & 0xFF) + a * TINT_B);
        return 0xFF000000 | r << 16 | g << 8 | b;
    }

    /** "sharp [gradient] blurred   whole frame 0.83" on a dark band below the photo. */
    private static void legend(int[] px, int w, int top, int band, int scale, float wholeFrame) {
        Arrays.fill(px, top * w, px.length, 0xFF202020);
        int white = 0xFFF0F0F0;
        int y = top + 4 * scale;
        int x = 4 * scale;
        PixelFont.draw(px, w, top + band, "sharp", x, y, scale, white);
        x += PixelFont.width("sharp", scale) + 4 * scale;
        int barW = Math.max(16, Math.min(200 * scale, w / 3));
        for (int i = 0; i < barW; i++) {
            int c = tinted(0xFF9A9A9A, (float) i / (barW - 1));
            for (int dy = 0; dy < PixelFont.HEIGHT * scale; dy++) {
                int yy = y + dy;
                if (x + i < w && yy < top + band) {
                    px[yy * w + x + i] = c;
                }
            }
        }
        x += barW + 4 * scale;
        PixelFont.draw(px, w, top + band, "blurred", x, y, scale, white);
        String score = String.format(Locale.ROOT, "whole frame %.2f", wholeFrame);
        int sx = w - PixelFont.width(score, scale) - 4 * scale;
        if (sx > x + PixelFont.width("blurred", scale) + 8 * scale) {
            PixelFont.draw(px, w, top + band, score, sx, y, scale, white);
        }
    }

    /**
     * Writes {@code png} to {@code out}: into a temporary file beside it, then moved into place, so a
     * failure leaves no half-written PNG. An existing {@code out} is replaced only when {@code overwrite}.
     */
    public static void writePng(byte[] png, Path out, boolean overwrite) throws IOException {
        Path dir = out.toAbsolutePath().getParent();
        if (!overwrite && Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(out + " exists (--overwrite replaces it)");
        }
        Path tmp = Files.createTempFile(dir, ".blurfilter-map-", ".png");
        try {
            Files.write(tmp, png);
            if (overwrite) {
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(tmp, out); // fails if it appeared meanwhile
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
