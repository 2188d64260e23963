package io.blurfilter.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * Images per second on both cores, PP-LCNet x1_0 224 with last conv: two threads each with its own
 * session (blurfilter vector, blurfilter plain, ONNX Runtime with one intra-op thread), and one
 * caller with two intra-op threads (blurfilter vector with {@code IntraOp.threads(2)}, ONNX Runtime),
 * and two threads sharing one loaded model (blurfilter vector, ONNX Runtime).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx1g"})
public class ThroughputVsOrtBenchmark {
    /** A runner for the engine a subclass's {@code @Param} names, built per trial and closed after it. */
    public abstract static class EngineRunner {
        Runner runner;

        abstract String engine();

        @Setup
        public void setUp() throws Exception {
            runner = Runner.of(engine(), BenchModel.X1_0_LAST, Fixtures.input224());
        }

        @TearDown
        public void tearDown() throws Exception {
            runner.close();
        }
    }

    /** One engine per benchmark thread. */
    @State(Scope.Thread)
    public static class PerThread extends EngineRunner {
        @Param({"vector", "plain", "onnxruntime"})
        public String engine;

        @Override
        String engine() {
            return engine;
        }
    }

    /** One caller, two intra-op threads: blurfilter's vector path (IntraOp.threads(2)) and ONNX Runtime. */
    @State(Scope.Benchmark)
    public static class TwoIntraOp extends EngineRunner {
        @Param({"vector2", "onnxruntime2"})
        public String engine;

        @Override
        String engine() {
            return engine;
        }
    }

    /**
     * One loaded model shared by both benchmark threads (see {@link Runner#sharing}): blurfilter
     * sessions of one model, or one ONNX Runtime session called from both threads. How a service or a
     * Spark executor holds a model; the weights are in the caches once instead of twice.
     */
    @State(Scope.Benchmark)
    public static class SharedModel {
        @Param({"vector", "onnxruntime"})
        public String engine;
        Runner[] team;
        final AtomicInteger joined = new AtomicInteger();

        @Setup
        public void setUp() throws Exception {
            team = Runner.sharing(engine, BenchModel.X1_0_LAST, Fixtures.input224(), SHARED_THREADS);
        }

        @TearDown
        public void tearDown() throws Exception {
            for (Runner r : team) {
                r.close();
            }
        }
    }

    /** A benchmark thread's runner from the shared model's team. */
    @State(Scope.Thread)
    public static class SharedModelMember {
        Runner runner;

        @Setup
        public void setUp(SharedModel model) {
            runner = model.team[model.joined.getAndIncrement() % SHARED_THREADS];
        }
    }

    private static final int SHARED_THREADS = 2;

    @Benchmark
    @Threads(SHARED_THREADS)
    public float twoThreadsSharedModel(SharedModelMember m) throws Exception {
        return m.runner.run();
    }

    @Benchmark
    @Threads(2)
    public float twoThreads(PerThread s) throws Exception {
        return s.runner.run();
    }

    @Benchmark
    @Threads(1)
    public float oneCallerTwoIntraOpThreads(TwoIntraOp s) throws Exception {
        return s.runner.run();
    }
}
