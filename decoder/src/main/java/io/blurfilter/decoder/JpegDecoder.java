package io.blurfilter.decoder;

import java.util.Objects;

/**
 * Decodes baseline and progressive Huffman-coded JPEGs (8-bit, greyscale, YCbCr, RGB, CMYK and YCCK,
 * any whole-ratio chroma subsampling, restart intervals) with {@code java.base} only. Decoding at 1/2,
 * 1/4 or 1/8 of the size runs a reduced inverse DCT on the low-frequency coefficients, as libjpeg-turbo
 * does, which is much less work than decoding every pixel and averaging them away.
 *
 * <p>Pixels match libjpeg-turbo's {@code djpeg -dct int} (with {@code -scale 1/N}). Images declaring
 * more than the pixel limit are refused from their header. Every failure is a {@link DecodeException}
 * naming the problem; features it does not decode (arithmetic coding, 12-bit, lossless, hierarchical)
 * give an {@link UnsupportedFeatureException}. Thread-safe: each call decodes on its own.
 */
public final class JpegDecoder {
    private final long maxPixels;

    /** @param maxPixels images whose header declares more pixels than this are refused before decoding */
    public JpegDecoder(long maxPixels) {
        if (maxPixels <= 0) {
            throw new IllegalArgumentException("maxPixels must be positive: " + maxPixels);
        }
        this.maxPixels = maxPixels;
    }

    /**
     * Whether this JVM runs the decoder's Vector API paths (the IDCTs, colour conversion and 2x2
     * upsampling): {@code jdk.incubator.vector} is present, the CPU has 256-bit integer vectors, and
     * {@code -Dblurfilter.decoder.vector=false} did not switch them off. The pixels are the same either
     * way; the speed is not (bench/RESULTS.md, "Built-in decoder").
     */
    public static boolean usesVectorApi() {
        return VectorPaths.allActive();
    }

    /** Size and layout from the header; decodes no pixels. */
    public JpegInfo readInfo(byte[] jpeg) throws DecodeException {
        Objects.requireNonNull(jpeg, "jpeg");
        Frame f = guarded(() -> new JpegParser(jpeg).readFrame(maxPixels));
        return new JpegInfo(f.width, f.height, f.components.length, f.progressive);
    }

    /** The whole image at full size. */
    public DecodedPixels decode(byte[] jpeg) throws DecodeException {
        return decode(jpeg, 1);
    }

    /**
     * The whole image at 1/{@code denominator} of its size (1, 2, 4 or 8), rounded up:
     * {@code ceil(width / denominator) x ceil(height / denominator)}.
     */
    public DecodedPixels decode(byte[] jpeg, int denominator) throws DecodeException {
        return decodeWindow(jpeg, denominator, null);
    }

    /**
     * Only {@code window} of the image at 1/{@code denominator} of its size, exactly the pixels a
     * whole decode has there: its {@code width x height} pixels. The file must still hold the image
     * data below the window (a cut there is reported), but that data is skipped, not decoded; so is
     * every restart interval (in files with restart markers) that holds none of the window's blocks.
     *
     * @throws IllegalArgumentException when the window is not inside the reduced image
     */
    public DecodedPixels decode(byte[] jpeg, int denominator, Window window) throws DecodeException {
        return decodeWindow(jpeg, denominator, Objects.requireNonNull(window, "window"));
    }

    /** @param window null for the whole image */
    private DecodedPixels decodeWindow(byte[] jpeg, int denominator, Window window) throws DecodeException {
        Objects.requireNonNull(jpeg, "jpeg");
        if (denominator != 1 && denominator != 2 && denominator != 4 && denominator != 8) {
            throw new IllegalArgumentException("scale denominator must be 1, 2, 4 or 8: " + denominator);
        }
        return guarded(() -> new JpegParser(jpeg).decode(8 / denominator, maxPixels, window));
    }

    private interface Step<T> {
        T run() throws DecodeException;
    }

    /**
     * The parser checks every length and index it reads; this turns a check it missed into a
     * DecodeException rather than letting an ArrayIndexOutOfBoundsException escape from damaged bytes.
     */
    private static <T> T guarded(Step<T> step) throws DecodeException {
        try {
            return step.run();
        } catch (IndexOutOfBoundsException | NegativeArraySizeException | ArithmeticException e) {
            throw new DecodeException("corrupt JPEG: " + e, e);
        }
    }
}
