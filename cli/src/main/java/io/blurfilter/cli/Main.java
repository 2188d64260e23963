package io.blurfilter.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Entry point of the {@code blurfilter} command and its top level: the subcommands, help and version,
 * and the documented exit codes (see {@link ExitCode}) for whatever goes wrong.
 */
@Command(name = "blurfilter", mixinStandardHelpOptions = true,
        description = "Finds blurred photos: scores images with a small neural network, in pure Java.",
        footer = {"", "blurfilter <command> --help shows a command's options."})
public final class Main implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    private Main() {}

    public static void main(String[] args) {
        int code = execute(Arrays.asList(args), System.out, System.err);
        System.exit(code);
    }

    /** Runs a command line and returns its exit code; never calls {@code System.exit}. */
    public static int execute(List<String> args, PrintStream out, PrintStream err) {
        CommandLine line = commandLine(out, err);
        try {
            return line.execute(args.toArray(String[]::new));
        } finally {
            line.getOut().flush();
            line.getErr().flush();
            out.flush();
            err.flush();
        }
    }

    /** The whole command line: every subcommand, printing to these streams. */
    static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine line = new CommandLine(new Main());
        for (Object command : List.of(new ScanCommand(out, err), new EvalCommand(out, err), new UndoCommand(out, err),
                new InfoCommand(out), new RunCommand(out), new io.blurfilter.converter.ConvertCommand(out),
                new BenchCommand(out), new MapCommand(out, err), new CommandLine.HelpCommand(),
                new AutoComplete.GenerateCompletion())) {
            line.addSubcommand(command);
        }
        line.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(true);
        FailureReport failures = new FailureReport(err);
        line.setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .setExpandAtFiles(false) // a photo may be named @something
                .setParameterExceptionHandler(failures)
                .setExecutionExceptionHandler(failures)
                .setExitCodeExceptionMapper(ExitCode::of);
        everyCommand(line);
        return line;
    }

    /** What every command shares: the version, the exit codes and their place in the help. */
    private static void everyCommand(CommandLine command) {
        CommandSpec spec = command.getCommandSpec();
        spec.versionProvider(new Version());
        spec.exitCodeOnInvalidInput(ExitCode.USAGE).exitCodeOnExecutionException(ExitCode.FATAL);
        spec.usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCode.descriptions());
        for (CommandLine sub : command.getSubcommands().values()) {
            everyCommand(sub);
        }
    }

    /** No command given: a usage error that lists the commands. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "give a command");
    }

    /** The version of the jar's manifest. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"blurfilter " + (v != null ? v : "development build")};
        }
    }
}
