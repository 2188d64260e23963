package io.blurfilter.cli.scan;

import java.io.IOException;

/** Receives each result, in the order the files were found, on one thread. */
@FunctionalInterface
public interface RowSink {
    void accept(ScanRow row) throws IOException;
}
