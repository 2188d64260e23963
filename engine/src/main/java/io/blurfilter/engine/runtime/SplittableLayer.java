package io.blurfilter.engine.runtime;

/**
 * A layer whose output can be computed in independent parts (ranges of output rows or columns) on
 * several threads. Every output value is computed by exactly one part with the same arithmetic in the
 * same order as {@link #forward}, so a split run gives bit-identical results.
 */
public interface SplittableLayer extends Layer {
    /** How many parts are worth running for {@code parallelism} threads; 1 means run it whole. */
    int partsFor(int parallelism);

    /** Work that must finish before any part starts (e.g. a padded copy of the input); on the caller. */
    default void prepare(float[][] slots) {}

    /** Part {@code part} of {@code parts}. Parts may run concurrently; each writes only its own outputs. */
    void forwardPart(float[][] slots, int part, int parts);

    /**
     * Slots used as per-call scratch by {@link #forwardPart}: each concurrent part gets its own arrays
     * of the same sizes in those places. Scratch that {@link #prepare} fills for all parts must not be
     * listed here.
     */
    default int[] partScratchSlots() {
        return new int[0];
    }

    @Override
    default void forward(float[][] slots) {
        prepare(slots);
        forwardPart(slots, 0, 1);
    }

    /**
     * Multiply-adds below which a part is not worth a hand-off to another thread (waking a worker and
     * waiting for it costs a few microseconds).
     */
    long MIN_PART_WORK = 150_000;

    /**
     * Parts for {@code parallelism} threads over {@code units} (rows, column blocks) holding {@code work}
     * multiply-adds: at most one per thread, at least {@code minUnits} units and {@link #MIN_PART_WORK} each.
     */
    static int parts(int parallelism, long work, int units, int minUnits) {
        long byWork = work / MIN_PART_WORK;
        long byUnits = units / Math.max(1, minUnits);
        return (int) Math.max(1, Math.min(parallelism, Math.min(byWork, byUnits)));
    }

    /**
     * Start of part {@code part} of {@code total} items split into {@code parts} nearly equal runs, each
     * start rounded down to a multiple of {@code align} (so tiles keep their shape); part == parts gives total.
     */
    static int boundary(int total, int part, int parts, int align) {
        if (part >= parts) {
            return total;
        }
        int b = (int) ((long) total * part / parts);
        return b / align * align;
    }
}
