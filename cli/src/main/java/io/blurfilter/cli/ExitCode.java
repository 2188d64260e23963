package io.blurfilter.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.ParameterException;

/**
 * The process exit codes of every command, documented in docs/CLI.md: the one table that the parser's
 * exit codes, the error handler and every command's help are taken from.
 */
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

    /** The code a failed command line ends with: a bad command line is a usage error, anything else fatal. */
    public static int of(Throwable problem) {
        return problem instanceof ParameterException || problem instanceof UsageException ? USAGE : FATAL;
    }

    /** The table as every command's help prints it. */
    static Map<String, String> descriptions() {
        Map<String, String> table = new LinkedHashMap<>();
        table.put(Integer.toString(OK), "everything worked");
        table.put(Integer.toString(SOME_FAILED), "some files failed (each is named); undo: conflicts or missing files");
        table.put(Integer.toString(USAGE), "usage error: nothing was done");
        table.put(Integer.toString(FATAL), "fatal: model, output, journal or labels file unusable");
        return table;
    }
}
