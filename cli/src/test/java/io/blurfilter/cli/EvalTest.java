package io.blurfilter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.blurfilter.imageio.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code blurfilter eval} with folders and with a labels CSV. */
class EvalTest {
    @TempDir
    Path tmp;

    @Test
    void foldersGiveTheFullTable() throws IOException {
        Path model = TestModels.laplacian(tmp.resolve("m.bin"));
        for (int i = 0; i < 3; i++) {
            TestImages.write(tmp.resolve("sharp/s" + i + ".png"), TestImages.encode(TestImages.noise(300, 260, i), "png"));
            TestImages.write(tmp.resolve("blurred/sub/b" + i + ".png"), TestImages.encode(TestImages.smooth(300, 260), "png"));
        }
        TestImages.write(tmp.resolve("blurred/broken.jpg"), new byte[0]);
        Cli r = Cli.run("eval", "--sharp", tmp.resolve("sharp").toString(), "--blurred",
                tmp.resolve("blurred").toString(), "--model", model.toString(), "--per-file");
        assertEquals(ExitCode.SOME_FAILED, r.exitCode(), r.toString());
        String out = r.out();
        assertTrue(out.contains("images: 6 (3 clear, 3 blur), failed: 1"), out);
        assertTrue(out.contains("accuracy at 0.5: 1.0000 (6/6)"), out);
        assertTrue(out.contains("ROC AUC: 1.0000"), out);
        assertTrue(out.contains("threshold  FPR      TPR"), out);
        for (String t : List.of("0.5 ", "0.7 ", "0.8 ", "0.9 ", "0.95")) {
            assertTrue(out.lines().anyMatch(l -> l.startsWith(t)), t + " row in\n" + out);
        }
        assertTrue(out.contains("confusion matrix at 0.5"), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("clear\\s+3\\s+0")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("blur\\s+0\\s+3")), out);
        assertEquals(6, out.lines().filter(l -> l.contains(".png")).count(), "one line per file");
        assertTrue(r.err().contains("broken.jpg: empty file"), r.err());
    }

    @Test
    void labelsCsvOnTheRealPhonePhotos() throws IOException {
        Path realDev = TestFiles.realDev();
        assumeTrue(realDev != null && Files.isDirectory(realDev), "../shared/data/real-dev not available");
        Path model = TestModels.laplacian(tmp.resolve("m.bin"));
        // manifest.csv: file,source,label(sharp|blurred),... -> our labels file, paths relative to it
        List<String> manifest = Files.readAllLines(realDev.resolve("manifest.csv"));
        String labels = "path,label\n" + manifest.stream().skip(1).map(l -> l.split(","))
                .map(f -> realDev.resolve(f[0]) + "," + f[2]).collect(Collectors.joining("\n")) + "\n";
        Path csv = Files.writeString(tmp.resolve("labels.csv"), labels);
        Cli r = Cli.run("eval", "--labels", csv.toString(), "--model", model.toString());
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        // the crude Laplacian test model happens to separate these nine photos
        assertTrue(r.out().contains("images: 9 (3 clear, 6 blur), failed: 0"), r.out());
        assertTrue(r.out().contains("ROC AUC: 1.0000"), r.out());
    }

    @Test
    void mistakesAreUsageErrors() throws IOException {
        assertEquals(ExitCode.USAGE, Cli.run("eval").exitCode());
        assertEquals(ExitCode.USAGE, Cli.run("eval", "--sharp", tmp.toString()).exitCode());
        assertEquals(ExitCode.USAGE, Cli.run("eval", "--sharp", tmp.toString(), "--blurred", tmp.toString()).exitCode());
        Path csv = Files.writeString(tmp.resolve("l.csv"), "a.jpg,blur\nb.jpg,maybe\n");
        Cli bad = Cli.run("eval", "--labels", csv.toString(), "--model", "x");
        assertEquals(ExitCode.FATAL, bad.exitCode());
        assertTrue(bad.err().contains("line 2: label 'maybe'"), bad.err());
    }
}
