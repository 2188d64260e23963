package io.blurfilter.engine;

import java.io.IOException;

/**
 * The one exception a bad model file produces: truncated, corrupt, hostile, or describing a graph the
 * engine cannot run. The message names the source (file name) and the problem.
 */
public final class ModelFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public ModelFormatException(String message) {
        super(message);
    }

    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
