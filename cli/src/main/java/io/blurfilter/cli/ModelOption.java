package io.blurfilter.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --model FILE}, for the commands that run the embedded default model unless told otherwise. */
final class ModelOption {
    @Option(names = "--model", paramLabel = "FILE", description = "a model file instead of the embedded default model")
    Path file;

    /** The model given, or the default one (see {@link ModelLoading#load}). */
    io.blurfilter.engine.Model load() throws FatalException {
        return ModelLoading.load(file);
    }
}
