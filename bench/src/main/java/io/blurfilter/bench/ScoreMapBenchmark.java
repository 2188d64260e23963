package io.blurfilter.bench;

import io.blurfilter.engine.Classification;
import io.blurfilter.engine.Image;
import io.blurfilter.engine.KernelFamily;
import io.blurfilter.engine.Model;
import io.blurfilter.engine.ScoreMap;
import io.blurfilter.engine.Session;
import io.blurfilter.engine.format.ModelReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time per 640x480 image for classification alone (resize to 256, centre crop 224), the
 * same classification with its 7x7 score map from the same pass, and the whole-frame score map at
 * short side 448 (448x608 input, 14x19 cells), on PP-LCNet x1_0 without the last conv (the default
 * model's architecture). Run with {@code -prof gc}: the map's allocation should be its result only.
 * {@code -p modelFile=PATH} times a model file instead (the packaged blur-default.bfm: with a map head,
 * {@code scoreMap} runs the head).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
public class ScoreMapBenchmark {
    @State(Scope.Thread)
    public static class Setting {
        @Param({"vector", "plain"})
        public String kernels;

        /** Empty: the synthetic x1_0 network; else a model file. */
        @Param("")
        public String modelFile;

        Model model;
        Session session;
        Image image;

        @Setup
        public void setUp() throws IOException {
            KernelFamily family = "vector".equals(kernels) ? KernelFamily.VECTOR : KernelFamily.PLAIN;
            model = Model.of(modelFile.isEmpty() ? BenchModel.X1_0_NOLAST.blurfilter()
                    : ModelReader.read(Path.of(modelFile)), family);
            session = model.newSession();
            Random r = new Random(20);
            int w = 640;
            int h = 480;
            int[] argb = new int[w * h];
            // smooth gradients plus noise: a resize that reads real pixels
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int v = (x * 255 / w + y * 255 / h) / 2;
                    argb[y * w + x] = 0xFF000000 | (v << 16) | ((255 - v) << 8) | r.nextInt(256);
                }
            }
            image = Image.ofArgb(argb, w, h);
        }

        @TearDown
        public void tearDown() {
            session.close();
            model.close();
        }
    }

    @Benchmark
    public Classification classify(Setting s) {
        return s.session.classify(s.image);
    }

    @Benchmark
    public ScoreMap classifyWithMap(Setting s) {
        return s.session.scoreMap(s.image);
    }

    /** The head's map when the file has one, else the classifier's. */
    @Benchmark
    public ScoreMap wholeFrameMap448(Setting s) {
        return s.session.scoreMap(s.image, 448);
    }

    /** The classifier's per-cell map at 448, whatever the file holds (the head's cost is the difference). */
    @Benchmark
    public ScoreMap wholeFrameClassifierMap448(Setting s) {
        return s.session.classifierMap(s.image, 448);
    }
}
