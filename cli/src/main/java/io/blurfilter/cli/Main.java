package io.blurfilter.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Entry point of the {@code blurfilter} command: picks the subcommand, prints help and version, and
 * turns exceptions into the documented exit codes (see {@link ExitCode}).
 */
public final class Main {
    private final Map<String, Command> commands = new LinkedHashMap<>();

    Main() {
        for (Command c : List.of(new ScanCommand(), new EvalCommand(), new UndoCommand(), new InfoCommand(),
                new RunCommand(), new ConvertCommand(), new BenchCommand(), new MapCommand())) {
            commands.put(c.name(), c);
        }
    }

    public static void main(String[] args) {
        int code = new Main().run(Arrays.asList(args), System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    /** Runs a command line and returns its exit code; never calls {@code System.exit}. */
    public static int execute(List<String> args, PrintStream out, PrintStream err) {
        return new Main().run(args, out, err);
    }

    int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            err.print(help());
            return ExitCode.USAGE;
        }
        String first = args.get(0);
        if (first.equals("--help") || first.equals("-h") || first.equals("help")) {
            out.print(help());
            return ExitCode.OK;
        }
        if (first.equals("--version") || first.equals("-V")) {
            out.println("blurfilter " + version());
            return ExitCode.OK;
        }
        Command command = commands.get(first);
        if (command == null) {
            err.println("blurfilter: unknown command '" + first + "'");
            err.print(help());
            return ExitCode.USAGE;
        }
        List<String> rest = args.subList(1, args.size());
        if (!command.printsOwnHelp() && (rest.contains("--help") || rest.contains("-h"))) {
            out.println(command.usage());
            return ExitCode.OK;
        }
        try {
            return command.run(rest, out, err);
        } catch (UsageException e) {
            err.println("blurfilter " + e.getMessage());
            return ExitCode.USAGE;
        } catch (FatalException e) {
            err.println("blurfilter " + command.name() + ": " + e.getMessage());
            return ExitCode.FATAL;
        } catch (RuntimeException e) {
            err.println("blurfilter " + command.name() + ": internal error: " + e);
            e.printStackTrace(err);
            return ExitCode.FATAL;
        } finally {
            out.flush();
            err.flush();
        }
    }

    String help() {
        StringBuilder sb = new StringBuilder("usage: blurfilter <command> [options]\n\ncommands:\n");
        for (Command c : commands.values()) {
            sb.append(String.format("  %-9s %s%n", c.name(), c.summary()));
        }
        sb.append("\nblurfilter <command> --help shows a command's options; blurfilter --version its version.\n");
        sb.append("Exit codes: 0 ok, 1 some files failed, 2 usage error, 3 fatal error.\n");
        return sb.toString();
    }

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v != null ? v : "development build";
    }
}
