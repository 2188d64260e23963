package io.blurfilter.cli;

import io.blurfilter.cli.bench.LatencySample;
import io.blurfilter.cli.bench.WarmUp;
import io.blurfilter.engine.KernelFamily;
import io.blurfilter.engine.Model;
import io.blurfilter.engine.Session;
import io.blurfilter.engine.Tensor;
import io.blurfilter.engine.format.ModelFile;
import io.blurfilter.engine.format.ModelReader;
import io.blurfilter.model.BlurModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code blurfilter bench}: latency and single-thread throughput of a model on this machine, for each
 * kernel family this JVM can run, on a fixed synthetic input. A quick check, not a benchmark suite:
 * JMH in the bench module is the reference for published numbers.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        header = "measure inference latency and img/s on this machine",
        description = {"Times single inferences of a model (default: the embedded model) on a fixed synthetic input,"
                + " one thread, for each kernel family: 'plain' (plain Java, always; 'fast' is its old name) and 'vector'"
                + " (only when the JVM runs with --add-modules jdk.incubator.vector). Each family first warms up until the JIT has"
                + " finished compiling it (a round of 10 inferences with no compilation and no faster median; 30 s at"
                + " most). Prints the warm-up's seconds, median, p10 and p90 milliseconds and images per second at the"
                + " median.",
                "Wall-clock numbers from one process on a possibly busy machine; JMH in the bench module is the"
                + " reference (bench/RESULTS.md)."})
final class BenchCommand implements Callable<Integer> {
    private static final int DYNAMIC_SIDE = 224;

    private final PrintStream out;

    @Mixin
    private ModelOption modelOption;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "50",
            description = "timed inferences per family (default ${DEFAULT-VALUE})")
    private int runs;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "20",
            description = "untimed inferences at least, however soon the JIT is done (default ${DEFAULT-VALUE})")
    private int warmup;

    @Option(names = "--kernels", paramLabel = "LIST",
            description = "families to time, comma-separated: plain, vector (default: both; one this JVM cannot run"
                    + " says so)")
    private String kernelList;

    BenchCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws UsageException, FatalException {
        Ranges.check("bench", "--runs", runs, 1, 1_000_000);
        Ranges.check("bench", "--warmup", warmup, 0, 1_000_000);
        List<KernelFamily> families = families(kernelList);
        ModelFile file = read(modelOption.file);
        int[] shape = concreteShape(file.metadata().inputShape());
        Tensor input = syntheticInput(shape);
        out.printf(Locale.ROOT, "model %s, input %s, warm-up until the JIT is done (at least %d runs), "
                + "%d timed runs, 1 thread%n", file.metadata().name(), Arrays.toString(shape), warmup, runs);
        Optional<String> jitUnseen = WarmUp.ofThisJvm().jitUnseen();
        if (jitUnseen.isPresent()) {
            out.printf(Locale.ROOT, "note: %s, so the warm-up ends when the median latency of a round of 10 stops "
                    + "falling, not when the JIT is done%n", jitUnseen.get());
        }
        out.printf(Locale.ROOT, "%-8s %10s %10s %10s %10s %10s%n", "kernels", "warmup_s", "median_ms", "p10_ms",
                "p90_ms", "img_per_s");
        for (KernelFamily kernels : families) {
            String family = kernels.propertyValue();
            if (!kernels.isAvailable()) {
                out.printf(Locale.ROOT, "%-8s not available: %s%n", family, kernels.unavailableReason().orElse("?"));
                continue;
            }
            LatencySample s;
            try (Session session = Model.of(file, kernels).newSession()) {
                s = LatencySample.measure(session, input, WarmUp.ofThisJvm(), warmup, runs);
            } catch (RuntimeException e) {
                throw new FatalException("cannot run the model with " + family + " kernels: " + e, e);
            }
            out.printf(Locale.ROOT, "%-8s %10.1f %10.2f %10.2f %10.2f %10.1f%n", family, s.warmUp().seconds(),
                    s.medianMs(), s.quantileMs(0.1), s.quantileMs(0.9), s.imagesPerSecond());
            if (!s.warmUp().settled()) {
                out.printf(Locale.ROOT, "note: the %s kernels were still compiling or speeding up after %.0f s of "
                        + "warm-up; their figures include some of that%n", family, s.warmUp().seconds());
            }
        }
        out.println("note: rough wall-clock figures; JMH in the bench module is the reference (bench/RESULTS.md)");
        return ExitCode.OK;
    }

    private static List<KernelFamily> families(String list) throws UsageException {
        if (list == null) {
            return List.of(KernelFamily.PLAIN, KernelFamily.VECTOR);
        }
        List<KernelFamily> out = new ArrayList<>();
        for (String f : list.split(",")) {
            String t = f.trim();
            KernelFamily family = KernelFamily.named(t);
            if (family != KernelFamily.PLAIN && family != KernelFamily.VECTOR) {
                throw new UsageException("bench: --kernels takes plain and/or vector, got '" + t + "'");
            }
            out.add(family);
        }
        return out;
    }

    private static ModelFile read(Path model) throws FatalException {
        try {
            if (model != null) {
                if (!Files.exists(model)) {
                    throw new FatalException("model file not found: " + model);
                }
                return ModelReader.read(model);
            }
            if (!BlurModel.isPackaged()) {
                throw new FatalException("no embedded model is packaged; pass a model file with --model FILE");
            }
            try (InputStream in = BlurModel.class.getResourceAsStream(BlurModel.RESOURCE)) {
                return ModelReader.read(in, BlurModel.RESOURCE);
            }
        } catch (IOException | RuntimeException e) {
            throw new FatalException("cannot load model: " + e.getMessage(), e);
        }
    }

    /** The model's input shape with dynamic (non-positive) sides set to 224. */
    static int[] concreteShape(int[] shape) {
        int[] s = shape.clone();
        for (int i = 0; i < s.length; i++) {
            if (s[i] <= 0) {
                s[i] = i == 0 ? 1 : DYNAMIC_SIDE;
            }
        }
        return s;
    }

    /** Fixed-seed normal values: the same input on every run and machine. */
    private static Tensor syntheticInput(int[] shape) {
        int n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        float[] x = new float[n];
        Random r = new Random(20261127L);
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return new Tensor(shape, x);
    }
}
