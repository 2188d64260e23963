package io.blurfilter.spark;

import io.blurfilter.model.BlurModel;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.spark.executor.ExecutorMetrics;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.status.api.v1.ExecutorSummary;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Not a test: the timings of bench/rounds/spark.md. Runs {@link SparkScan} (csv out)
 * over a folder {@code jobs} times in one driver JVM and prints each job's images per second, then
 * the CPU time it took (the whole driver JVM's, which in local mode is the executor), then
 * the peak heap and RSS of each executor as Spark's executor metrics saw them (polled every 50 ms).
 *
 * <pre>
 * java SPARK_JDK_FLAGS -cp spark/target/test-classes:spark/target/blurfilter-spark-VERSION-all.jar:$(cat spark/target/spark-classpath.txt) \
 *     io.blurfilter.spark.ThroughputBench DIR[,DIR2...] [JOBS] [MASTER]
 * </pre>
 *
 * <p>System properties: {@code bench.metrics=true} polls executor metrics every 50 ms (for memory;
 * it costs CPU), {@code bench.explain=true} prints the plan, {@code bench.noop=true} scores without
 * writing (Spark's noop format) or summing up, {@code bench.between=COMMAND} runs a shell command
 * between jobs (the CLI on the same folder: pairs measured minutes apart on a shared machine). {@code --direct DIR [ROUNDS]} scores
 * the folder's bytes on two threads without Spark, in the same JVM.
 *
 * <pre>
 * </pre>
 */
public final class ThroughputBench {
    private ThroughputBench() {}

    /**
     * The same scorer without Spark, for comparison in the same JVM: the folder's bytes read once,
     * then scored by two threads ({@code --direct DIR [ROUNDS]}).
     */
    private static void direct(Path dir, int rounds) throws Exception {
        java.util.List<byte[]> files = new java.util.ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.sorted().toList()) {
                files.add(Files.readAllBytes(p));
            }
        }
        BlurScorer scorer = ExecutorScorers.get(ModelSource.embedded());
        for (int round = 1; round <= rounds; round++) {
            java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
            long t0 = System.nanoTime();
            long cpu0 = processCpuNanos();
            Thread[] threads = new Thread[2];
            for (int t = 0; t < threads.length; t++) {
                threads[t] = new Thread(() -> {
                    for (int i; (i = next.getAndIncrement()) < files.size(); ) {
                        scorer.score(files.get(i), Float.NaN);
                    }
                });
                threads[t].start();
            }
            for (Thread t : threads) {
                t.join();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpu = (processCpuNanos() - cpu0) / 1e9;
            System.out.printf(Locale.ROOT, "direct round %d (java %s, %s kernels): %d images in %.2f s = %.1f images/s,"
                    + " %.1f CPU-ms/image%n", round, System.getProperty("java.version"),
                    BlurModel.shared().kernels().propertyValue(), files.size(), seconds, files.size() / seconds, 1000 * cpu / files.size());
        }
    }

    /** This JVM's CPU time, all threads: on a shared machine, steadier than the wall clock. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("--direct")) {
            direct(Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 3);
            return;
        }
        // DIR or DIR1,DIR2,...: job n scans the folder n modulo their number (sub-folders too)
        String[] dirs = args[0].split(",");
        int jobs = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        String master = args.length > 2 ? args[2] : "local[2]";
        long[] images = new long[dirs.length];
        for (int i = 0; i < dirs.length; i++) {
            try (Stream<Path> files = Files.walk(Path.of(dirs[i]))) {
                images[i] = files.filter(Files::isRegularFile).count();
            }
        }
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long start = System.nanoTime();
        SparkSession spark = SparkSession.builder().appName("blurfilter ThroughputBench").master(master)
                .config("spark.ui.enabled", "false")
                .config("spark.executor.metrics.pollingInterval", Boolean.getBoolean("bench.metrics") ? "50ms" : "0")
                .config("spark.executor.processTreeMetrics.enabled", String.valueOf(Boolean.getBoolean("bench.metrics")))
                .getOrCreate();
        if (Boolean.getBoolean("bench.explain")) {
            SparkScan.scan(spark, ScanOptions.parse(dirs[0], "unused")).explain("formatted");
        }
        System.out.printf(Locale.ROOT, "%s, java %s, driver max heap %d MB, %s files in %s; session started in %.1f s (JVM up %.1f s)%n",
                master, System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20,
                java.util.Arrays.toString(images), String.join(", ", dirs), (System.nanoTime() - start) / 1e9,
                (System.currentTimeMillis() - jvmStart) / 1e3);
        Path outs = Files.createTempDirectory("throughput-bench");
        try {
            for (int job = 1; job <= jobs; job++) {
                Path out = outs.resolve("job" + job);
                long t0 = System.nanoTime();
                long cpu0 = processCpuNanos();
                String dir = dirs[(job - 1) % dirs.length];
                SparkScan.Summary summary;
                if (Boolean.getBoolean("bench.noop")) { // the same rows, written nowhere: what writing costs
                    ScanOptions o = ScanOptions.parse(dir, out.toString());
                    SparkScan.scan(spark, o).write().format("noop").mode("overwrite").save();
                    summary = new SparkScan.Summary(images[(job - 1) % dirs.length], java.util.Map.of(), 0, "nowhere", "noop");
                } else {
                    summary = SparkScan.run(spark, ScanOptions.parse(dir, out.toString(), "--format", "csv"));
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                double cpu = (processCpuNanos() - cpu0) / 1e9;
                System.out.printf(Locale.ROOT, "job %d: %d images in %.2f s = %.1f images/s, %.1f CPU-ms/image, %.2f CPU-s (%s)%n",
                        job, summary.images(), seconds, summary.images() / seconds, 1000 * cpu / summary.images(),
                        cpu, summary);
                String between = System.getProperty("bench.between");
                if (between != null && job < jobs) { // e.g. the CLI on the same folder, run while this JVM waits
                    long b0 = System.nanoTime();
                    int exit = new ProcessBuilder("bash", "-c", between).inheritIO().start().waitFor();
                    System.out.printf(Locale.ROOT, "between jobs %d and %d: exit %d in %.2f s%n", job, job + 1, exit,
                            (System.nanoTime() - b0) / 1e9);
                }
            }
            Thread.sleep(1500); // a last heartbeat with the metrics
            for (ExecutorSummary e : CollectionConverters.asJava(
                    spark.sparkContext().statusStore().executorList(true))) {
                if (e.peakMemoryMetrics().isEmpty()) {
                    System.out.printf("executor %s: no memory metrics%n", e.id());
                    continue;
                }
                ExecutorMetrics m = e.peakMemoryMetrics().get();
                System.out.printf(Locale.ROOT, "executor %s (%d cores): peak heap used %d MB, peak RSS %d MB%n",
                        e.id(), e.totalCores(),
                        m.getMetricValue("JVMHeapMemory") >> 20, m.getMetricValue("ProcessTreeJVMRSSMemory") >> 20);
            }
        } finally {
            spark.stop();
            try (Stream<Path> walk = Files.walk(outs)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temporary folder
            }
        }
    }
}
