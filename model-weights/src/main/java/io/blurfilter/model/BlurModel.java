package io.blurfilter.model;

import io.blurfilter.engine.Model;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The default clear-vs-blurred model packaged in this jar: PP-LCNet trained by blurfilter's own
 * pipeline (model-weights/training, MODEL-CARD.md). Labels {@code clear} (0) and {@code blur} (1); the
 * blur score is the probability of class 1; images at or above 0.5 are labelled blurred.
 *
 * <pre>{@code
 * Model model = BlurModel.loadDefault();
 * float blurScore = model.classify(Image.ofArgb(pixels, w, h)).probability(BlurModel.BLUR);
 * }</pre>
 */
public final class BlurModel {
    /** Classpath location of the packaged model file. */
    public static final String RESOURCE = "/io/blurfilter/model/blur-default.bfm";
    /** Output index of the "clear" class. */
    public static final int CLEAR = 0;
    /** Output index of the "blur" class. */
    public static final int BLUR = 1;

    private static volatile Model shared;

    private BlurModel() {}

    /** Loads a fresh instance of the packaged model. */
    public static Model loadDefault() {
        try (InputStream in = BlurModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the default model " + RESOURCE + " is not packaged in this build");
            }
            return Model.load(in, "blur-default.bfm");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the packaged default model: " + e.getMessage(), e);
        }
    }

    /** One shared instance, loaded on first use; models are immutable and thread-safe. */
    public static Model shared() {
        Model m = shared;
        if (m == null) {
            synchronized (BlurModel.class) {
                m = shared;
                if (m == null) {
                    m = loadDefault();
                    shared = m;
                }
            }
        }
        return m;
    }

    /** Whether this build packages the default model. */
    public static boolean isPackaged() {
        return BlurModel.class.getResource(RESOURCE) != null;
    }
}
