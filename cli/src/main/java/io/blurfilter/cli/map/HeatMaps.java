package io.blurfilter.cli.map;

import io.blurfilter.cli.scan.Thumbnailer;
import io.blurfilter.engine.ScoreMap;
import io.blurfilter.imageio.DecodedImage;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Pictures of a {@link ScoreMap}'s blur probabilities: an overlay for people (the photo dimmed,
 * blurred regions tinted, a legend) and a raw 8-bit map for measuring against masks.
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

    /**
     * The blur probability at each pixel of a {@code width x height} raster laid over the photo: the
     * map's cells bilinear between their centres ({@link ScoreMap#resample}).
     */
    public static float[] blurAt(ScoreMap map, int blurIndex, int width, int height) {
        return map.resample(blurIndex, width, height);
    }

    /** An overlay's size for a {@code width x height} photo: the long side at most {@link #OVERLAY_MAX_SIDE}. */
    public static int[] overlaySize(int width, int height) {
        double scale = Math.min(1.0, (double) OVERLAY_MAX_SIDE / Math.max(width, height));
        return new int[] {Math.max(1, (int) Math.round(width * scale)), Math.max(1, (int) Math.round(height * scale))};
    }

    /**
     * The photo, shrunk to {@link #overlaySize}, dimmed and tinted red where {@code map} says blurred,
     * above a legend band: the tint's scale from sharp to blurred and the whole frame's blur score.
     */
    public static BufferedImage overlay(DecodedImage photo, ScoreMap map, int blurIndex) {
        int[] size = overlaySize(photo.width(), photo.height());
        int w = size[0];
        int h = size[1];
        int[] px = w == photo.width() && h == photo.height() ? photo.argb().clone()
                : Thumbnailer.boxDownscale(photo.argb(), photo.width(), photo.height(), w, h);
        float[] blur = blurAt(map, blurIndex, w, h);
        for (int i = 0; i < px.length; i++) {
            px[i] = tinted(px[i], blur[i]);
        }
        int scale = Math.max(1, Math.min(3, w / 320));
        int band = (PixelFont.HEIGHT + 8) * scale;
        int[] out = new int[w * (h + band)];
        System.arraycopy(px, 0, out, 0, px.length);
        legend(out, w, h, band, scale, map.classification().probability(blurIndex));
        BufferedImage img = new BufferedImage(w, h + band, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, w, h + band, out, 0, w);
        return img;
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
        java.util.Arrays.fill(px, top * w, px.length, 0xFF202020);
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
     * The photo's own size ({@code photo} decoded at full size, upright), each pixel
     * {@code round(255 * blur probability)}: 8-bit grey.
     */
    public static BufferedImage raw(ScoreMap map, int blurIndex, int width, int height) {
        return gray(blurAt(map, blurIndex, width, height), width, height);
    }

    /** An 8-bit grey image of {@code round(255 * v)}, v clamped to [0, 1]. */
    public static BufferedImage gray(float[] values, int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        byte[] data = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < values.length; i++) {
            data[i] = (byte) Math.round(255 * Math.max(0, Math.min(1, values[i])));
        }
        return img;
    }

    /**
     * Writes {@code img} as a PNG: into a temporary file beside {@code out}, then moved into place, so a
     * failure leaves no half-written PNG. An existing {@code out} is replaced only when {@code overwrite}.
     */
    public static void writePng(BufferedImage img, Path out, boolean overwrite) throws IOException {
        Path dir = out.toAbsolutePath().getParent();
        if (!overwrite && Files.exists(out, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(out + " exists (--overwrite replaces it)");
        }
        Path tmp = Files.createTempFile(dir, ".blurfilter-map-", ".png");
        try {
            try (OutputStream os = Files.newOutputStream(tmp, StandardOpenOption.TRUNCATE_EXISTING)) {
                if (!ImageIO.write(img, "png", os)) {
                    throw new IOException("no PNG writer");
                }
            }
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
