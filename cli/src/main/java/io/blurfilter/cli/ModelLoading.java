package io.blurfilter.cli;

import io.blurfilter.engine.Model;
import io.blurfilter.engine.KernelFamily;
import io.blurfilter.model.BlurModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads the model a command was given with {@code --model}, or the embedded default one. */
final class ModelLoading {
    private ModelLoading() {}

    /** @param file the model file, or null for the default model shipped in blurfilter-model */
    static Model load(Path file) throws FatalException {
        try {
            KernelFamily.configured();
        } catch (IllegalArgumentException e) {
            throw new FatalException(e.getMessage(), e); // the JVM option, not the model, is wrong
        }
        if (file == null) {
            return loadDefault();
        }
        if (!Files.exists(file)) {
            throw new FatalException("model file not found: " + file);
        }
        try {
            return Model.load(file);
        } catch (IOException e) {
            throw new FatalException("cannot load model " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new FatalException("cannot load model " + file + ": " + e, e);
        }
    }

    /** The default model packaged in the blurfilter-model jar. */
    private static Model loadDefault() throws FatalException {
        try {
            return BlurModel.loadDefault();
        } catch (IllegalStateException | UncheckedIOException e) {
            throw new FatalException("cannot load the default model: " + e.getMessage()
                    + "; pass a model file with --model FILE", e);
        }
    }
}
