package io.blurfilter.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How much reduced-size decoding moves the score: every real-dev photo at its own size and scaled to
 * 4000x3000, scored by blurfilter with reduced-size decoding and with full-size decoding, and by the
 * ONNX Runtime pipeline (full-size ImageIO decode). Prints the largest differences.
 * {@code java -cp bench/target/benchmarks.jar io.blurfilter.bench.ReducedDecodeDelta}
 */
public final class ReducedDecodeDelta {
    private ReducedDecodeDelta() {}

    public static void main(String[] args) throws Exception {
        Path tmp = Files.createTempDirectory("blurfilter-delta");
        List<Path> originals = JpegCorpus.sources();
        report("original size", originals);
        report("4000x3000", JpegCorpus.scaled(tmp, 4000, 3000, originals.size()));
    }

    static double[] report(String what, List<Path> files) throws Exception {
        List<float[]> rows = new ArrayList<>();
        try (FileToScore reduced = FileToScore.of("blurfilter");
                FileToScore full = FileToScore.of("blurfilter-full");
                FileToScore ort = FileToScore.of("onnxruntime")) {
            for (Path f : files) {
                rows.add(new float[] {reduced.score(f), full.score(f), ort.score(f)});
            }
        }
        double reducedVsFull = 0;
        double fullVsOrt = 0;
        for (float[] r : rows) {
            reducedVsFull = Math.max(reducedVsFull, Math.abs(r[0] - r[1]));
            fullVsOrt = Math.max(fullVsOrt, Math.abs(r[1] - r[2]));
        }
        System.out.printf(Locale.ROOT, "%s, %d photos: max |reduced - full| %.5f, max |full - ONNX Runtime| %.2e%n",
                what, files.size(), reducedVsFull, fullVsOrt);
        return new double[] {reducedVsFull, fullVsOrt};
    }
}
