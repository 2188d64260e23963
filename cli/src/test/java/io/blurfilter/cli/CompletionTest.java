package io.blurfilter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code blurfilter generate-completion}: a bash completion script made from the same model as the help. */
class CompletionTest {
    private static final List<String> COMMANDS = List.of("scan", "eval", "undo", "info", "run", "convert", "bench",
            "map");

    @Test
    void printsABashScriptThatNamesEveryCommandAndItsOptions() {
        Cli r = Cli.run("generate-completion");
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        assertTrue(r.out().startsWith("#!/usr/bin/env bash"), r.out());
        assertTrue(r.out().contains("complete -F _complete_blurfilter"), "registers itself for blurfilter");
        for (String command : COMMANDS) {
            assertTrue(r.out().contains("function _picocli_blurfilter_" + command + "()"), command);
        }
        assertTrue(r.out().contains("--move-blurred-to") && r.out().contains("--operating-point"), "options too");
    }

    @Test
    void isHiddenFromTheCommandList() {
        assertFalse(Cli.run("--help").out().contains("generate-completion"));
    }

    @Test
    void bashCompletesCommandNames(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash");
        Path script = tmp.resolve("blurfilter-completion.bash");
        Files.writeString(script, Cli.run("generate-completion").out());
        String probe = "source " + script + "\nCOMP_WORDS=(blurfilter sc)\nCOMP_CWORD=1\nCOMP_LINE='blurfilter sc'\n"
                + "_complete_blurfilter\necho \"${COMPREPLY[@]}\"\n"
                + "COMP_WORDS=(blurfilter scan --move-b)\nCOMP_CWORD=2\nCOMP_LINE='blurfilter scan --move-b'\n"
                + "_complete_blurfilter\necho \"${COMPREPLY[@]}\"\n";
        // stderr: bash's compopt complains outside a real completion, harmlessly
        Process p = new ProcessBuilder("/bin/bash", "-c", probe).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(List.of("scan", "--move-blurred-to"), output.strip().lines().map(String::strip).toList(), output);
    }
}
