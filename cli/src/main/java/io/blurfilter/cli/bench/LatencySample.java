package io.blurfilter.cli.bench;

import io.blurfilter.engine.Session;
import io.blurfilter.engine.Tensor;
import java.util.Arrays;

/**
 * Wall-clock times of single inferences on one session, after a warm-up that lets the JIT compile
 * the kernels. A rough, honest figure for one machine: no fork isolation, no dead-code protection
 * beyond keeping the result, unlike JMH in the bench module.
 */
public final class LatencySample {
    private final double[] sortedMs;
    private final int imagesPerRun;

    private LatencySample(double[] sortedMs, int imagesPerRun) {
        this.sortedMs = sortedMs;
        this.imagesPerRun = imagesPerRun;
    }

    /** Runs {@code warmup} untimed then {@code runs} timed inferences of {@code input}. */
    public static LatencySample measure(Session session, Tensor input, int warmup, int runs) {
        float sink = 0;
        for (int i = 0; i < warmup; i++) {
            sink += session.run(input).data()[0];
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            sink += session.run(input).data()[0];
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        if (Float.isNaN(sink)) {
            // the outputs feed this check so the JIT cannot drop the inferences
            throw new IllegalStateException("the model produced NaN on the synthetic input");
        }
        Arrays.sort(ms);
        return new LatencySample(ms, input.shape()[0]);
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
