package io.blurfilter.imageio;

import io.blurfilter.decoder.DecodeException;
import io.blurfilter.decoder.DecodedPixels;
import io.blurfilter.decoder.JpegDecoder;
import io.blurfilter.decoder.JpegInfo;
import io.blurfilter.decoder.PngDecoder;
import io.blurfilter.decoder.UnsupportedFeatureException;
import io.blurfilter.decoder.Window;
import io.blurfilter.engine.PixelRegion;

/**
 * JPEG and PNG through blurfilter's own {@code java.base} decoder ({@code io.blurfilter.decoder}),
 * in front of ImageIO: PNG by default (bit for bit the JDK's pixels, and no slower), JPEG by default
 * where the decoder's Vector API paths run (there it is faster than the JDK's native libjpeg from file
 * to score; the plain code is not), or on request with {@code -Dblurfilter.decoder=builtin}
 * ({@code =imageio} sends both to ImageIO), and always on a JVM without {@code java.desktop} (no
 * ImageIO there). Large JPEGs are decoded at 1/2, 1/4 or 1/8 by reduced IDCT,
 * the largest reduction that still gives at least the pixels {@link DecodeSettings}' subsampling
 * would, and only the blocks the model's crop reads ({@link RegionOfInterest}, as a decoder
 * {@code Window}); PNGs are subsampled exactly as ImageIO subsamples them.
 *
 * <p>Scores: photos decoded at full size score exactly as with ImageIO (all 660 shared real photos).
 * On 12-megapixel tiles of real photos the reduced IDCT, which averages as the default model's
 * INTER_AREA resize does, stays closer to the full-size decode than ImageIO's subsampling, which
 * picks every n-th pixel: at most 0.012 apart (mean 0.003) against 0.038 (mean 0.008). Speeds:
 * docs/CLI.md and bench/RESULTS.md.
 */
final class BuiltInDecoder {
    static final String PROPERTY = "blurfilter.decoder";

    private BuiltInDecoder() {}

    /** {@link #selected(String, boolean)} for this JVM's {@code -Dblurfilter.decoder} and Vector API. */
    static Formats selected() {
        return selected(System.getProperty(PROPERTY, "default"), JpegDecoder.usesVectorApi());
    }

    /**
     * Which formats go through the built-in decoder rather than ImageIO: {@code builtin} both JPEG and
     * PNG, {@code imageio} neither, anything else ({@code default}) PNG, and JPEG too where the
     * decoder's Vector API paths run.
     */
    static Formats selected(String property, boolean vectorApi) {
        String value = property.trim();
        if ("builtin".equalsIgnoreCase(value)) {
            return Formats.JPEG_AND_PNG;
        }
        if ("imageio".equalsIgnoreCase(value)) {
            return Formats.NONE;
        }
        return vectorApi ? Formats.JPEG_AND_PNG : Formats.PNG;
    }

    /** The formats the built-in decoder takes when ImageIO is there too. */
    enum Formats {
        NONE(false, false),
        PNG(false, true),
        JPEG_AND_PNG(true, true);

        final boolean jpeg;
        final boolean png;

        Formats(boolean jpeg, boolean png) {
            this.jpeg = jpeg;
            this.png = png;
        }
    }

    static boolean isJpeg(byte[] head, int length) {
        return length >= 3 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8 && (head[2] & 0xFF) == 0xFF;
    }

    static boolean isPng(byte[] head, int length) {
        return length >= 8 && (head[0] & 0xFF) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G';
    }

    /**
     * The upright image (a region of it for JPEGs, when asked), or null when the file uses a feature
     * the built-in decoder does not have (arithmetic coding, 12-bit, ...), for ImageIO to try.
     */
    static DecodedImage decode(byte[] bytes, boolean jpeg, int orientation, DecodeSettings settings,
            RegionOfInterest regionOfInterest) throws ImageDecodeException {
        try {
            return decodeSupported(bytes, jpeg, orientation, settings, regionOfInterest);
        } catch (UnsupportedFeatureException e) {
            return null;
        }
    }

    /**
     * As {@link #decode}, but a feature the built-in decoder does not have is thrown, for a caller
     * with no ImageIO to fall back on to name it.
     */
    static DecodedImage decodeSupported(byte[] bytes, boolean jpeg, int orientation, DecodeSettings settings,
            RegionOfInterest regionOfInterest) throws ImageDecodeException, UnsupportedFeatureException {
        try {
            return jpeg ? jpeg(bytes, orientation, settings, regionOfInterest) : png(bytes, orientation, settings);
        } catch (UnsupportedFeatureException e) {
            throw e;
        } catch (DecodeException e) {
            throw new ImageDecodeException(e.getMessage(), e);
        }
    }

    private static DecodedImage jpeg(byte[] bytes, int orientation, DecodeSettings settings,
            RegionOfInterest regionOfInterest) throws DecodeException {
        JpegDecoder decoder = new JpegDecoder(settings.maxPixels());
        JpegInfo info = decoder.readInfo(bytes);
        boolean transposed = Orientation.transposes(orientation);
        int[] factor = settings.subsampling(info.width(), info.height(), transposed);
        int limit = Math.min(8, Math.min(factor[0], factor[1]));
        int denominator = Integer.highestOneBit(limit);
        // the reduced image's size, stored and upright; only the region's pixels are decoded
        int sw = (info.width() + denominator - 1) / denominator;
        int sh = (info.height() + denominator - 1) / denominator;
        PixelRegion whole = new PixelRegion(0, 0, transposed ? sh : sw, transposed ? sw : sh);
        PixelRegion region = regionOfInterest == null ? whole : regionOfInterest.of(whole.x1(), whole.y1());
        if (!whole.contains(region)) {
            throw new IllegalArgumentException("region " + region + " is outside the decoded image " + whole);
        }
        PixelRegion stored = Orientation.storedRegion(region, sw, sh, orientation);
        DecodedPixels p = decoder.decode(bytes, denominator,
                new Window(stored.x0(), stored.y0(), stored.width(), stored.height()));
        int[] pixels = Orientation.apply(p.argb(), p.width(), p.height(), orientation);
        return new DecodedImage(pixels, whole.x1(), whole.y1(), region,
                transposed ? info.height() : info.width(), transposed ? info.width() : info.height());
    }

    private static DecodedImage png(byte[] bytes, int orientation, DecodeSettings settings) throws DecodeException {
        DecodedPixels p = new PngDecoder(settings.maxPixels()).decode(bytes);
        int[] factor = settings.subsampling(p.width(), p.height(), Orientation.transposes(orientation));
        int w = (p.width() + factor[0] - 1) / factor[0];
        int h = (p.height() + factor[1] - 1) / factor[1];
        int[] argb = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                argb[y * w + x] = p.argb()[y * factor[1] * p.width() + x * factor[0]];
            }
        }
        return upright(opaque(argb), w, h, p.width(), p.height(), orientation);
    }

    /**
     * Alpha dropped, colour kept as stored: how OpenCV's imread(IMREAD_COLOR) reads, like {@link ArgbPixels}.
     * PNGs only: decoded JPEGs are opaque already.
     */
    private static int[] opaque(int[] argb) {
        for (int i = 0; i < argb.length; i++) {
            argb[i] |= 0xFF000000;
        }
        return argb;
    }

    private static DecodedImage upright(int[] argb, int w, int h, int fileWidth, int fileHeight, int orientation) {
        boolean transposed = Orientation.transposes(orientation);
        int uw = transposed ? h : w;
        int uh = transposed ? w : h;
        int[] pixels = Orientation.apply(argb, w, h, orientation);
        return new DecodedImage(pixels, uw, uh, new PixelRegion(0, 0, uw, uh),
                transposed ? fileHeight : fileWidth, transposed ? fileWidth : fileHeight);
    }
}
