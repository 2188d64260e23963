package io.blurfilter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blurfilter.imageio.TestImages;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --strictness NAME}: scan and eval run at the model's named threshold (operating point). */
class StrictnessTest {
    @TempDir
    Path tmp;
    Path model;

    @BeforeEach
    void photosAndModel() throws IOException {
        for (int i = 0; i < 3; i++) {
            TestImages.write(tmp.resolve("sharp/s" + i + ".png"), TestImages.encode(TestImages.noise(300, 260, i), "png"));
            TestImages.write(tmp.resolve("blurred/b" + i + ".png"), TestImages.encode(TestImages.smooth(300, 260), "png"));
        }
        Map<String, Float> points = new LinkedHashMap<>();
        points.put("high", 0.0f);      // everything is blurred
        points.put("balanced", 0.5f);
        points.put("lenient", 0.7f);
        model = TestModels.laplacianWithOperatingPoints(tmp.resolve("m.bfm"), points);
    }

    private Cli eval(String... extra) {
        String[] base = {"eval", "--sharp", tmp.resolve("sharp").toString(), "--blurred",
                tmp.resolve("blurred").toString(), "--model", model.toString()};
        String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return Cli.run(args);
    }

    @Test
    void evalRunsAtTheNamedThresholdAndListsEveryPoint() {
        Cli balanced = eval();
        assertEquals(ExitCode.OK, balanced.exitCode(), balanced.toString());
        assertTrue(balanced.out().contains("accuracy at 0.5: 1.0000 (6/6)"), balanced.out());
        Cli high = eval("--strictness", "high");
        assertEquals(ExitCode.OK, high.exitCode(), high.toString());
        assertTrue(high.out().contains("accuracy at 0.0: 0.5000 (3/6)"), high.out());
        assertTrue(high.out().lines().anyMatch(l -> l.matches("clear\\s+0\\s+3")), high.out());
        // the rate table has the model's operating points beside PULC's thresholds, in order, once each
        assertTrue(high.out().contains("\n0.0        1.0000   1.0000  \n0.5 "), high.out());
        assertEquals(1, high.out().lines().filter(l -> l.startsWith("0.7 ")).count(), high.out());
    }

    @Test
    void scanLabelsAtTheNamedThreshold() {
        Cli r = Cli.run("scan", tmp.resolve("sharp").toString(), "--model", model.toString(), "--strictness", "high",
                "--format", "csv", "-q");
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        assertEquals(3, r.out().lines().filter(l -> l.contains(",blur,")).count(), r.out());
        Cli balanced = Cli.run("scan", tmp.resolve("sharp").toString(), "--model", model.toString(), "--format",
                "csv", "-q");
        assertEquals(0, balanced.out().lines().filter(l -> l.contains(",blur,")).count(), balanced.out());
    }

    @Test
    void unknownOrConflictingChoicesAreUsageErrors() throws IOException {
        Cli unknown = eval("--strictness", "paranoid");
        assertEquals(ExitCode.USAGE, unknown.exitCode(), unknown.toString());
        assertTrue(unknown.err().contains("has no operating point 'paranoid'; it has high, balanced, lenient"),
                unknown.err());
        Cli both = eval("--strictness", "high", "--threshold", "0.3");
        assertEquals(ExitCode.USAGE, both.exitCode(), both.toString());
        Path plain = TestModels.laplacian(tmp.resolve("plain.bfm"));
        Cli none = Cli.run("scan", tmp.resolve("sharp").toString(), "--model", plain.toString(), "--strictness",
                "high");
        assertEquals(ExitCode.USAGE, none.exitCode(), none.toString());
        assertTrue(none.err().contains("names no operating points; give --threshold T"), none.err());
    }
}
