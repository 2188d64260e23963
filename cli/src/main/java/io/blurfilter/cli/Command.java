package io.blurfilter.cli;

import java.io.PrintStream;
import java.util.List;

/** One subcommand of {@code blurfilter}. */
interface Command {
    /** The word that selects it, e.g. {@code scan}. */
    String name();

    /** One line for the command list in {@code blurfilter --help}. */
    String summary();

    /** Full usage text, printed by {@code blurfilter <command> --help}. */
    String usage();

    /** True when the command handles {@code --help} itself (it is then passed through). */
    default boolean printsOwnHelp() {
        return false;
    }

    /**
     * Runs the command.
     *
     * @return the exit code (see {@link ExitCode})
     * @throws UsageException for a bad command line (exit code 2)
     * @throws FatalException when the command cannot run (exit code 3)
     */
    int run(List<String> args, PrintStream out, PrintStream err) throws UsageException, FatalException;
}
