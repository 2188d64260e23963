package io.blurfilter.cli.scan;

import io.blurfilter.engine.Model;
import io.blurfilter.engine.KernelFamily;
import java.util.function.LongUnaryOperator;

/**
 * Which kernel family a scan (or an eval, which scans the same way) runs. A fresh JVM spends 1-2 s compiling the Vector API kernels before
 * they run at full speed; the plain-Java kernels are up to speed within 0.2 s and infer 2.7-3.5x
 * slower. So a scan of fewer images than {@link #PLAIN_BELOW_PER_THREAD} per worker finishes first on
 * plain Java (bench/rounds/round-09.md, two threads, `blurfilter scan` with JVM start: 20 640x480
 * JPEGs in 1.9 s instead of 3.5, 100 in 4.0 instead of 5.0, 250 in 6.2 instead of 7.4, level at about
 * 400, 999 in 19.5 instead of 12.7; 20 12-MP JPEGs in 3.1 s instead of 4.2, 72 in 5.8 instead of 6.6).
 * Scores of the two families agree within 2e-5 (the same to the four printed decimals for all 999).
 * A family forced with {@code -Dblurfilter.kernels} is kept.
 */
public final class KernelChoice {
    /** Images per worker thread below which the plain-Java kernels finish a scan first. */
    public static final int PLAIN_BELOW_PER_THREAD = 200;

    private KernelChoice() {}

    /** How far a scan's inputs need counting for {@link #forScan}: beyond this the count does not matter. */
    public static long countLimit(int threads) {
        return (long) PLAIN_BELOW_PER_THREAD * threads;
    }

    /**
     * {@code loaded}, or the same model on the plain-Java kernels when it would run the Vector API ones
     * and the job is small. {@code countUpTo} counts the job's inputs up to the limit it is given.
     */
    public static Model forScan(Model loaded, int threads, LongUnaryOperator countUpTo) {
        return plainFinishesFirst(loaded.kernels(), threads, countUpTo) ? loaded.withKernels(KernelFamily.PLAIN) : loaded;
    }

    /** Whether a scan that would run on {@code family} ({@link Model#kernels()}) finishes first on plain Java. */
    public static boolean plainFinishesFirst(KernelFamily family, int threads, LongUnaryOperator countUpTo) {
        if (System.getProperty("blurfilter.kernels") != null || family != KernelFamily.VECTOR) {
            return false;
        }
        long limit = countLimit(threads);
        return countUpTo.applyAsLong(limit) < limit;
    }
}
