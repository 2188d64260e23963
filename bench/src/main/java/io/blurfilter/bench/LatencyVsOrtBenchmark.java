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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Latency of one 224x224 image on one thread: blurfilter's Vector API and plain-Java paths against
 * ONNX Runtime with one intra-op thread (and both with two intra-op threads), same input, same
 * converted model (checked against ONNX Runtime's output in setup). SampleTime gives the median
 * (p0.50) and the spread of single inferences.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx1g"})
@State(Scope.Benchmark)
public class LatencyVsOrtBenchmark {
    @Param({"X1_0_LAST", "X1_0_NOLAST", "X0_25_NOLAST"})
    public BenchModel model;

    /** One thread each; then blurfilter's vector path and ONNX Runtime with two intra-op threads. */
    @Param({"vector", "plain", "onnxruntime", "vector2", "onnxruntime2"})
    public String engine;

    private Runner runner;

    @Setup
    public void setUp() throws Exception {
        float[] input = Fixtures.input224();
        if (!engine.startsWith("onnxruntime")) {
            SameWeightsCheck.verify(model, engine.replace("2", ""), input);
        }
        runner = Runner.of(engine, model, input);
    }

    @TearDown
    public void tearDown() throws Exception {
        runner.close();
    }

    @Benchmark
    public float infer() throws Exception {
        return runner.run();
    }
}
