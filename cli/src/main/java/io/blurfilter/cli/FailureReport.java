package io.blurfilter.cli;

import java.io.PrintStream;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Reports a command line that failed on standard error, naming the command and the problem, and
 * ends it with the {@link ExitCode} of that problem. Parse errors and {@link UsageException}s are
 * usage errors; {@link FatalException} and the converter's errors are fatal; anything else is a bug,
 * printed with its stack trace.
 */
final class FailureReport implements IParameterExceptionHandler, IExecutionExceptionHandler {
    private final PrintStream err;

    FailureReport(PrintStream err) {
        this.err = err;
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        String problem = e.getMessage();
        if (command.getParent() == null && e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()
                && !u.getUnmatched().get(0).startsWith("-")) {
            problem = "unknown command '" + u.getUnmatched().get(0) + "'"; // picocli's words are about its parser
        }
        err.println(command.getCommandSpec().qualifiedName() + ": " + problem);
        UnmatchedArgumentException.printSuggestions(e, err);
        if (command.getParent() == null) {
            command.usage(err); // no command or an unknown one: the list of commands
        } else {
            err.println("(see " + command.getCommandSpec().qualifiedName() + " --help)");
        }
        return ExitCode.of(e);
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
        if (e instanceof UsageException) {
            err.println("blurfilter " + e.getMessage()); // its message starts with the command
        } else if (e instanceof RuntimeException) {
            err.println(command.getCommandSpec().qualifiedName() + ": internal error: " + e);
            e.printStackTrace(err);
        } else {
            err.println(command.getCommandSpec().qualifiedName() + ": " + e.getMessage());
        }
        return ExitCode.of(e);
    }
}
