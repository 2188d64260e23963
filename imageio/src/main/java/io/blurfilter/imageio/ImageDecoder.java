package io.blurfilter.imageio;

import io.blurfilter.engine.PixelRegion;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes image files, or their bytes in memory, with ImageIO and the TwelveMonkeys plugins (JPEG
 * incl. CMYK/YCCK, PNG, BMP, GIF, WebP, TIFF), recognising the format by content, never by the file
 * name; with {@code -Dblurfilter.decoder=builtin}, JPEG and PNG go through blurfilter's own
 * {@code java.base} decoder first ({@link BuiltInDecoder}). EXIF orientation is applied. Images larger than {@link DecodeSettings#maxPixels()} are refused from their header,
 * before any pixel buffer exists. Every failure is an {@link ImageDecodeException} with a message
 * for people. Thread-safe: each call uses its own reader.
 */
public final class ImageDecoder {
    static {
        // ImageIO would otherwise spill stream caches into temporary files
        ImageIO.setUseCache(false);
        ImageIO.scanForPlugins();
    }

    private final DecodeSettings settings;
    private final RegionOfInterest regionOfInterest;
    private final boolean builtIn;

    public ImageDecoder(DecodeSettings settings) {
        this(settings, null);
    }

    /**
     * Decodes only {@code regionOfInterest} of each (possibly reduced-size, upright) JPEG: rows below
     * the region are never decoded, columns outside it never converted, and the file is still checked
     * for a cut below the region. Other formats, and JPEG readers that ignore source regions, give
     * whole images. Null for whole images always.
     */
    public ImageDecoder(DecodeSettings settings, RegionOfInterest regionOfInterest) {
        this(settings, regionOfInterest, BuiltInDecoder.selected());
    }

    /** @param builtIn JPEG and PNG through the built-in decoder (else ImageIO decodes everything) */
    ImageDecoder(DecodeSettings settings, RegionOfInterest regionOfInterest, boolean builtIn) {
        this.settings = settings;
        this.regionOfInterest = regionOfInterest;
        this.builtIn = builtIn;
    }

    public DecodedImage decode(Path file) throws ImageDecodeException {
        return decode(EncodedSource.of(file));
    }

    /**
     * Decodes an encoded image held in memory (a JPEG, PNG, ... file's bytes), exactly as
     * {@link #decode(Path)} would decode that file. The array is only read.
     */
    public DecodedImage decode(byte[] encoded) throws ImageDecodeException {
        return decode(EncodedSource.of(Objects.requireNonNull(encoded, "encoded")));
    }

    private DecodedImage decode(EncodedSource source) throws ImageDecodeException {
        try {
            return decodeOrThrow(source);
        } catch (ImageDecodeException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ImageDecodeException(describe(e), e);
        } catch (OutOfMemoryError e) {
            // the pixel limit should prevent this; if it happens the buffer is garbage again already
            throw new ImageDecodeException("out of memory while decoding (lower the pixel limit or raise -Xmx)", e);
        }
    }

    private DecodedImage decodeOrThrow(EncodedSource source) throws IOException {
        byte[] head = new byte[ExifOrientation.HEAD_BYTES];
        int headLength;
        try (SeekableByteChannel channel = source.channel()) {
            if (channel.size() == 0) {
                throw new ImageDecodeException("empty file (0 bytes)");
            }
            headLength = readFully(channel, head);
        }
        int orientation = ExifOrientation.find(head, headLength);
        boolean jpeg = BuiltInDecoder.isJpeg(head, headLength);
        if (builtIn && (jpeg || BuiltInDecoder.isPng(head, headLength))) {
            DecodedImage image = BuiltInDecoder.decode(source.bytes(), jpeg, orientation, settings, regionOfInterest);
            if (image != null) {
                return image;
            }
        }
        try (ImageInputStream in = source.imageStream()) {
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
                return read(reader, orientation, source);
            } finally {
                reader.dispose();
            }
        }
    }

    private DecodedImage read(ImageReader reader, int orientation, EncodedSource source) throws IOException {
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

    private static int readFully(SeekableByteChannel channel, byte[] into) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(into);
        while (buf.hasRemaining() && channel.read(buf) > 0) {
            // keep reading until the head is full or the file ends
        }
        return buf.position();
    }

    /** A message for the error column from whatever the file system or a decoder threw. */
    static String describe(Throwable e) {
        if (e instanceof NoSuchFileException) {
            return "file vanished before it could be read";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemLoopException) {
            return "symbolic link loop";
        }
        if (e instanceof FileNotFoundException) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("Permission denied")) {
                return "permission denied";
            }
            return m.contains("Too many levels of symbolic links") ? "symbolic link loop"
                    : "file vanished before it could be read";
        }
        if (e instanceof IOException && String.valueOf(e.getMessage()).contains("Is a directory")) {
            return "not a regular file (a directory)";
        }
        if (e instanceof EOFException || hasCause(e, EOFException.class)) {
            return "truncated image: the file ends before the image data does";
        }
        if (e instanceof IIOException || e instanceof IOException) {
            return "corrupt or truncated image: " + rootMessage(e);
        }
        return "cannot decode: " + e.getClass().getSimpleName() + ": " + rootMessage(e);
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() != null ? t.getMessage() : e.getMessage();
        return m != null ? m : t.getClass().getSimpleName();
    }
}
