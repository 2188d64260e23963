package io.blurfilter.cli;

import java.io.PrintStream;
import java.util.List;

/** {@code blurfilter bench}: a placeholder until the bench module provides the command. */
final class BenchCommand implements Command {
    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "measure inference speed (see the bench module)";
    }

    @Override
    public String usage() {
        return "usage: blurfilter bench\n\nNot wired into the CLI yet: see the bench module.";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        err.println("blurfilter bench: not available from the CLI yet; see the bench module");
        return ExitCode.FATAL;
    }
}
