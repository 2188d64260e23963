package io.blurfilter.cli;

import io.blurfilter.engine.Model;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads the model a command was given with {@code --model}, or the embedded default one. */
final class ModelLoading {
    private ModelLoading() {}

    /** @param file the model file, or null for the default model shipped in blurfilter-model */
    static Model load(Path file) throws FatalException {
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

    /**
     * The default model comes from the model-weights module ({@code io.blurfilter.model.BlurModel}).
     * It is looked up reflectively so that the CLI builds and its tests run while that module is still
     * being written; once it exists everywhere this becomes a direct call.
     */
    private static Model loadDefault() throws FatalException {
        try {
            Class<?> blurModel = Class.forName("io.blurfilter.model.BlurModel");
            return (Model) blurModel.getMethod("loadDefault").invoke(null);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            throw new FatalException("no default model in this build; pass one with --model FILE");
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new FatalException("cannot load the default model: " + cause.getMessage()
                    + "; pass one with --model FILE", cause);
        } catch (IllegalAccessException e) {
            throw new FatalException("cannot load the default model: " + e, e);
        }
    }
}
