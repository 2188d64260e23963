package io.blurfilter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.blurfilter.cli.output.Csv;
import io.blurfilter.model.BlurModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README demo: scan the two committed PaddleClas demo images. */
class DemoTest {
    @TempDir
    Path tmp;

    private Path demoFolder() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("demo"));
        for (String name : List.of("clarity_blured_demo.jpg", "clarity_clear_demo.jpg")) {
            try (InputStream in = getClass().getResourceAsStream("/demo/" + name)) {
                Files.copy(in, dir.resolve(name));
            }
        }
        return dir;
    }

    private static Map<String, String> labels(String csv) {
        Map<String, String> labels = new HashMap<>();
        csv.lines().skip(1).map(Csv::split).forEach(f -> labels.put(Path.of(f.get(0)).getFileName().toString(),
                f.get(2)));
        return labels;
    }

    @Test
    void demoWithTheTestModel() throws IOException {
        Path model = TestModels.laplacian(tmp.resolve("m.bin"));
        Cli r = Cli.run("scan", demoFolder().toString(), "--model", model.toString(), "--format", "csv");
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        assertEquals(Map.of("clarity_blured_demo.jpg", "blur", "clarity_clear_demo.jpg", "clear"), labels(r.out()));
    }

    @Test
    void demoWithTheDefaultModel() throws IOException {
        assumeTrue(BlurModel.isPackaged(), "the default model is not packaged yet");
        Cli r = Cli.run("scan", demoFolder().toString(), "--format", "csv");
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        assertEquals(Map.of("clarity_blured_demo.jpg", "blur", "clarity_clear_demo.jpg", "clear"), labels(r.out()));
        assertTrue(r.err().contains("2 images in"), r.err());
    }
}
