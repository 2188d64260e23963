package io.blurfilter.cli;

import io.blurfilter.cli.scan.BlurScorer;
import io.blurfilter.cli.scan.Labels;
import io.blurfilter.engine.Model;
import io.blurfilter.engine.ModelMetadata;
import io.blurfilter.engine.Postprocessing;
import io.blurfilter.imageio.DecodeSettings;
import io.blurfilter.imageio.ImageDecoder;
import java.util.List;
import java.util.Map;

/**
 * An engine {@link Model} seen as a two-class blur classifier: which output is "blurred", the label
 * names, the default threshold and how small images may be decoded for it.
 */
final class BlurModelAdapter {
    private final Model model;
    private final int positiveIndex;

    private BlurModelAdapter(Model model, int positiveIndex) {
        this.model = model;
        this.positiveIndex = positiveIndex;
    }

    /** Checks that the model has two classes; the positive (blurred) one is the threshold rule's, else class 1. */
    static BlurModelAdapter of(Model model) throws FatalException {
        ModelMetadata meta = model.metadata();
        if (meta.labels().size() != 2) {
            throw new FatalException("model " + meta.name() + " has " + meta.labels().size()
                    + " classes; scanning needs a two-class (clear/blurred) model");
        }
        Postprocessing post = meta.postprocessing();
        int positive = post.kind() == Postprocessing.Kind.THRESHOLD ? post.positiveIndex() : 1;
        return new BlurModelAdapter(model, positive);
    }

    Model model() {
        return model;
    }

    String name() {
        return model.metadata().name();
    }

    /** The output index of the "blurred" class. */
    int positiveIndex() {
        return positiveIndex;
    }

    /** The model's own threshold (0.5 for a top-1 model). */
    float defaultThreshold() {
        Postprocessing post = model.metadata().postprocessing();
        return post.kind() == Postprocessing.Kind.THRESHOLD ? post.threshold() : 0.5f;
    }

    /**
     * The threshold a command runs at: {@code --threshold T}, or {@code --strictness NAME} (one of the
     * model's operating points), or the model's own.
     *
     * @param threshold {@code --threshold}, or null
     * @param strictness {@code --strictness}, or null
     */
    float threshold(Double threshold, String strictness, String command) throws UsageException {
        if (threshold != null && strictness != null) {
            throw new UsageException(command + ": --threshold and --strictness cannot be used together");
        }
        if (threshold != null) {
            return (float) Ranges.check(command, "--threshold", threshold, 0, 1);
        }
        if (strictness == null) {
            return defaultThreshold();
        }
        Map<String, Float> points = operatingPoints();
        Float t = points.get(strictness);
        if (t == null) {
            throw new UsageException(command + ": model " + name() + (points.isEmpty()
                    ? " names no operating points; give --threshold T instead of --strictness"
                    : " has no operating point '" + strictness + "'; it has " + String.join(", ", points.keySet())));
        }
        return t;
    }

    /** The model's named thresholds (empty for most models). */
    Map<String, Float> operatingPoints() {
        return model.metadata().postprocessing().operatingPoints();
    }

    Labels labels(float threshold) {
        List<String> names = model.metadata().labels();
        return new Labels(names.get(1 - positiveIndex), names.get(positiveIndex), threshold);
    }

    /** Thread-safe: the engine model pools its sessions. */
    BlurScorer scorer() {
        return image -> model.classify(image.toImage())
                .probability(positiveIndex);
    }

    /**
     * The decoder for this model: {@link #decodeSettings}, and unless {@code wholeImages} (report
     * thumbnails show the whole photo) only the pixels the model reads ({@link Model#pixelsRead}),
     * which gives the same scores to the bit.
     */
    ImageDecoder decoder(long maxPixels, boolean fullResolution, boolean wholeImages) {
        return new ImageDecoder(decodeSettings(maxPixels, fullResolution), wholeImages ? null : model::pixelsRead);
    }

    /** Full size when {@code fullResolution}, else {@link DecodeSettings#reducedFor} the model. */
    DecodeSettings decodeSettings(long maxPixels, boolean fullResolution) {
        return fullResolution ? new DecodeSettings(maxPixels, 0, 0, 0)
                : DecodeSettings.reducedFor(model.metadata().preprocessing(), maxPixels);
    }
}
