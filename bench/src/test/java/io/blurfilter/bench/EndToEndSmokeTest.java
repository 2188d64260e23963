package io.blurfilter.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file-to-score pipelines run and, on small JPEGs decoded at full size by both, agree; no timings. */
class EndToEndSmokeTest {
    @TempDir
    Path dir;

    @Test
    void blurfilterAndOnnxRuntimePipelinesAgreeOnSmallJpegs() throws Exception {
        List<Path> files = JpegCorpus.scaled(dir, 640, 480, 2);
        try (FileToScore ours = FileToScore.of("blurfilter"); FileToScore ort = FileToScore.of("onnxruntime");
                FileToScore ortSameDecode = FileToScore.of("onnxruntime-samedecode")) {
            for (Path f : files) {
                float a = ours.score(f);
                assertTrue(a >= 0 && a <= 1, f + " score " + a);
                assertEquals(ort.score(f), a, 1e-5, f.toString());
                assertEquals(ortSameDecode.score(f), a, 1e-5, f.toString());
            }
        }
    }
}
