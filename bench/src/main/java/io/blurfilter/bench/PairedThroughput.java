package io.blurfilter.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Throughput of two engines measured in alternating short blocks, so that the drift of a shared
 * machine's speed (here the same layer's median is often 1.5x its minimum, minute to minute) lands on
 * both engines alike. JMH runs one engine's forks after the other's, minutes apart; this tool is the
 * cross-check for its throughput ratio, not a replacement.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar io.blurfilter.bench.PairedThroughput [MODEL] [engineA] [engineB] [threads] [rounds] [block ms] [warm-up blocks]</pre>
 *
 * Each of {@code threads} threads owns one runner of each engine (see {@link Runner#of}); a block
 * runs one engine on all threads for {@code block ms}, and the engines swap every block.
 */
public final class PairedThroughput {
    private PairedThroughput() {}

    public static void main(String[] args) throws Exception {
        BenchModel model = BenchModel.valueOf(args.length > 0 ? args[0] : "X1_0_LAST");
        String a = args.length > 1 ? args[1] : "vector";
        String b = args.length > 2 ? args[2] : "onnxruntime";
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 20;
        long blockMs = args.length > 5 ? Long.parseLong(args[5]) : 1000;
        // blurfilter's layers that run once per inference reach C2 only after ~20 s (PrintCompilation),
        // and until then their vector operations run in C1 code, which allocates: warm up that long
        int warmups = args.length > 6 ? Integer.parseInt(args[6]) : 20;
        // "shared": the threads share one loaded model per engine (Runner.sharing) instead of one each
        boolean shared = args.length > 7 && args[7].equals("shared");
        float[] input = Fixtures.input224();
        Runner[][] runners = new Runner[2][threads];
        if (shared) {
            runners[0] = Runner.sharing(a, model, input, threads);
            runners[1] = Runner.sharing(b, model, input, threads);
        } else {
            for (int t = 0; t < threads; t++) {
                runners[0][t] = Runner.of(a, model, input);
                runners[1][t] = Runner.of(b, model, input);
            }
        }
        double[][] rates = alternate(runners, rounds, blockMs, warmups, (r, rateA, rateB) ->
                System.out.printf("round %2d: %s %.1f img/s, %s %.1f img/s, ratio %.3f%n", r, a, rateA, b, rateB,
                        rateA / rateB));
        double[] sorted = sortedRatios(rates);
        System.out.printf("%s / %s throughput, %d threads, %s: median ratio %.3f (min %.3f, max %.3f); "
                + "median img/s %.1f vs %.1f%n", a, b, threads, model, sorted[rounds / 2], sorted[0],
                sorted[rounds - 1], median(rates[0]), median(rates[1]));
        closeAll(runners);
    }

    /** Called after each measured round with both sets' images per second. */
    interface RoundDone {
        void done(int round, double rateA, double rateB);
    }

    /**
     * {@code warmups} unreported blocks, then {@code rounds} rounds of one block per runner set,
     * alternating which set goes first so neither always follows the other. Returns each set's images
     * per second per round ({@code [2][rounds]}).
     */
    static double[][] alternate(Runner[][] runners, int rounds, long blockMs, int warmups, RoundDone each)
            throws InterruptedException {
        for (int w = 0; w < warmups; w++) {
            block(runners[w % 2], blockMs);
        }
        double[][] rates = new double[2][rounds];
        for (int r = 0; r < rounds; r++) {
            int first = r % 2;
            rates[first][r] = block(runners[first], blockMs);
            rates[1 - first][r] = block(runners[1 - first], blockMs);
            each.done(r, rates[0][r], rates[1][r]);
        }
        return rates;
    }

    /** The per-round ratios of set A's rate to set B's, sorted. */
    static double[] sortedRatios(double[][] rates) {
        double[] ratios = new double[rates[0].length];
        for (int r = 0; r < ratios.length; r++) {
            ratios[r] = rates[0][r] / rates[1][r];
        }
        Arrays.sort(ratios);
        return ratios;
    }

    static void closeAll(Runner[][] runners) throws Exception {
        for (Runner[] rs : runners) {
            for (Runner x : rs) {
                x.close();
            }
        }
    }

    /** Images per second of all threads together, each running its own runner for {@code ms}. */
    static double block(Runner[] runners, long ms) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        long[] counts = new long[runners.length];
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < runners.length; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                long n = 0;
                try {
                    while (!stop.get()) {
                        runners[id].run();
                        n++;
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                counts[id] = n;
            });
            threads.add(th);
        }
        long start = System.nanoTime();
        threads.forEach(Thread::start);
        Thread.sleep(ms);
        stop.set(true);
        for (Thread th : threads) {
            th.join();
        }
        long elapsed = System.nanoTime() - start;
        return Arrays.stream(counts).sum() / (elapsed / 1e9);
    }

    /** The upper median of {@code xs} (left unsorted); {@link PairedLatency} uses it too. */
    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
