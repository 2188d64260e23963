package io.blurfilter.imageio;

import io.blurfilter.engine.Classification;
import io.blurfilter.engine.Model;
import java.nio.file.Path;

/**
 * Image files, or their bytes, to a model's classifications in one call, decoded as
 * {@code blurfilter scan} decodes them: large photos at a reduced size that keeps four times the
 * model's resize target ({@link DecodeSettings#reducedFor}), JPEGs only as far as the pixels the
 * model reads ({@link Model#pixelsRead}: the same scores as a whole decode, to the bit), upright per
 * EXIF, truncated files refused. Thread-safe, like the model.
 *
 * <pre>{@code
 * ImageFileClassifier photos = ImageFileClassifier.of(BlurModel.loadDefault());
 * float blurScore = photos.classify(Path.of("photo.jpg")).probability(BlurModel.BLUR);
 * }</pre>
 */
public final class ImageFileClassifier {
    private final Model model;
    private final ImageDecoder decoder;

    private ImageFileClassifier(Model model, DecodeSettings settings) {
        this.model = model;
        this.decoder = new ImageDecoder(settings, model::pixelsRead);
    }

    /** Reduced-size decoding for {@code model}, images over 100 megapixels refused. */
    public static ImageFileClassifier of(Model model) {
        return of(model, DecodeSettings.reducedFor(model.metadata().preprocessing(), DecodeSettings.DEFAULT_MAX_PIXELS));
    }

    /**
     * Decoding as {@code settings} say: {@link DecodeSettings#fullSize()} reproduces the model's own
     * preprocessing of the whole image exactly (slower for large photos).
     */
    public static ImageFileClassifier of(Model model, DecodeSettings settings) {
        return new ImageFileClassifier(model, settings);
    }

    /** Decodes and classifies {@code file}; one that cannot be decoded throws naming the file and why. */
    public Classification classify(Path file) throws ImageDecodeException {
        DecodedImage image;
        try {
            image = decoder.decode(file);
        } catch (ImageDecodeException e) {
            throw new ImageDecodeException(file + ": " + e.getMessage(), e);
        }
        return model.classify(image.toImage());
    }

    /** Decodes and classifies an encoded image held in memory (the bytes of a JPEG, PNG, ... file). */
    public Classification classify(byte[] encoded) throws ImageDecodeException {
        return model.classify(decoder.decode(encoded).toImage());
    }

    /** The model this classifies with (closing it is the caller's business). */
    public Model model() {
        return model;
    }
}
