package io.blurfilter.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * File-to-score throughput of two {@link FileToScore} pipelines in alternating blocks (as
 * {@link PairedThroughput} does for inference alone), so a shared machine's drift lands on both: the
 * cross-check for {@link EndToEndBenchmark}'s ratios, whose forks run minutes apart.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar io.blurfilter.bench.PairedFileToScore [corpus] [pipelineA] [pipelineB] [threads] [rounds] [block ms] [warm-up blocks]</pre>
 *
 * {@code corpus} is {@code WxH} (real photos scaled) or {@code tiled-WxH} (real photos tiled at their
 * own size), four JPEGs as {@link EndToEndBenchmark} makes them.
 */
public final class PairedFileToScore {
    private PairedFileToScore() {}

    public static void main(String[] args) throws Exception {
        String corpus = args.length > 0 ? args[0] : "tiled-4032x3024";
        String a = args.length > 1 ? args[1] : "blurfilter-builtin";
        String b = args.length > 2 ? args[2] : "blurfilter";
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 20;
        long blockMs = args.length > 5 ? Long.parseLong(args[5]) : 2000;
        int warmups = args.length > 6 ? Integer.parseInt(args[6]) : 10;
        EndToEndBenchmark.Files4 files = new EndToEndBenchmark.Files4();
        files.size = corpus;
        files.setUp();
        try {
            Runner[][] runners = {runners(a, files.files, threads), runners(b, files.files, threads)};
            double[][] rates = PairedThroughput.alternate(runners, rounds, blockMs, warmups, (r, rateA, rateB) -> { });
            double[] sorted = PairedThroughput.sortedRatios(rates);
            System.out.printf(Locale.ROOT, "%s / %s file to score, %s, %d threads: median ratio %.3f (min %.3f, max %.3f);"
                    + " median img/s %.2f vs %.2f%n", a, b, corpus, threads, sorted[rounds / 2], sorted[0],
                    sorted[rounds - 1], PairedThroughput.median(rates[0]), PairedThroughput.median(rates[1]));
            PairedThroughput.closeAll(runners);
        } finally {
            files.tearDown();
        }
    }

    /** One pipeline per thread, each going round the files from its own start. */
    private static Runner[] runners(String pipeline, List<Path> files, int threads) throws Exception {
        Runner[] out = new Runner[threads];
        for (int t = 0; t < threads; t++) {
            FileToScore f = FileToScore.of(pipeline);
            int[] next = {t};
            out[t] = new Runner() {
                @Override
                public float run() throws Exception {
                    return f.score(files.get(next[0]++ % files.size()));
                }

                @Override
                public void close() throws Exception {
                    f.close();
                }
            };
        }
        return out;
    }
}
