package io.blurfilter.bench;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Single-inference latency of two engines measured alternately, one inference each, so that every
 * pair of timings sees the same machine state. This machine switches between a fast and a slow state
 * for seconds at a time (the same model then takes ~1.3-1.5x as long); JMH runs one engine's forks
 * after the other's and cannot tell how each engine fares in each state. Here the pairs are sorted by
 * engine B's time and cut into fifths: the ratio A/B in the fastest fifth is the fast-state ratio, in
 * the slowest the slow-state ratio. A cross-check for {@link LatencyVsOrtBenchmark}, not a replacement.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar io.blurfilter.bench.PairedLatency [MODEL] [engineA] [engineB] [pairs] [warm-up seconds]</pre>
 */
public final class PairedLatency {
    private static final int FIFTHS = 5;

    private PairedLatency() {}

    public static void main(String[] args) throws Exception {
        BenchModel model = BenchModel.valueOf(args.length > 0 ? args[0] : "X1_0_LAST");
        String a = args.length > 1 ? args[1] : "vector";
        String b = args.length > 2 ? args[2] : "onnxruntime";
        int pairs = args.length > 3 ? Integer.parseInt(args[3]) : 4000;
        // blurfilter's once-per-inference layers reach C2 after ~20 s (see PairedThroughput)
        long warmUpNanos = (args.length > 4 ? Long.parseLong(args[4]) : 20) * 1_000_000_000L;
        float[] input = Fixtures.input224();
        try (Runner ra = Runner.of(a, model, input); Runner rb = Runner.of(b, model, input)) {
            long end = System.nanoTime() + warmUpNanos;
            while (System.nanoTime() < end) {
                ra.run();
                rb.run();
            }
            double[] ta = new double[pairs];
            double[] tb = new double[pairs];
            for (int i = 0; i < pairs; i++) {
                // alternate which engine goes first, so neither always runs on the other's cache leftovers
                if (i % 2 == 0) {
                    ta[i] = timeMs(ra);
                    tb[i] = timeMs(rb);
                } else {
                    tb[i] = timeMs(rb);
                    ta[i] = timeMs(ra);
                }
            }
            System.out.printf("%s, %d pairs after %d s of warm-up%n", model, pairs, warmUpNanos / 1_000_000_000L);
            printPercentiles(a, ta);
            printPercentiles(b, tb);
            Integer[] byB = new Integer[pairs];
            for (int i = 0; i < pairs; i++) {
                byB[i] = i;
            }
            Arrays.sort(byB, Comparator.comparingDouble(i -> tb[i]));
            for (int f = 0; f < FIFTHS; f++) {
                double sumA = 0;
                double sumB = 0;
                for (int j = f * pairs / FIFTHS; j < (f + 1) * pairs / FIFTHS; j++) {
                    sumA += ta[byB[j]];
                    sumB += tb[byB[j]];
                }
                System.out.printf("fifth %d by %s's time: %s %.2f ms, %s %.2f ms, ratio %.3f%n", f + 1, b, a,
                        sumA * FIFTHS / pairs, b, sumB * FIFTHS / pairs, sumA / sumB);
            }
            System.out.printf("%s / %s: minimum %.3f, median %.3f, mean %.3f%n", a, b, min(ta) / min(tb),
                    PairedThroughput.median(ta) / PairedThroughput.median(tb), mean(ta) / mean(tb));
        }
    }

    private static double timeMs(Runner r) throws Exception {
        long t0 = System.nanoTime();
        r.run();
        return (System.nanoTime() - t0) / 1e6;
    }

    private static void printPercentiles(String name, double[] t) {
        double[] s = t.clone();
        Arrays.sort(s);
        int n = s.length;
        System.out.printf("%-12s ms  min %.2f  p10 %.2f  p25 %.2f  p50 %.2f  p75 %.2f  p90 %.2f  mean %.2f%n", name,
                s[0], s[n / 10], s[n / 4], s[n / 2], s[3 * n / 4], s[9 * n / 10], mean(t));
    }

    private static double min(double[] t) {
        return Arrays.stream(t).min().orElseThrow();
    }

    private static double mean(double[] t) {
        return Arrays.stream(t).average().orElseThrow();
    }
}
