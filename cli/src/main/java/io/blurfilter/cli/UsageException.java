package io.blurfilter.cli;

/**
 * A command line that parses but cannot be run as given (options that exclude each other, an input
 * that does not exist); the message says what is wrong. Exit code 2, as for what the parser rejects.
 */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
