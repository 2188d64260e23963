package io.blurfilter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * docs/CLI.md and the parser's model cannot drift apart: each command's synopsis in the docs names
 * exactly the options the command has (all their spellings), the command table lists every command
 * and the exit-code table every code. The help is generated from the same model, so it agrees too.
 */
class CliDocsTest {
    private static final Path DOCS = Path.of("../docs/CLI.md");
    /** Every command has these; the docs say so once, at the top. */
    private static final Set<String> STANDARD = Set.of("-h", "--help", "-V", "--version");
    private static final Pattern OPTION = Pattern.compile("(?<![\\w.-])--?[a-zA-Z][\\w-]*");

    private static CommandLine model() {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return Main.commandLine(sink, sink);
    }

    @Test
    void everyCommandsSynopsisNamesExactlyItsOptions() throws IOException {
        String docs = Files.readString(DOCS);
        for (CommandLine command : model().getSubcommands().values()) {
            String name = command.getCommandName();
            if (name.equals("help")) {
                continue; // picocli's own, documented in one line
            }
            Set<String> options = new TreeSet<>();
            for (OptionSpec option : command.getCommandSpec().options()) {
                options.addAll(Arrays.asList(option.names()));
            }
            options.removeAll(STANDARD);
            assertEquals(options, optionsIn(synopsis(docs, name)), "docs/CLI.md synopsis of " + name);
        }
    }

    @Test
    void theCommandTableListsEveryCommand() throws IOException {
        String docs = Files.readString(DOCS);
        for (CommandLine command : model().getSubcommands().values()) {
            if (!command.getCommandSpec().usageMessage().hidden()) {
                assertTrue(docs.contains("\n| `" + command.getCommandName() + "` |"), command.getCommandName());
            }
        }
    }

    @Test
    void theExitCodeTableListsEveryCode() throws IOException {
        String docs = Files.readString(DOCS);
        for (String code : ExitCode.descriptions().keySet()) {
            assertTrue(docs.contains("\n| " + code + " |"), code);
        }
        assertEquals(Set.of(ExitCode.OK, ExitCode.SOME_FAILED, ExitCode.USAGE, ExitCode.FATAL),
                Set.copyOf(ExitCode.descriptions().keySet().stream().map(Integer::valueOf).toList()));
    }

    @Test
    void readsEverySpellingFromASynopsisAndNoValues() {
        String docs = "## `scan`\n\n```\nblurfilter scan <dir|file>... [-r|--recursive] [--threshold T | --strictness NAME]"
                + "\n    [--report report.html] [--shape 1,3,H,W] [--kernels fast,vector]\n```\n";
        assertEquals(Set.of("-r", "--recursive", "--threshold", "--strictness", "--report", "--shape", "--kernels"),
                optionsIn(synopsis(docs, "scan")));
    }

    /** The first code block after the command's heading ({@code ## `scan`} or {@code ### `undo`}). */
    private static String synopsis(String docs, String command) {
        Matcher heading = Pattern.compile("(?m)^##+ `" + Pattern.quote(command) + "`$").matcher(docs);
        assertTrue(heading.find(), "docs/CLI.md has a section for " + command);
        int open = docs.indexOf("\n```\n", heading.end());
        int close = docs.indexOf("\n```\n", open + 5);
        assertTrue(open > 0 && close > open, "the section of " + command + " starts with a synopsis block");
        String block = docs.substring(open + 5, close);
        assertTrue(block.startsWith("blurfilter " + command), block);
        return block;
    }

    private static Set<String> optionsIn(String synopsis) {
        Set<String> found = new TreeSet<>();
        Matcher m = OPTION.matcher(synopsis);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }
}
