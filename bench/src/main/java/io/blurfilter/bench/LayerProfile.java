package io.blurfilter.bench;

import io.blurfilter.engine.KernelFamily;
import io.blurfilter.engine.Model;
import io.blurfilter.engine.format.ModelReader;
import io.blurfilter.engine.runtime.Layer;
import io.blurfilter.engine.runtime.PartRunner;
import io.blurfilter.engine.runtime.Plan;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where one inference's time goes, per layer and per layer kind: runs a compiled plan's layers one by
 * one on a session's workspace and keeps each layer's minimum (the least disturbed by other load on a
 * shared machine) and median over many runs. A development tool, not a benchmark: reads the plan's
 * private fields reflectively so the engine needs no profiling API.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar io.blurfilter.bench.LayerProfile [MODEL|file.bfm] [vector|plain] [runs] [concurrent copies]</pre>
 * With a model file, {@code -Dblurfilter.profile.shape=H,W} sets the input size and
 * {@code -Dblurfilter.profile.map=true} profiles its map plan (classifier and map head).
 */
public final class LayerProfile {
    private LayerProfile() {}

    public static void main(String[] args) throws Exception {
        String which = args.length > 0 ? args[0] : "X1_0_LAST";
        String family = args.length > 1 ? args[1] : "vector";
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        int concurrent = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        // a model file (e.g. the packaged model), at -Dblurfilter.profile.shape=H,W, its map plan with
        // -Dblurfilter.profile.map=true (the classifier plus the map head)
        boolean file = which.endsWith(".bfm");
        Model model = file ? Model.of(ModelReader.read(Path.of(which)), KernelFamily.named(family))
                : Engines.blurfilter(BenchModel.valueOf(which), family);
        String m = file ? Path.of(which).getFileName().toString() : which;
        int[] shape = BenchModel.INPUT_SHAPE.clone();
        String hw = System.getProperty("blurfilter.profile.shape");
        if (hw != null) {
            shape[2] = Integer.parseInt(hw.split(",")[0]);
            shape[3] = Integer.parseInt(hw.split(",")[1]);
        }
        float[] input = shape[2] == 224 && shape[3] == 224 ? Fixtures.input224() : randomInput(shape);
        boolean map = Boolean.getBoolean("blurfilter.profile.map");
        Method planOf = Model.class.getDeclaredMethod(map ? "mapPlan" : "plan", int[].class);
        planOf.setAccessible(true);
        Plan plan = (Plan) planOf.invoke(model, (Object) shape);
        @SuppressWarnings("unchecked")
        List<Layer> layers = (List<Layer>) field(plan, "layers");
        int inputSlot = (Integer) field(plan, "inputSlot");
        float[][] ws = plan.newWorkspace();
        long[][] times = new long[layers.size()][runs];
        long[] bestTotal = {Long.MAX_VALUE};
        // The other copies run the same loop on their own workspaces at the same time, so the printed
        // minima show what each layer loses when all cores compute (shared L3 and memory bandwidth).
        Thread[] others = new Thread[concurrent - 1];
        for (int t = 0; t < others.length; t++) {
            float[][] own = plan.newWorkspace();
            others[t] = new Thread(() -> profile(layers, input, own, inputSlot, new long[layers.size()][runs],
                    new long[1]));
            others[t].start();
        }
        profile(layers, input, ws, inputSlot, times, bestTotal);
        for (Thread t : others) {
            t.join();
        }
        // bytes each layer allocates in one more run (the kernels should allocate none)
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        long[] allocated = new long[layers.size()];
        System.arraycopy(input, 0, ws[inputSlot], 0, input.length);
        for (int i = 0; i < layers.size(); i++) {
            long b0 = mx.getThreadAllocatedBytes(self);
            layers.get(i).forward(ws);
            allocated[i] = mx.getThreadAllocatedBytes(self) - b0;
        }
        if (Boolean.getBoolean("blurfilter.profile.states")) {
            printStates(layers, times);
        }
        Map<String, long[]> byKind = new TreeMap<>();
        long sum = 0;
        long sumMedians = 0;
        System.out.printf("%3s %-60s %11s %11s %8s%n", "", "layer", "min", "median", "alloc");
        for (int i = 0; i < layers.size(); i++) {
            long[] t = times[i];
            java.util.Arrays.sort(t);
            long min = t[0];
            long median = t[t.length / 2];
            System.out.printf("%3d %-60s %8.1f us %8.1f us %6d B%n", i, describe(layers.get(i)), min / 1e3,
                    median / 1e3, allocated[i]);
            long[] kind = byKind.computeIfAbsent(layers.get(i).getClass().getSimpleName(), k -> new long[2]);
            kind[0] += min;
            kind[1] += median;
            sum += min;
            sumMedians += median;
        }
        System.out.println("-- by kind (sums of per-layer minima, medians) --");
        for (Map.Entry<String, long[]> e : byKind.entrySet()) {
            System.out.printf("%-30s %8.3f ms %8.3f ms%n", e.getKey(), e.getValue()[0] / 1e6, e.getValue()[1] / 1e6);
        }
        System.out.printf("sum of medians %.3f ms%n", sumMedians / 1e6);
        System.out.printf("sum of minima %.3f ms, best whole run %.3f ms (%s, %s)%n", sum / 1e6, bestTotal[0] / 1e6, m,
                family);
        if (concurrent > 1) {
            System.out.printf("(while %d more copies ran the same loop on their own workspaces)%n", concurrent - 1);
        }
        for (int threads : new int[] {2, 4}) {
            Plan.Parallel par = plan.newParallel(ws, new PartRunner(Runnable::run, threads));
            System.out.printf("layers split with %d intra-op threads: %d of %d%n", threads, par.splitLayers(),
                    layers.size());
        }
    }

    private static float[] randomInput(int[] shape) {
        java.util.Random r = new java.util.Random(20);
        float[] x = new float[shape[0] * shape[1] * shape[2] * shape[3]];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    /**
     * Each layer's mean time in the fastest and the slowest 40% of runs (by whole-run time): this
     * machine alternates between a fast and a slow state for seconds at a time, and the layers that
     * slow down most in the slow one are what the median pays for.
     */
    private static void printStates(List<Layer> layers, long[][] times) {
        int runs = times[0].length;
        long[] total = new long[runs];
        for (long[] layer : times) {
            for (int r = 0; r < runs; r++) {
                total[r] += layer[r];
            }
        }
        Integer[] order = new Integer[runs];
        for (int r = 0; r < runs; r++) {
            order[r] = r;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparingLong(r -> total[r]));
        int band = runs * 2 / 5;
        System.out.printf("%3s %-60s %11s %11s %6s%n", "", "layer (fast / slow state means)", "fast", "slow", "slow/fast");
        double fastSum = 0;
        double slowSum = 0;
        for (int i = 0; i < layers.size(); i++) {
            double fast = 0;
            double slow = 0;
            for (int j = 0; j < band; j++) {
                fast += times[i][order[j]];
                slow += times[i][order[runs - 1 - j]];
            }
            fast /= band;
            slow /= band;
            fastSum += fast;
            slowSum += slow;
            System.out.printf("%3d %-60s %8.1f us %8.1f us %6.2f%n", i, describe(layers.get(i)), fast / 1e3, slow / 1e3,
                    slow / fast);
        }
        System.out.printf("fast state %.3f ms, slow state %.3f ms (%.2fx)%n", fastSum / 1e6, slowSum / 1e6,
                slowSum / fastSum);
    }

    private static void profile(List<Layer> layers, float[] input, float[][] ws, int inputSlot, long[][] times,
            long[] bestTotal) {
        for (int r = 0; r < times[0].length; r++) {
            System.arraycopy(input, 0, ws[inputSlot], 0, input.length);
            long start = System.nanoTime();
            for (int i = 0; i < layers.size(); i++) {
                long t0 = System.nanoTime();
                layers.get(i).forward(ws);
                times[i][r] = System.nanoTime() - t0;
            }
            bestTotal[0] = Math.min(bestTotal[0], System.nanoTime() - start);
        }
    }

    private static String describe(Layer l) {
        String name = l.getClass().getSimpleName();
        try {
            Object gemm = field(l, "gemm");
            return name + " k=" + field(gemm, "k") + " n=" + field(gemm, "n")
                    + (hasField(l, "pixels") ? " rows=" + field(l, "pixels") : "");
        } catch (ReflectiveOperationException e) {
            // no gemm: fall through
        }
        try {
            Object p = field(l, "p");
            return name + " " + field(p, "inH") + "x" + field(p, "inW") + "x" + field(p, "inC") + " k"
                    + field(p, "kH") + " s" + field(p, "strideH") + " -> " + field(p, "outC");
        } catch (ReflectiveOperationException e) {
            return name;
        }
    }

    private static boolean hasField(Object o, String name) {
        for (Class<?> c = o.getClass(); c != null; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.getName().equals(name)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Object field(Object o, String name) throws ReflectiveOperationException {
        for (Class<?> c = o.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(o);
            } catch (NoSuchFieldException e) {
                // superclass next
            }
        }
        throw new NoSuchFieldException(name);
    }
}
