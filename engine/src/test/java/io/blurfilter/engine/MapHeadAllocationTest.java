package io.blurfilter.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A map head costs classification nothing: on the same model with and without a head, a warmed-up
 * {@code classify} allocates the same bytes, so does a fresh session's first one (its workspace), and
 * so does {@code classifierMap}, which never makes the map plan. Bytes by {@link ThreadAllocation}; the
 * least of many alternating calls, once both have run often enough to be compiled.
 */
class MapHeadAllocationTest {
    private static final int WARM_UP = 400;
    private static final int MEASURED = 60;

    private final Model head = Model.of(TinyModels.withMapHead(11), KernelFamily.PLAIN);
    private final Model plain = Model.of(TinyModels.classifier(11), KernelFamily.PLAIN);
    private final Image image = TinyModels.randomImage(new Random(3), 61, 47);

    @Test
    void classifyAllocatesTheSameWithAHeadInTheFile() throws ReflectiveOperationException {
        ThreadAllocation allocation = new ThreadAllocation();
        long[] steady = least(allocation, m -> m.classify(image));
        assertEquals(steady[1], steady[0], "bytes per warmed-up classify: with the head, without");
        long[] fresh = least(allocation, m -> {
            try (Session s = m.newSession()) {
                return s.classify(image);
            }
        });
        assertEquals(fresh[1], fresh[0], "bytes of a fresh session's first classify (its workspace)");
        assertTrue(fresh[0] > steady[0], "a fresh session allocates its workspace: " + fresh[0] + " vs " + steady[0]);
        assertEquals(0, head.mapPlansMade());
    }

    @Test
    void classifierMapNeverMakesTheMapPlan() throws ReflectiveOperationException {
        ThreadAllocation allocation = new ThreadAllocation();
        long[] steady = least(allocation, m -> m.classifierMap(image, 32));
        assertEquals(steady[1], steady[0], "bytes per warmed-up classifierMap: with the head, without");
        long[] fresh = least(allocation, m -> {
            try (Session s = m.newSession()) {
                return s.classifierMap(image, 32);
            }
        });
        assertEquals(fresh[1], fresh[0], "bytes of a fresh session's first classifierMap");
        assertEquals(0, head.mapPlansMade(), "classifierMap made a map plan");
        head.headMap(image, 32);
        assertEquals(1, head.mapPlansMade(), "the head's map makes one");
    }

    /** The least bytes one call of {@code call} allocated, {@code {with the head, without}}. */
    private long[] least(ThreadAllocation allocation, Function<Model, Object> call) {
        long[] least = {Long.MAX_VALUE, Long.MAX_VALUE};
        Model[] models = {head, plain};
        for (int i = 0; i < WARM_UP + MEASURED; i++) {
            for (int k = 0; k < 2; k++) {
                long before = allocation.bytes();
                Object result = call.apply(models[k]);
                long bytes = allocation.bytes() - before;
                if (result == null) {
                    throw new AssertionError();
                }
                if (i >= WARM_UP) {
                    least[k] = Math.min(least[k], bytes);
                }
            }
        }
        return least;
    }
}
