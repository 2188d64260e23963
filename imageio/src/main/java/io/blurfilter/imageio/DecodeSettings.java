package io.blurfilter.imageio;

import io.blurfilter.engine.Preprocessing;

/**
 * Limits and the reduced-size rule for {@link ImageDecoder}.
 *
 * <p>Reduced-size decoding: the model only sees the image after it is resized to a few hundred
 * pixels, so decoding a 12-megapixel photo at full size wastes memory. When the image is at least
 * twice as large as the minimum, every n-th pixel is decoded (ImageIO source subsampling, n the
 * largest factor that keeps the minimum); the model's own resize does the rest. Scores then differ a
 * little from a full-size decode because the resize sees other source pixels (see docs/CLI.md for
 * measurements); {@link #fullSize()} (the CLI's {@code --full-resolution}) turns this off.
 *
 * @param maxPixels images declaring more pixels than this are refused from their header
 * @param minShortSide decode with the short side at least this long; 0 means full size
 * @param minWidth for exact-resize models: keep at least this width (upright); 0 means no limit
 * @param minHeight for exact-resize models: keep at least this height (upright)
 */
public record DecodeSettings(long maxPixels, int minShortSide, int minWidth, int minHeight) {
    /** 100 megapixels: above any camera in common use, below what would exhaust a default heap. */
    public static final long DEFAULT_MAX_PIXELS = 100_000_000L;

    /** Full-size decoding with the default pixel limit. */
    public static DecodeSettings fullSize() {
        return new DecodeSettings(DEFAULT_MAX_PIXELS, 0, 0, 0);
    }

    /**
     * Reduced-size decoding for a model with this preprocessing: keeps at least four times its resize
     * target, so photos up to about 2000 pixels on the short side (for resize_short 256) are decoded at
     * full size, exactly as PaddleClas does, and larger ones are reduced. Full size for a model that
     * does not resize. 4x, not 2x: the measurements in docs/CLI.md show 2x moving scores of
     * 2-megapixel photos.
     */
    public static DecodeSettings reducedFor(Preprocessing p, long maxPixels) {
        switch (p.resize()) {
            case SHORT_SIDE:
                return new DecodeSettings(maxPixels, 4 * p.resizeShort(), 0, 0);
            case EXACT:
                return new DecodeSettings(maxPixels, 0, 4 * p.resizeWidth(), 4 * p.resizeHeight());
            default:
                return new DecodeSettings(maxPixels, 0, 0, 0);
        }
    }

    public DecodeSettings withMaxPixels(long max) {
        return new DecodeSettings(max, minShortSide, minWidth, minHeight);
    }

    /** Source subsampling {x, y} for an image stored as {@code width x height}. */
    int[] subsampling(int width, int height, boolean transposed) {
        int uprightWidth = transposed ? height : width;
        int uprightHeight = transposed ? width : height;
        if (minShortSide > 0) {
            int factor = Math.max(1, Math.min(uprightWidth, uprightHeight) / minShortSide);
            return new int[] {factor, factor};
        }
        int fx = minWidth > 0 ? Math.max(1, uprightWidth / minWidth) : 1;
        int fy = minHeight > 0 ? Math.max(1, uprightHeight / minHeight) : 1;
        return transposed ? new int[] {fy, fx} : new int[] {fx, fy};
    }
}
