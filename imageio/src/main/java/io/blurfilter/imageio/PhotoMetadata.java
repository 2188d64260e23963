package io.blurfilter.imageio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * What the camera wrote about a photo (EXIF): exposure time, ISO, focal length, aperture, camera and
 * capture time. A 1/8 s exposure explains a motion-blurred photo; a wide aperture a soft background.
 * Each value is null when the file does not have it, or has a value no camera writes.
 *
 * <p>Read by blurfilter's own TIFF field reader ({@link TiffFields}, java.base only, so also on a
 * JVM without {@code java.desktop} or {@code java.logging}), from a bounded block of bytes only: the
 * first {@link #HEAD_BYTES} of the file are read into memory, the EXIF block is found in them (a
 * JPEG's APP1 segment, at most 64 KB; a PNG's {@code eXIf} chunk; a TIFF file's own header and first
 * directories), and only IFD0 and its EXIF directory in that block are visited. A damaged or
 * crafted file therefore costs at most a few milliseconds and gives
 * whatever fields could be read, or none: reading metadata never throws for bad content. EXIF
 * orientation is not taken from here; the decoder keeps its own small parser for it
 * ({@link ExifOrientation}), so this read can never change a blur score.
 *
 * @param exposureTime seconds (1/50 s is 0.02)
 * @param iso ISO speed (EXIF PhotographicSensitivity)
 * @param focalLength millimetres, as stored (not the 35 mm equivalent)
 * @param fNumber the aperture's f-number (2.8 for f/2.8)
 * @param cameraMake the camera's maker, as written by the camera
 * @param cameraModel the camera's model, as written by the camera
 * @param captureTime when the photo was taken, ISO 8601 local time ({@code 2019-07-03T19:43:26}),
 *     with the offset from UTC when the file stores one ({@code 2019-07-03T19:43:26+02:00})
 */
public record PhotoMetadata(Double exposureTime, Integer iso, Double focalLength, Double fNumber, String cameraMake,
        String cameraModel, String captureTime) {
    /** How many leading bytes of a file are read to look for its metadata. */
    public static final int HEAD_BYTES = ExifOrientation.HEAD_BYTES;

    /** No metadata at all. */
    public static final PhotoMetadata NONE = new PhotoMetadata(null, null, null, null, null, null, null);

    /**
     * The metadata in the file's first {@link #HEAD_BYTES}; {@link #NONE} when the file has none,
     * cannot be read, or its metadata is damaged beyond use.
     */
    public static PhotoMetadata read(Path file) {
        Objects.requireNonNull(file, "file");
        byte[] head = new byte[HEAD_BYTES];
        int length;
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            ByteBuffer buf = ByteBuffer.wrap(head);
            while (buf.hasRemaining() && channel.read(buf) > 0) {
                // until the head is full or the file ends
            }
            length = buf.position();
        } catch (IOException | RuntimeException e) {
            return NONE;
        }
        return ExifReader.read(head, length);
    }

    /** The metadata of an encoded image held in memory (a file's bytes); the array is only read. */
    public static PhotoMetadata read(byte[] encoded) {
        Objects.requireNonNull(encoded, "encoded");
        return ExifReader.read(encoded, Math.min(encoded.length, HEAD_BYTES));
    }

    /** Whether no value at all is known. */
    public boolean isEmpty() {
        return equals(NONE);
    }

    /** The exposure time as photographers write it: {@code 1/50 s}, {@code 0.3 s}, {@code 2 s}; null if unknown. */
    public String exposureTimeText() {
        if (exposureTime == null) {
            return null;
        }
        double t = exposureTime;
        if (t < 0.2501) { // 1/4 s and shorter
            return "1/" + Math.round(1 / t) + " s";
        }
        return trim(String.format(Locale.ROOT, "%.1f", t)) + " s";
    }

    /** The aperture as photographers write it: {@code f/2.8}; null if unknown. */
    public String fNumberText() {
        return fNumber == null ? null : "f/" + trim(String.format(Locale.ROOT, "%.1f", fNumber));
    }

    /** The focal length in whole millimetres where that is exact enough: {@code 3.8 mm}, {@code 35 mm}. */
    public String focalLengthText() {
        return focalLength == null ? null : trim(String.format(Locale.ROOT, "%.1f", focalLength)) + " mm";
    }

    /** Maker and model as one name, without the maker twice ({@code Canon EOS R5}, {@code HUAWEI BND-L21}). */
    public String cameraText() {
        if (cameraModel == null) {
            return cameraMake;
        }
        if (cameraMake == null || cameraModel.toLowerCase(Locale.ROOT).startsWith(cameraMake.toLowerCase(Locale.ROOT))) {
            return cameraModel;
        }
        return cameraMake + " " + cameraModel;
    }

    private static String trim(String decimal) {
        return decimal.endsWith(".0") ? decimal.substring(0, decimal.length() - 2) : decimal;
    }
}
