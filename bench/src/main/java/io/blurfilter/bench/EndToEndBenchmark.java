package io.blurfilter.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Images per second from JPEG file to blur score ({@link FileToScore}), 640x480 and 12-megapixel
 * (4000x3000) JPEGs made from the real-dev photos, on one thread and on two threads (one pipeline per
 * thread, files decoded in parallel). Each thread cycles through the files; memory stays bounded by
 * one decoded image per thread.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
public class EndToEndBenchmark {
    /** The JPEGs, written once per trial. */
    @State(Scope.Benchmark)
    public static class Files4 {
        /**
         * "WxH": real photos scaled to that size; "tiled-WxH": real photos tiled at their own size;
         * "png-WxH": scaled, as PNGs.
         */
        @Param({"640x480", "4000x3000", "tiled-4032x3024"})
        public String size;

        List<Path> files;
        private Path dir;

        @Setup
        public void setUp() throws IOException {
            boolean tiled = size.startsWith("tiled-");
            boolean png = size.startsWith("png-");
            String[] wh = size.substring(size.indexOf('-') + 1).split("x");
            dir = Files.createTempDirectory("blurfilter-e2e");
            int w = Integer.parseInt(wh[0]);
            int h = Integer.parseInt(wh[1]);
            files = tiled ? JpegCorpus.tiled(dir, w, h, 4) : JpegCorpus.scaled(dir, w, h, 4, png);
            long bytes = 0;
            for (Path f : files) {
                bytes += Files.size(f);
            }
            System.err.printf(java.util.Locale.ROOT, "corpus %s: %d files, mean %.2f MB%n", size, files.size(),
                    bytes / 1e6 / files.size());
        }

        @TearDown
        public void tearDown() throws IOException {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** One pipeline per benchmark thread. */
    @State(Scope.Thread)
    public static class Pipeline {
        @Param({"blurfilter", "blurfilter-builtin", "onnxruntime", "onnxruntime-samedecode"})
        public String engine;

        FileToScore pipeline;
        int next;

        @Setup
        public void setUp() throws Exception {
            pipeline = FileToScore.of(engine);
        }

        @TearDown
        public void tearDown() throws Exception {
            pipeline.close();
        }

        float scoreNext(List<Path> files) throws Exception {
            Path f = files.get(next);
            next = (next + 1) % files.size();
            return pipeline.score(f);
        }
    }

    @Benchmark
    @Threads(1)
    public float oneThread(Files4 f, Pipeline p) throws Exception {
        return p.scoreNext(f.files);
    }

    @Benchmark
    @Threads(2)
    public float twoThreads(Files4 f, Pipeline p) throws Exception {
        return p.scoreNext(f.files);
    }
}
