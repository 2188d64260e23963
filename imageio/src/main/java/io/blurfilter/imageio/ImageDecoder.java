package io.blurfilter.imageio;

import io.blurfilter.decoder.UnsupportedFeatureException;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Decodes image files, or their bytes in memory, with ImageIO and the TwelveMonkeys plugins (JPEG
 * incl. CMYK/YCCK, PNG, BMP, GIF, WebP, TIFF), recognising the format by content, never by the file
 * name. PNG goes through blurfilter's own {@code java.base} decoder ({@link BuiltInDecoder}: the
 * same pixels as the JDK's reader, and no slower); JPEG does too where the JVM runs the decoder's
 * Vector API paths ({@code jdk.incubator.vector}, which the {@code blurfilter} launcher adds; faster
 * than the JDK's native libjpeg there, slower without them) or with {@code -Dblurfilter.decoder=builtin},
 * and {@code -Dblurfilter.decoder=imageio} sends both back to ImageIO. EXIF orientation is applied. Images larger than {@link DecodeSettings#maxPixels()} are refused from their header,
 * before any pixel buffer exists. Every failure is an {@link ImageDecodeException} with a message
 * for people. Thread-safe: each call uses its own reader.
 *
 * <p>On a JVM without {@code java.desktop} ({@link #hasImageIo()} false: a jlink'd or
 * {@code --limit-modules java.base} runtime) JPEG and PNG always go through the built-in decoder,
 * and every other format, or a JPEG/PNG feature the built-in decoder lacks, is an
 * {@link ImageDecodeException} naming the format and the missing module. Only {@link ImageIoReader}
 * links {@code javax.imageio} and {@code java.awt}, and it is loaded only when ImageIO is used.
 */
public final class ImageDecoder {
    private static final boolean IMAGE_IO = detectImageIo();

    static {
        if (IMAGE_IO) {
            ImageIoReader.initialize(); // ImageIO's settings and plugin scan, when this class is first used
        }
    }

    private final DecodeSettings settings;
    private final RegionOfInterest regionOfInterest;
    private final BuiltInDecoder.Formats builtIn;
    private final boolean imageIo;

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
        this(settings, regionOfInterest, BuiltInDecoder.selected(), IMAGE_IO);
    }

    /**
     * As {@link #ImageDecoder(DecodeSettings, RegionOfInterest)}, with the decoder chosen here rather
     * than by {@code -Dblurfilter.decoder} (benchmarks compare the two in one JVM).
     *
     * @param builtIn JPEG and PNG through the built-in decoder (else ImageIO decodes everything)
     */
    public ImageDecoder(DecodeSettings settings, RegionOfInterest regionOfInterest, boolean builtIn) {
        this(settings, regionOfInterest, builtIn, IMAGE_IO);
    }

    /**
     * @param imageIo whether ImageIO may be used; false decodes as a JVM without {@code java.desktop}
     *     does (tests), true needs {@link #hasImageIo()}
     */
    ImageDecoder(DecodeSettings settings, RegionOfInterest regionOfInterest, boolean builtIn, boolean imageIo) {
        this(settings, regionOfInterest, builtIn ? BuiltInDecoder.Formats.JPEG_AND_PNG : BuiltInDecoder.Formats.NONE,
                imageIo);
    }

    private ImageDecoder(DecodeSettings settings, RegionOfInterest regionOfInterest, BuiltInDecoder.Formats builtIn,
            boolean imageIo) {
        if (imageIo && !IMAGE_IO) {
            throw new IllegalArgumentException("this JVM has no java.desktop module (ImageIO)");
        }
        this.settings = settings;
        this.regionOfInterest = regionOfInterest;
        this.builtIn = imageIo ? builtIn : BuiltInDecoder.Formats.JPEG_AND_PNG;
        this.imageIo = imageIo;
    }

    /**
     * Whether this JVM has ImageIO (module {@code java.desktop}). Without it only JPEG and PNG are
     * decoded, by the built-in decoder; other formats give an {@link ImageDecodeException} saying so.
     */
    public static boolean hasImageIo() {
        return IMAGE_IO;
    }

    private static boolean detectImageIo() {
        try {
            Class.forName("javax.imageio.ImageIO", false, ImageDecoder.class.getClassLoader());
            Class.forName("java.awt.image.BufferedImage", false, ImageDecoder.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
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
        boolean png = !jpeg && BuiltInDecoder.isPng(head, headLength);
        if (!imageIo) {
            if (!jpeg && !png) {
                throw new ImageDecodeException(FormatSniffer.withoutImageIoMessage(head, headLength));
            }
            try {
                return BuiltInDecoder.decodeSupported(source.bytes(), jpeg, orientation, settings, regionOfInterest);
            } catch (UnsupportedFeatureException e) {
                throw new ImageDecodeException("unsupported " + (jpeg ? "JPEG" : "PNG") + ": " + e.feature()
                        + " (the built-in decoder does not read it, and this JVM has no java.desktop module for"
                        + " ImageIO to try)", e);
            }
        }
        if (jpeg && builtIn.jpeg || png && builtIn.png) {
            DecodedImage image = BuiltInDecoder.decode(source.bytes(), jpeg, orientation, settings, regionOfInterest);
            if (image != null) {
                return image;
            }
        }
        return ImageIoReader.decode(source, head, headLength, orientation, settings, regionOfInterest);
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
        if (e instanceof IOException) { // ImageIO's IIOException too
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
