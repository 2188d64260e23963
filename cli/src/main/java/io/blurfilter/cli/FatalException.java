package io.blurfilter.cli;

/** A problem that stops a command before or while it runs (model unloadable, output unwritable). Exit code 3. */
public final class FatalException extends Exception {
    private static final long serialVersionUID = 1L;

    public FatalException(String message) {
        super(message);
    }

    public FatalException(String message, Throwable cause) {
        super(message, cause);
    }
}
