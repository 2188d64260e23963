package io.blurfilter.imageio;

import java.io.IOException;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class of the test class path in a second JVM that has module {@code java.base} only
 * ({@code --limit-modules java.base}, plus {@code jdk.incubator.vector} where this JDK has it, added
 * as the {@code blurfilter} script adds it): no {@code java.desktop}, so no ImageIO or AWT, and no
 * {@code java.logging}. Serves the CLI's tests too (test-jar).
 */
public final class LimitedJvm {
    private static final String VECTOR = "jdk.incubator.vector";

    private LimitedJvm() {}

    /** What the second JVM did. */
    public record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    /** The command line: this JDK's java, the limited modules, this test's class path, then the main class. */
    public static List<String> command(String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xshare:auto");
        command.add("-XX:TieredStopAtLevel=1"); // short runs: the C1 compiler alone starts faster
        if (ModuleFinder.ofSystem().find(VECTOR).isPresent()) {
            command.add("--limit-modules");
            command.add("java.base," + VECTOR);
            command.add("--add-modules");
            command.add(VECTOR);
        } else {
            command.add("--limit-modules");
            command.add("java.base");
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    /** Runs it with {@code workDir} as the working directory, killing it after {@code timeoutSeconds}. */
    public static Result run(Path workDir, long timeoutSeconds, String mainClass, List<String> args)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(workDir, "stdout", ".txt");
        Path err = Files.createTempFile(workDir, "stderr", ".txt");
        Process p = new ProcessBuilder(command(mainClass, args)).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                throw new AssertionError("the limited JVM ran past " + timeoutSeconds + " s:\n"
                        + Files.readString(err, StandardCharsets.UTF_8));
            }
        } finally {
            p.destroyForcibly();
        }
        Result result = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return result;
    }
}
