package io.blurfilter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blurfilter.imageio.LimitedJvm;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code blurfilter bench} runs and prints its fields; no timing is asserted. */
class BenchCommandTest {
    @TempDir
    Path dir;

    @Test
    void printsLatencyAndThroughputPerKernelFamily() throws Exception {
        Path model = TestModels.laplacian(dir.resolve("lap.bfm"));
        Cli r = Cli.run("bench", "--model", model.toString(), "--runs", "3", "--warmup", "1");
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        for (String field : new String[] {"warmup_s", "median_ms", "p10_ms", "p90_ms", "img_per_s", "plain", "vector", "JMH"}) {
            assertTrue(r.out().contains(field), field + " missing:\n" + r);
        }
    }

    @Test
    void runsWithoutJavaManagement() throws Exception {
        // --limit-modules java.base: no java.management, which WarmUp read the JIT through (issue 22)
        Path model = TestModels.laplacian(dir.resolve("lap.bfm"));
        LimitedJvm.Result r = LimitedJvm.run(dir, 60, Main.class.getName(),
                List.of("bench", "--model", model.toString(), "--runs", "3", "--warmup", "1", "--kernels", "plain"));
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        assertFalse(r.stderr().contains("Exception") || r.stderr().contains("Error"), r::toString);
        assertTrue(r.stdout().contains("note: this JVM has no java.management module, which reports the JIT's "
                + "compilation time, so the warm-up ends when the median latency of a round of 10 stops falling, "
                + "not when the JIT is done"), r::toString);
        assertTrue(r.stdout().lines().anyMatch(l -> l.startsWith("plain ") && l.split("\\s+").length == 6),
                r::toString);
        // fast: the plain family's name before its rename, still taken and printed as plain
        Cli full = Cli.run("bench", "--model", model.toString(), "--runs", "3", "--warmup", "1", "--kernels", "fast");
        assertFalse(full.out().contains("java.management"), "no note where the JIT is watched:\n" + full);
        assertTrue(full.out().lines().anyMatch(l -> l.startsWith("plain ")), full::toString);
    }

    @Test
    void rejectsUnknownKernelFamilyAndMissingModel() {
        Cli bad = Cli.run("bench", "--kernels", "gpu");
        assertEquals(ExitCode.USAGE, bad.exitCode(), bad.toString());
        Cli missing = Cli.run("bench", "--model", dir.resolve("nope.bfm").toString());
        assertEquals(ExitCode.FATAL, missing.exitCode(), missing.toString());
    }

    @Test
    void dynamicSidesBecome224() {
        assertEquals("[1, 3, 224, 224]", java.util.Arrays.toString(BenchCommand.concreteShape(new int[] {-1, 3, -1, -1})));
    }
}
