package io.blurfilter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code blurfilter} launcher script gives the JVM the Vector API module (and with it the JVM's
 * "Using incubator modules" warning) only for commands that run a model (issue 19, item 11). Runs a
 * copy of the script against a stand-in {@code java} that records its arguments.
 */
class LauncherScriptTest {
    private static final Path SCRIPT = Path.of("..", "blurfilter");

    @TempDir
    Path tmp;
    Path recorded;

    @BeforeEach
    void fakeCheckoutAndJava() throws IOException {
        assumeTrue(Files.isRegularFile(SCRIPT) && Files.isExecutable(Path.of("/bin/bash")), "needs bash");
        Path script = tmp.resolve("checkout/blurfilter");
        Files.createDirectories(tmp.resolve("checkout/cli/target"));
        Files.writeString(tmp.resolve("checkout/cli/target/blurfilter.jar"), "");
        Files.copy(SCRIPT, script);
        recorded = tmp.resolve("java-args");
        Path java = tmp.resolve("bin/java");
        Files.createDirectories(java.getParent());
        // "java --add-modules ... -version" succeeds: this JVM has the module; any other call is recorded
        Files.writeString(java, "#!/bin/bash\nfor a in \"$@\"; do [[ $a == -version ]] && exit 0; done\n"
                + "printf '%s\\n' \"$@\" > '" + recorded + "'\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private List<String> javaArgsOf(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/bin/bash", tmp.resolve("checkout/blurfilter").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("PATH", tmp.resolve("bin") + ":" + System.getenv("PATH"));
        pb.environment().remove("BLURFILTER_VECTOR");
        pb.environment().remove("BLURFILTER_JAVA_OPTS");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), output);
        return Files.readAllLines(recorded);
    }

    @Test
    void commandsThatRunAModelGetTheVectorModule() throws Exception {
        for (String command : List.of("scan", "eval", "run", "bench")) {
            assertTrue(javaArgsOf(command, "x").contains("jdk.incubator.vector"), command);
        }
    }

    @Test
    void otherCommandsAndHelpDoNot() throws Exception {
        for (List<String> args : List.<List<String>>of(List.of("--help"), List.of("--version"), List.of("info"),
                List.of("undo", "j.csv"), List.of("convert", "--from", "onnx", "m.onnx"), List.of("scan", "--help"),
                List.of("help", "scan"), List.of("generate-completion"), List.of())) {
            List<String> javaArgs = javaArgsOf(args.toArray(String[]::new));
            assertFalse(javaArgs.contains("jdk.incubator.vector"), args + ": " + javaArgs);
            assertTrue(javaArgs.contains("-jar"), args + ": " + javaArgs);
        }
    }
}
