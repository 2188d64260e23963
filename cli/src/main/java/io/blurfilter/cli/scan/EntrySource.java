package io.blurfilter.cli.scan;

import java.io.IOException;
import java.util.function.Consumer;

/** Where the files of a scan come from: a directory walk, or a labels file for evaluation. */
@FunctionalInterface
public interface EntrySource {
    /** Hands every entry to {@code sink}, in order, as it is found. */
    void forEach(Consumer<InputEntry> sink) throws IOException;
}
