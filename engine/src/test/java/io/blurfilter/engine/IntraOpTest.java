package io.blurfilter.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/** The public intra-op option: same outputs as a plain session, with any executor behaviour. */
class IntraOpTest {
    /** Big enough (3x256x256 input) that the stem conv is split. */
    private static Tensor bigInput() {
        Random r = new Random(3);
        float[] x = new float[3 * 256 * 256];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return new Tensor(new int[] {1, 3, 256, 256}, x);
    }

    private static float[] single(Model model, Tensor input) {
        try (Session s = model.newSession()) {
            return s.run(input).data();
        }
    }

    @Test
    void engineOwnedThreadsGiveTheSameOutput() {
        Model model = Model.of(TinyModels.classifier(5));
        Tensor input = bigInput();
        float[] expected = single(model, input);
        try (IntraOp threads = IntraOp.threads(2); Session s = model.newSession(threads)) {
            assertEquals(2, threads.parallelism());
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(expected, s.run(input).data());
            }
        }
    }

    @Test
    void callersExecutorGivesTheSameOutputAndStaysOpen() throws Exception {
        Model model = Model.of(TinyModels.classifier(6));
        Tensor input = bigInput();
        float[] expected = single(model, input);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            try (IntraOp shared = IntraOp.executor(pool, 3); Session s = model.newSession(shared)) {
                assertArrayEquals(expected, s.run(input).data());
            }
            assertEquals(false, pool.isShutdown());
            assertEquals(1, pool.submit(() -> 1).get());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void rejectingExecutorRunsEverythingOnTheCaller() {
        Model model = Model.of(TinyModels.classifier(7));
        Tensor input = bigInput();
        float[] expected = single(model, input);
        IntraOp rejecting = IntraOp.executor(task -> {
            throw new RejectedExecutionException("no");
        }, 4);
        try (Session s = model.newSession(rejecting)) {
            assertArrayEquals(expected, s.run(input).data());
        }
    }

    @Test
    void aClosedPoolStillAnswers() {
        Model model = Model.of(TinyModels.classifier(8));
        Tensor input = bigInput();
        IntraOp threads = IntraOp.threads(3);
        threads.close();
        try (Session s = model.newSession(threads)) {
            assertArrayEquals(single(model, input), s.run(input).data());
        }
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> IntraOp.threads(0));
        assertThrows(IllegalArgumentException.class, () -> IntraOp.executor(Runnable::run, 0));
        assertThrows(NullPointerException.class, () -> IntraOp.executor(null, 2));
        Model model = Model.of(TinyModels.classifier(9));
        assertThrows(NullPointerException.class, () -> model.newSession(null));
        try (IntraOp one = IntraOp.threads(1); Session s = model.newSession(one)) {
            assertEquals(1, one.parallelism());
            Tensor input = bigInput();
            assertArrayEquals(single(model, input), s.run(input).data());
        }
    }
}
