package io.blurfilter.imageio;

import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import io.blurfilter.engine.PixelRegion;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * The ImageIO + TwelveMonkeys half of {@link ImageDecoder}: the only class of the decoding path that
 * links {@code javax.imageio} and {@code java.awt} (with {@link ArgbPixels}, which it calls), so a JVM
 * without {@code java.desktop} never loads it. {@link ImageDecoder} calls it only when
 * {@link ImageDecoder#hasImageIo()}.
 */
final class ImageIoReader {
    static {
        // ImageIO would otherwise spill stream caches into temporary files
        ImageIO.setUseCache(false);
        ImageIO.scanForPlugins();
    }

    private ImageIoReader() {}

    /** Runs the static initializer (ImageIO's settings and plugin scan) now, as ImageDecoder's used to. */
    static void initialize() {
        // nothing else to do: calling this initializes the class
    }

    /**
     * Decodes {@code source} with the first ImageIO reader that recognises it.
     *
     * @param head the file's first bytes, for naming content no reader recognises
     */
    static DecodedImage decode(EncodedSource source, byte[] head, int headLength, int orientation,
            DecodeSettings settings, RegionOfInterest regionOfInterest) throws IOException {
        try (ImageInputStream in = stream(source)) {
            if (in == null) {
                throw new ImageDecodeException("cannot open the file");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new ImageDecodeException(FormatSniffer.notAnImageMessage(head, headLength));
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return read(reader, orientation, source, settings, regionOfInterest);
            } finally {
                reader.dispose();
            }
        }
    }

    /** The bytes as an ImageIO stream, null if ImageIO cannot open it; the caller closes it. */
    private static ImageInputStream stream(EncodedSource source) throws IOException {
        Path file = source.file();
        if (file == null) {
            return new ByteArrayImageInputStream(source.bytes());
        }
        // File is what ImageIO reads in place; a file on another file system (zip, in-memory)
        // has none, so its bytes are read first (closing ImageIO's wrapper would not close a stream)
        return file.getFileSystem() == FileSystems.getDefault() ? ImageIO.createImageInputStream(file.toFile())
                : new ByteArrayImageInputStream(Files.readAllBytes(file));
    }

    private static DecodedImage read(ImageReader reader, int orientation, EncodedSource source,
            DecodeSettings settings, RegionOfInterest regionOfInterest) throws IOException {
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        String format = reader.getFormatName().toUpperCase(Locale.ROOT);
        if (width <= 0 || height <= 0) {
            throw new ImageDecodeException(format + " header declares an invalid size " + width + "x" + height);
        }
        long pixels = (long) width * height;
        if (pixels > settings.maxPixels()) {
            throw new ImageDecodeException(String.format(Locale.ROOT,
                    "image too large: %dx%d is %.1f megapixels, over the %.1f megapixel limit; refused before decoding",
                    width, height, pixels / 1e6, settings.maxPixels() / 1e6));
        }
        boolean transposed = Orientation.transposes(orientation);
        int[] factor = settings.subsampling(width, height, transposed);
        ImageReadParam param = reader.getDefaultReadParam();
        if (factor[0] > 1 || factor[1] > 1) {
            param.setSourceSubsampling(factor[0], factor[1], 0, 0);
        }
        // the decoded image's size, stored and upright
        int sw = (width + factor[0] - 1) / factor[0];
        int sh = (height + factor[1] - 1) / factor[1];
        PixelRegion whole = new PixelRegion(0, 0, transposed ? sh : sw, transposed ? sw : sh);
        // JPEG only: there a cut below the region can still be found (JpegEnd) without decoding it
        PixelRegion region = regionOfInterest == null || !format.equals("JPEG") ? whole
                : regionOfInterest.of(whole.x1(), whole.y1());
        if (!whole.contains(region)) {
            throw new IllegalArgumentException("region " + region + " is outside the decoded image " + whole);
        }
        PixelRegion stored = Orientation.storedRegion(region, sw, sh, orientation);
        boolean partial = !region.equals(whole);
        if (partial) {
            // whole multiples of the sampling period, so the region samples the same pixels as the whole
            param.setSourceRegion(new Rectangle(stored.x0() * factor[0], stored.y0() * factor[1],
                    (stored.width() - 1) * factor[0] + 1, (stored.height() - 1) * factor[1] + 1));
        }
        List<String> truncation = new ArrayList<>();
        reader.addIIOReadWarningListener((r, warning) -> {
            if (looksTruncated(warning)) {
                truncation.add(warning);
            }
        });
        BufferedImage image = reader.read(0, param);
        if (!truncation.isEmpty()) {
            throw new ImageDecodeException("truncated or corrupt " + format + ": " + truncation.get(0));
        }
        if (partial && !jpegEndReached(source)) {
            throw new ImageDecodeException("truncated JPEG: the file ends before its end-of-image marker");
        }
        int[] argb = Orientation.apply(ArgbPixels.of(image), image.getWidth(), image.getHeight(), orientation);
        int fullWidth = transposed ? height : width;
        int fullHeight = transposed ? width : height;
        if (image.getWidth() == stored.width() && image.getHeight() == stored.height()) {
            return new DecodedImage(argb, whole.x1(), whole.y1(), region, fullWidth, fullHeight);
        }
        // a reader that ignored the region (or the subsampling) gave a whole image of its own size
        int w = transposed ? image.getHeight() : image.getWidth();
        int h = transposed ? image.getWidth() : image.getHeight();
        return new DecodedImage(argb, w, h, new PixelRegion(0, 0, w, h), fullWidth, fullHeight);
    }

    private static boolean jpegEndReached(EncodedSource source) throws IOException {
        try (SeekableByteChannel channel = source.channel()) {
            return JpegEnd.reached(channel);
        }
    }

    private static boolean looksTruncated(String warning) {
        String w = warning.toLowerCase(Locale.ROOT);
        return w.contains("premature end") || w.contains("truncat") || w.contains("unexpected end");
    }
}
