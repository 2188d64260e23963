package io.blurfilter.engine.runtime;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs the parts of one {@link SplittableLayer} on the calling thread and on up to
 * {@code parallelism - 1} helper tasks handed to an {@link Executor}. Parts are claimed, not
 * assigned: the caller takes parts too and only waits for parts a helper has already started, so a
 * slow, saturated or rejecting executor (or one whose threads include the caller's) costs speed,
 * never progress. Owned by one session (one inference at a time); allocates nothing per layer
 * (helper tasks are created once and resubmitted).
 */
public final class PartRunner {
    private static final int SPINS = 1 << 12;

    private final Executor executor;
    private final Helper[] helpers;
    /** Job generation in the high 32 bits, next unclaimed part in the low 32. */
    private final AtomicLong state = new AtomicLong();
    private final AtomicInteger done = new AtomicInteger();
    // Job fields: written before the state publishes a new generation, unchanged until its parts are done.
    private SplittableLayer job;
    private float[][][] jobSlots;
    private int jobParts;
    private volatile Thread waiter;
    private volatile Throwable failure;

    public PartRunner(Executor executor, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism " + parallelism + " < 1");
        }
        this.executor = executor;
        this.helpers = new Helper[parallelism - 1];
        for (int i = 0; i < helpers.length; i++) {
            helpers[i] = new Helper();
        }
    }

    public int parallelism() {
        return helpers.length + 1;
    }

    /**
     * Runs parts [0, parts) of {@code layer}, part i on {@code slotsPerPart[i]} (scratch private to a
     * part, everything else shared), and returns when all are done. A part's exception is rethrown
     * here after the other parts finish.
     */
    public void run(SplittableLayer layer, float[][][] slotsPerPart, int parts) {
        layer.prepare(slotsPerPart[0]);
        if (parts <= 1) {
            layer.forwardPart(slotsPerPart[0], 0, 1);
            return;
        }
        job = layer;
        jobSlots = slotsPerPart;
        jobParts = parts;
        failure = null;
        waiter = Thread.currentThread();
        done.set(0);
        long generation = (state.get() >>> 32) + 1;
        state.set(generation << 32);
        int wanted = Math.min(helpers.length, parts - 1);
        for (int i = 0; i < wanted; i++) {
            if (!offer(helpers[i])) {
                break; // the caller claims what no helper takes
            }
        }
        work(generation);
        for (int spins = 0; done.get() < parts; spins++) {
            if (spins < SPINS) {
                SpinHint.pause();
            } else {
                LockSupport.park(this);
            }
        }
        job = null;
        jobSlots = null;
        Throwable t = failure;
        if (t != null) {
            failure = null;
            if (t instanceof RuntimeException) {
                throw (RuntimeException) t;
            }
            if (t instanceof Error) {
                throw (Error) t;
            }
            throw new IllegalStateException(t);
        }
    }

    private boolean offer(Runnable helper) {
        if (executor instanceof WorkerPool) {
            return ((WorkerPool) executor).offer(helper);
        }
        try {
            executor.execute(helper);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Claims and runs parts of job {@code generation} until none is left. */
    private void work(long generation) {
        while (true) {
            long s = state.get();
            int next = (int) s;
            if (s >>> 32 != generation || next >= jobParts) {
                return;
            }
            if (!state.compareAndSet(s, s + 1)) {
                continue;
            }
            try {
                job.forwardPart(jobSlots[next], next, jobParts);
            } catch (Throwable t) {
                failure = t;
            } finally {
                if (done.incrementAndGet() == jobParts) {
                    LockSupport.unpark(waiter);
                }
            }
        }
    }

    /** A helper joins whatever job is current when it runs (a late one finds nothing left). */
    private final class Helper implements Runnable {
        @Override
        public void run() {
            work(state.get() >>> 32);
        }
    }
}
