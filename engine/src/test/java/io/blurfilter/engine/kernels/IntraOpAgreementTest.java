package io.blurfilter.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blurfilter.engine.kernels.NhwcKernelsAgreementTest.Case;
import io.blurfilter.engine.runtime.LayerOps;
import io.blurfilter.engine.runtime.PartRunner;
import io.blurfilter.engine.runtime.Plan;
import io.blurfilter.engine.runtime.Planner;
import io.blurfilter.engine.runtime.WorkerPool;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Intra-op threading gives exactly the single-threaded results (not merely close ones: each output is
 * computed by one thread in the same order) for every NHWC family, whatever the executor does with
 * the helper tasks: runs them on a pool, runs them inline, rejects them, or silently drops them.
 */
class IntraOpAgreementTest {
    static Stream<LayerOps> families() {
        return KernelFamilies.nhwcFamilies().stream();
    }

    /** Graphs with layers big enough to split: rows of convs, and a one-pixel pointwise split by columns. */
    static List<Case> cases() {
        TestGraph t = new TestGraph(7, 1, 512, 1, 1);
        String head = t.conv(t.input(), 512, 640).act("hardswish").add();
        Case singleRow = new Case(t.build(head), new int[] {1, 512, 1, 1}, t.randomInput());
        return List.of(NhwcKernelsAgreementTest.lcnetLike(16, true, 2, 64, 48),
                NhwcKernelsAgreementTest.lcnetLike(8, false, 1, 131, 97), NhwcKernelsAgreementTest.oddities(24),
                singleRow);
    }

    @ParameterizedTest
    @MethodSource("families")
    void enginePoolGivesIdenticalResults(LayerOps family) {
        for (int threads : new int[] {1, 3}) {
            try (WorkerPool pool = new WorkerPool(threads, "test-intra-op-")) {
                checkAll(family, new PartRunner(pool, threads + 1));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("families")
    void callersExecutorGivesIdenticalResults(LayerOps family) {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            checkAll(family, new PartRunner(pool, 3));
        } finally {
            pool.shutdown();
        }
        checkAll(family, new PartRunner(Runnable::run, 2));
    }

    @ParameterizedTest
    @MethodSource("families")
    void rejectingOrDroppingExecutorStillCompletesOnTheCaller(LayerOps family) {
        checkAll(family, new PartRunner(task -> {
            throw new RejectedExecutionException("full");
        }, 4));
        checkAll(family, new PartRunner(task -> {}, 4)); // accepts and never runs: the caller claims every part
    }

    private static void checkAll(LayerOps family, PartRunner runner) {
        List<Case> cases = cases();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            // plain Java splits pointwise by rows only, so its one-row case runs whole
            boolean splits = i < cases.size() - 1 || family.name().equals("vector");
            Plan plan = Planner.plan(c.graph, c.shape, family);
            float[] expected = run(plan, c, null);
            float[][] ws = plan.newWorkspace();
            Plan.Parallel parallel = plan.newParallel(ws, runner);
            if (runner.parallelism() > 1 && splits) {
                assertTrue(parallel.splitLayers() > 0, "nothing split in " + plan.kernels());
            }
            for (int round = 0; round < 2; round++) {
                float[] actual = new float[expected.length];
                plan.run(c.input, actual, ws, parallel);
                assertArrayEquals(expected, actual, family.name() + " with " + runner.parallelism() + " threads");
            }
        }
    }

    private static float[] run(Plan plan, Case c, Plan.Parallel parallel) {
        float[] out = new float[Arrays.stream(plan.outputShape()).reduce(1, (a, b) -> a * b)];
        plan.run(c.input, out, plan.newWorkspace(), parallel);
        return out;
    }
}
