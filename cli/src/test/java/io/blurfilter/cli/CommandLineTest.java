package io.blurfilter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParseResult;

/** How every command's line is parsed (picocli, configured in {@link Main}) and how its mistakes are reported. */
class CommandLineTest {
    private static ParseResult parse(String... args) {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return Main.commandLine(sink, sink).parseArgs(args).subcommand();
    }

    @Test
    void readsFlagsValuesAndPositionals() {
        ParseResult scan = parse("scan", "a", "--threads", "3", "-r", "--format=csv", "b", "--", "--quiet");
        assertEquals(List.of(Path.of("a"), Path.of("b"), Path.of("--quiet")), scan.matchedPositionalValue(0, null));
        assertTrue(scan.hasMatchedOption("--recursive"));
        assertFalse(scan.hasMatchedOption("--quiet"), "after -- it is a file name");
        assertEquals(3, (int) scan.matchedOptionValue("--threads", 0));
        assertEquals("csv", scan.matchedOptionValue("--format", ""));
    }

    @Test
    void shortOptionsMeanTheLongOnesAndCluster() {
        ParseResult scan = parse("scan", "a", "-rq", "-o", "rows.csv");
        assertTrue(scan.hasMatchedOption("--recursive") && scan.hasMatchedOption("--quiet"));
        assertEquals(Path.of("rows.csv"), scan.matchedOptionValue("--output", null));
        ParseResult map = parse("map", "a", "-rq", "-o", "out");
        assertTrue(map.hasMatchedOption("--recursive") && map.hasMatchedOption("--quiet"));
    }

    @Test
    void anArgumentStartingWithAtIsAFileNotAnArgumentFile() {
        assertEquals(List.of(Path.of("@IMG_1.jpg")), parse("scan", "@IMG_1.jpg").matchedPositionalValue(0, null));
    }

    @Test
    void explainsEveryMistakeOnStandardErrorWithExitCodeTwo() {
        assertUsage("blurfilter scan: Unknown option: '--frobnicate'\n(see blurfilter scan --help)",
                "scan", "x", "--frobnicate");
        assertUsage("blurfilter scan: Missing required parameter for option '--threads' (N)", "scan", "x", "--threads");
        assertUsage("blurfilter scan: option '--threads' (N) should be specified only once", "scan", "x", "--threads",
                "1", "--threads", "2");
        assertUsage("blurfilter scan: Invalid value for option '--threads': 'x' is not an int", "scan", ".",
                "--threads", "x");
        assertUsage("blurfilter scan: --threads must be between 1 and 1024, got 0", "scan", ".", "--threads", "0");
        assertUsage("blurfilter scan: --format must be one of table, csv, json, jsonl, got 'xml'", "scan", ".",
                "--format", "xml");
        assertUsage("blurfilter scan: Missing required parameter: '<dir|file>'", "scan");
        assertUsage("blurfilter eval: Unmatched argument at index 1: 'photos'", "eval", "photos");
        assertUsage("blurfilter: unknown command 'frobnicate'\nDid you mean: blurfilter scan?", "frobnicate");
        assertUsage("blurfilter: give a command");
    }

    @Test
    void helpAndVersionForEveryCommandGoToStandardOutput() {
        for (String command : List.of("scan", "eval", "undo", "info", "run", "convert", "bench", "map")) {
            Cli help = Cli.run(command, "--help");
            assertEquals(ExitCode.OK, help.exitCode(), help.toString());
            assertTrue(help.out().contains("Usage: blurfilter " + command), help.toString());
            assertTrue(help.out().contains("Exit codes:\n  0   everything worked"), help.toString());
            assertEquals("", help.err());
            assertTrue(Cli.run(command, "-V").out().startsWith("blurfilter "), command);
        }
        Cli topics = Cli.run("help", "undo");
        assertTrue(topics.out().contains("Usage: blurfilter undo"), topics.toString());
    }

    private static void assertUsage(String expectedStart, String... args) {
        Cli r = Cli.run(args);
        assertEquals(ExitCode.USAGE, r.exitCode(), r.toString());
        assertTrue(r.err().startsWith(expectedStart), r.toString());
        assertEquals("", r.out(), "nothing was done");
    }
}
