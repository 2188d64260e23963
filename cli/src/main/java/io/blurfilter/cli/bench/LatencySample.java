package io.blurfilter.cli.bench;

import io.blurfilter.engine.Session;
import io.blurfilter.engine.Tensor;
import java.util.Arrays;

/**
 * Wall-clock times of single inferences on one session, after a warm-up that lets the JIT compile
 * the kernels ({@link WarmUp}). A rough, honest figure for one machine: no fork isolation, no dead-code protection
 * beyond keeping the result, unlike JMH in the bench module.
 */
public final class LatencySample {
    private final double[] sortedMs;
    private final int imagesPerRun;
    private final WarmUp.Result warmUp;

    private LatencySample(double[] sortedMs, int imagesPerRun, WarmUp.Result warmUp) {
        this.sortedMs = sortedMs;
        this.imagesPerRun = imagesPerRun;
        this.warmUp = warmUp;
    }

    /** Warms up (at least {@code minWarmupRuns} untimed inferences), then times {@code runs} of {@code input}. */
    public static LatencySample measure(Session session, Tensor input, WarmUp warmUp, int minWarmupRuns, int runs) {
        float[] sink = new float[1];
        WarmUp.Result warm = warmUp.run(() -> sink[0] += session.run(input).data()[0], minWarmupRuns);
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            sink[0] += session.run(input).data()[0];
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        if (Float.isNaN(sink[0])) {
            // the outputs feed this check so the JIT cannot drop the inferences
            throw new IllegalStateException("the model produced NaN on the synthetic input");
        }
        Arrays.sort(ms);
        return new LatencySample(ms, input.shape()[0], warm);
    }

    /** The warm-up before the timed runs. */
    public WarmUp.Result warmUp() {
        return warmUp;
    }

    /** The q-quantile (0..1) of the run times in milliseconds, nearest rank. */
    public double quantileMs(double q) {
        int i = (int) Math.ceil(q * sortedMs.length) - 1;
        return sortedMs[Math.max(0, Math.min(sortedMs.length - 1, i))];
    }

    public double medianMs() {
        return quantileMs(0.5);
    }

    /** Images per second at the median latency (one thread). */
    public double imagesPerSecond() {
        return imagesPerRun * 1000.0 / medianMs();
    }
}
