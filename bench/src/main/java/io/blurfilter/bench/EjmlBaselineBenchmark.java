package io.blurfilter.bench;

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
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the hand-written kernels buy over the approach an ordinary Java developer would take: im2col
 * plus an EJML matrix multiply for every dense convolution (direct loops for depthwise), NCHW, on
 * PP-LCNet x1_0 224 with last conv, one thread.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx1g"})
@State(Scope.Benchmark)
public class EjmlBaselineBenchmark {
    @Param({"ejml", "vector", "plain"})
    public String engine;

    private Runner runner;

    @Setup
    public void setUp() throws Exception {
        runner = Runner.of(engine, BenchModel.X1_0_LAST, Fixtures.input224());
    }

    @Benchmark
    public float infer() throws Exception {
        return runner.run();
    }
}
