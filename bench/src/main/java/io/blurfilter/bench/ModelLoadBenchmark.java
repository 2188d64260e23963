package io.blurfilter.bench;

import io.blurfilter.engine.Model;
import io.blurfilter.engine.Tensor;
import io.blurfilter.engine.format.ModelWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Loading PP-LCNet x1_0 (with last conv, 6.5 MB of weights) from a model file: {@code Model.load}
 * alone (read, check, optimize), and load plus the first inference (plan compile, weight packing).
 * Single shots in fresh-ish JVMs, as an application starting up sees them.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 20)
@Fork(value = 3, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx1g"})
@State(Scope.Benchmark)
public class ModelLoadBenchmark {
    private Path file;
    private Tensor input;

    @Setup
    public void setUp() throws Exception {
        file = Files.createTempFile("pplcnet_x1_0_last", ".bfm");
        ModelWriter.write(BenchModel.X1_0_LAST.blurfilter(), file);
        input = new Tensor(BenchModel.INPUT_SHAPE, Fixtures.input224());
    }

    @TearDown
    public void tearDown() throws Exception {
        Files.deleteIfExists(file);
    }

    @Benchmark
    public Model load() throws Exception {
        return Model.load(file);
    }

    @Benchmark
    public float loadAndFirstInference() throws Exception {
        try (Model m = Model.load(file)) {
            return m.run(input).data()[0];
        }
    }
}
