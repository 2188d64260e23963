package io.blurfilter.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class PartRunnerTest {
    /** Counts how often each part ran; part {@code failing} throws. */
    private static final class Counting implements SplittableLayer {
        final AtomicIntegerArray runs;
        final int failing;

        Counting(int parts, int failing) {
            this.runs = new AtomicIntegerArray(parts);
            this.failing = failing;
        }

        @Override
        public int partsFor(int parallelism) {
            return runs.length();
        }

        @Override
        public void forwardPart(float[][] slots, int part, int parts) {
            runs.incrementAndGet(part);
            if (part == failing) {
                throw new IllegalStateException("part " + part);
            }
        }
    }

    private static float[][][] slots(int parts) {
        return new float[parts][][];
    }

    @Test
    void everyPartRunsExactlyOnceOnAPool() {
        try (WorkerPool pool = new WorkerPool(3, "test-")) {
            PartRunner runner = new PartRunner(pool, 4);
            for (int round = 0; round < 200; round++) {
                Counting layer = new Counting(7, -1);
                runner.run(layer, slots(7), 7);
                for (int p = 0; p < 7; p++) {
                    assertEquals(1, layer.runs.get(p), "round " + round + " part " + p);
                }
            }
        }
    }

    @Test
    void aFailingPartIsRethrownAfterTheOthersAndTheRunnerStaysUsable() {
        try (WorkerPool pool = new WorkerPool(1, "test-")) {
            PartRunner runner = new PartRunner(pool, 2);
            Counting failing = new Counting(4, 2);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> runner.run(failing, slots(4), 4));
            assertEquals("part 2", e.getMessage());
            for (int p = 0; p < 4; p++) {
                assertEquals(1, failing.runs.get(p));
            }
            Counting next = new Counting(4, -1);
            runner.run(next, slots(4), 4);
            assertEquals(4, next.runs.get(0) + next.runs.get(1) + next.runs.get(2) + next.runs.get(3));
        }
    }

    @Test
    void rejectedOrDroppedHelpersLeaveTheWorkToTheCaller() {
        Thread caller = Thread.currentThread();
        for (PartRunner runner : new PartRunner[] {
            new PartRunner(task -> {
                throw new RejectedExecutionException();
            }, 3),
            new PartRunner(task -> {}, 3)}) {
            Thread[] ranOn = new Thread[5];
            SplittableLayer layer = new SplittableLayer() {
                @Override
                public int partsFor(int parallelism) {
                    return 5;
                }

                @Override
                public void forwardPart(float[][] slots, int part, int parts) {
                    ranOn[part] = Thread.currentThread();
                }
            };
            runner.run(layer, slots(5), 5);
            assertArrayEquals(new Thread[] {caller, caller, caller, caller, caller}, ranOn);
        }
    }

    @Test
    void aClosedPoolRejects() {
        WorkerPool pool = new WorkerPool(1, "test-");
        pool.close();
        assertThrows(RejectedExecutionException.class, () -> pool.execute(() -> {}));
        Counting layer = new Counting(3, -1);
        new PartRunner(pool, 2).run(layer, slots(3), 3);
        assertEquals(3, layer.runs.get(0) + layer.runs.get(1) + layer.runs.get(2));
    }

    @Test
    void boundariesCoverTheRangeInAlignedRuns() {
        assertEquals(0, SplittableLayer.boundary(100, 0, 3, 12));
        assertEquals(24, SplittableLayer.boundary(100, 1, 3, 12));
        assertEquals(60, SplittableLayer.boundary(100, 2, 3, 12));
        assertEquals(100, SplittableLayer.boundary(100, 3, 3, 12));
        assertEquals(1, SplittableLayer.parts(8, 10, 1000, 1));
        assertEquals(2, SplittableLayer.parts(2, 10_000_000, 1000, 12));
        assertEquals(3, SplittableLayer.parts(8, 10_000_000, 36, 12));
    }
}
