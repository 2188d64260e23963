package io.blurfilter.cli;

/** The process exit codes of every command, documented in docs/CLI.md. */
public final class ExitCode {
    private ExitCode() {}

    /** Everything worked. */
    public static final int OK = 0;
    /** The command ran to the end but some files failed (each has a row with an error). */
    public static final int SOME_FAILED = 1;
    /** The command line was wrong: unknown option, missing value, bad number. Nothing was done. */
    public static final int USAGE = 2;
    /** The command could not run at all: model unloadable, output not writable, journal unreadable. */
    public static final int FATAL = 3;
}
