package io.blurfilter.spark;

import io.blurfilter.engine.Model;
import io.blurfilter.engine.Postprocessing;
import io.blurfilter.imageio.DecodeSettings;
import io.blurfilter.imageio.DecodedImage;
import io.blurfilter.imageio.ImageDecodeException;
import io.blurfilter.imageio.ImageDecoder;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * One two-class blur model with the decoder {@code ImageFileClassifier} gives it (reduced-size
 * decoding, only the pixels the model reads, 100-megapixel limit), scoring encoded images into
 * {@link BlurStruct} rows. Thread-safe: task threads of one executor share it. It decodes itself
 * rather than through {@code ImageFileClassifier} because the struct needs the image's size too.
 */
final class BlurScorer {
    private final Model model;
    private final ImageDecoder decoder;
    private final int positiveIndex;
    private final String positiveLabel;
    private final String negativeLabel;
    private final float modelThreshold;
    private final Map<String, Float> operatingPoints;

    private BlurScorer(Model model) {
        List<String> labels = model.metadata().labels();
        if (labels.size() != 2) {
            throw new IllegalArgumentException("model " + model.metadata().name() + " has " + labels.size()
                    + " classes; blur scoring needs a two-class (clear/blurred) model");
        }
        Postprocessing post = model.metadata().postprocessing();
        boolean thresholded = post.kind() == Postprocessing.Kind.THRESHOLD;
        this.model = model;
        this.decoder = new ImageDecoder(DecodeSettings.reducedFor(model.metadata().preprocessing(),
                DecodeSettings.DEFAULT_MAX_PIXELS), model::pixelsRead);
        this.positiveIndex = thresholded ? post.positiveIndex() : 1;
        this.positiveLabel = labels.get(positiveIndex);
        this.negativeLabel = labels.get(1 - positiveIndex);
        this.modelThreshold = thresholded ? post.threshold() : 0.5f;
        this.operatingPoints = post.operatingPoints();
    }

    /** Fails for a model that is not a two-class one: that is a job's mistake, not an image's. */
    static BlurScorer of(Model model) {
        return new BlurScorer(model);
    }

    /** The model's own threshold (0.5 for a top-1 model). */
    float modelThreshold() {
        return modelThreshold;
    }

    /**
     * The threshold named {@code strictness} among the model's operating points; a name the model
     * does not have is an {@link IllegalArgumentException} listing the names it has.
     */
    float operatingPoint(String strictness) {
        Float t = operatingPoints.get(strictness);
        if (t == null) {
            throw new IllegalArgumentException("model " + model.metadata().name() + (operatingPoints.isEmpty()
                    ? " names no operating points; set a threshold instead of strictness '" + strictness + "'"
                    : " has no operating point '" + strictness + "'; it has "
                            + String.join(", ", operatingPoints.keySet())));
        }
        return t;
    }

    /**
     * Never throws for a bad image: that becomes a row with the decoder's message.
     *
     * @param threshold blurred at or above it; NaN for the model's own
     */
    Row score(byte[] encoded, float threshold) {
        if (encoded == null) {
            return BlurStruct.failed("no image bytes (content is null)");
        }
        DecodedImage image;
        try {
            image = decoder.decode(encoded);
        } catch (ImageDecodeException e) {
            return BlurStruct.failed(e.getMessage());
        }
        float score;
        try {
            score = model.classify(image.toImage()).probability(positiveIndex);
        } catch (RuntimeException e) {
            return BlurStruct.failed("model failed on this image: " + e);
        }
        if (!(score >= 0 && score <= 1)) {
            return BlurStruct.failed("model produced an invalid score " + score);
        }
        float t = Float.isNaN(threshold) ? modelThreshold : threshold;
        return BlurStruct.scored(score, score >= t ? positiveLabel : negativeLabel, image.fullWidth(),
                image.fullHeight());
    }
}
