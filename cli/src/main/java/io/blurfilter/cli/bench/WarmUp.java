package io.blurfilter.cli.bench;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * How long {@code bench} warms a session up before timing it. The Vector API kernels run slowly
 * until C2 has compiled them, 1-2 s of inferences on a small machine; a fixed 20-run warm-up left
 * the timed runs still speeding up (p10 6.0 ms against a median of 11.6). So the warm-up goes on in
 * rounds until one in which the JIT compiled nothing and the median latency stopped falling, after at
 * least the runs asked for, and gives up at a time limit rather than run on with a JIT that never
 * settles.
 */
public final class WarmUp {
    /** Inferences per round: enough for a median, few enough to stop soon after the JIT does. */
    static final int ROUND = 10;
    /** A round whose median is within this fraction of the previous round's has stopped falling. */
    static final double STEADY = 0.03;
    /** The default limit: far beyond the 1-2 s the kernels need, short enough for a command. */
    public static final long DEFAULT_LIMIT_NANOS = 30_000_000_000L;

    private final LongSupplier nanoClock;
    private final LongSupplier compileMillis;
    private final long limitNanos;
    private final String jitUnseen;

    /**
     * @param nanoClock     a monotonic clock in nanoseconds
     * @param compileMillis the JIT's total compilation time so far; a constant where it is unknown
     * @param limitNanos    warm-up time after which it stops, settled or not
     */
    WarmUp(LongSupplier nanoClock, LongSupplier compileMillis, long limitNanos) {
        this(nanoClock, compileMillis, limitNanos, null);
    }

    private WarmUp(LongSupplier nanoClock, LongSupplier compileMillis, long limitNanos, String jitUnseen) {
        this.nanoClock = nanoClock;
        this.compileMillis = compileMillis;
        this.limitNanos = limitNanos;
        this.jitUnseen = jitUnseen;
    }

    /**
     * Watches this JVM's JIT where it reports its compilation time, else the latencies alone. The
     * JIT is read through module {@code java.management}, looked up reflectively: a JVM without it
     * (a jlink'd runtime, {@code --limit-modules java.base}) warms up on the latencies alone and
     * says so ({@link #jitUnseen()}) instead of failing with a {@code NoClassDefFoundError}.
     */
    public static WarmUp ofThisJvm() {
        return ofJvm(ModuleLayer.boot().findModule("java.management").isPresent());
    }

    /** As {@link #ofThisJvm()}, taking {@code management} as whether module java.management is there. */
    static WarmUp ofJvm(boolean management) {
        if (!management) {
            return new WarmUp(System::nanoTime, () -> 0, DEFAULT_LIMIT_NANOS,
                    "this JVM has no java.management module, which reports the JIT's compilation time");
        }
        try {
            Class<?> factory = Class.forName("java.lang.management.ManagementFactory");
            Object jit = factory.getMethod("getCompilationMXBean").invoke(null);
            if (jit == null) {
                return new WarmUp(System::nanoTime, () -> 0, DEFAULT_LIMIT_NANOS, "this JVM has no JIT compiler");
            }
            Class<?> bean = Class.forName("java.lang.management.CompilationMXBean");
            if (!(Boolean) bean.getMethod("isCompilationTimeMonitoringSupported").invoke(jit)) {
                return new WarmUp(System::nanoTime, () -> 0, DEFAULT_LIMIT_NANOS,
                        "this JVM does not report the JIT's compilation time");
            }
            Method total = bean.getMethod("getTotalCompilationTime");
            LongSupplier compiled = () -> {
                try {
                    return (Long) total.invoke(jit);
                } catch (ReflectiveOperationException e) {
                    return 0;
                }
            };
            return new WarmUp(System::nanoTime, compiled, DEFAULT_LIMIT_NANOS);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return new WarmUp(System::nanoTime, () -> 0, DEFAULT_LIMIT_NANOS,
                    "the JIT's compilation time cannot be read here (" + e + ")");
        }
    }

    /**
     * Why the warm-up cannot see the JIT and so ends on the latencies alone (a round whose median
     * stopped falling, after the runs asked for); empty when it watches the JIT's compilation time.
     */
    public Optional<String> jitUnseen() {
        return Optional.ofNullable(jitUnseen);
    }

    /** What a warm-up did. */
    public static final class Result {
        private final int runs;
        private final long nanos;
        private final boolean settled;

        Result(int runs, long nanos, boolean settled) {
            this.runs = runs;
            this.nanos = nanos;
            this.settled = settled;
        }

        public int runs() {
            return runs;
        }

        public double seconds() {
            return nanos / 1e9;
        }

        /** False when the time limit ended it while the JIT was still compiling or latencies falling. */
        public boolean settled() {
            return settled;
        }
    }

    /** Runs {@code inference} in rounds until settled (at least {@code minRuns} times) or out of time. */
    public Result run(Runnable inference, int minRuns) {
        long start = nanoClock.getAsLong();
        int runs = 0;
        double previousMedian = Double.POSITIVE_INFINITY;
        while (true) {
            long compiledBefore = compileMillis.getAsLong();
            double median = medianNanos(inference);
            runs += ROUND;
            boolean jitQuiet = compileMillis.getAsLong() == compiledBefore;
            boolean stoppedFalling = median >= previousMedian * (1 - STEADY);
            previousMedian = median;
            long spent = nanoClock.getAsLong() - start;
            if (runs >= minRuns && jitQuiet && stoppedFalling) {
                return new Result(runs, spent, true);
            }
            if (spent >= limitNanos) {
                return new Result(runs, spent, false);
            }
        }
    }

    private double medianNanos(Runnable inference) {
        long[] nanos = new long[ROUND];
        for (int i = 0; i < ROUND; i++) {
            long t0 = nanoClock.getAsLong();
            inference.run();
            nanos[i] = nanoClock.getAsLong() - t0;
        }
        Arrays.sort(nanos);
        return (nanos[ROUND / 2 - 1] + nanos[ROUND / 2]) / 2.0;
    }
}
