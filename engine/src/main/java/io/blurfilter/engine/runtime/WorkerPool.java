package io.blurfilter.engine.runtime;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed set of daemon threads, each taking one task at a time through a one-slot mailbox; a task
 * offered when every worker is busy is rejected (the {@link PartRunner} caller then does that work
 * itself), so the pool never queues or grows. After a task a worker spins briefly before parking,
 * because an inference's layers follow each other within microseconds and a park/unpark round trip
 * costs tens of them. Allocates nothing per task.
 */
public final class WorkerPool implements Executor, AutoCloseable {
    private static final long SPIN_NANOS = 200_000;

    private final Worker[] workers;
    private volatile boolean closed;

    public WorkerPool(int threads, String namePrefix) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads " + threads + " < 1");
        }
        workers = new Worker[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = new Worker();
            Thread t = new Thread(workers[i], namePrefix + i);
            t.setDaemon(true);
            workers[i].thread = t;
        }
        for (Worker w : workers) {
            w.thread.start();
        }
    }

    public int threads() {
        return workers.length;
    }

    @Override
    public void execute(Runnable task) {
        if (!offer(task)) {
            throw new RejectedExecutionException(closed ? "worker pool is closed" : "all " + workers.length
                    + " workers busy");
        }
    }

    /**
     * Hands {@code task} to an idle worker; false when all are busy or the pool is closed. What
     * {@link PartRunner} uses: a refusal is routine (a worker still returning from the previous layer)
     * and must not cost an exception.
     */
    public boolean offer(Runnable task) {
        if (closed) {
            return false;
        }
        for (Worker w : workers) {
            if (w.mailbox.get() == null && w.mailbox.compareAndSet(null, task)) {
                LockSupport.unpark(w.thread);
                return true;
            }
        }
        return false;
    }

    /** Stops the workers (after their current task); later tasks are rejected. */
    @Override
    public void close() {
        closed = true;
        for (Worker w : workers) {
            LockSupport.unpark(w.thread);
        }
    }

    private final class Worker implements Runnable {
        final AtomicReference<Runnable> mailbox = new AtomicReference<>();
        Thread thread;

        @Override
        public void run() {
            long idleSince = System.nanoTime();
            while (!closed) {
                Runnable task = mailbox.get();
                if (task != null) {
                    try {
                        task.run();
                    } catch (Throwable ignored) {
                        // PartRunner's tasks report their own failures; nothing else is ever submitted
                    }
                    mailbox.set(null);
                    idleSince = System.nanoTime();
                } else if (System.nanoTime() - idleSince < SPIN_NANOS) {
                    SpinHint.pause();
                } else {
                    LockSupport.park(this);
                }
            }
        }
    }
}
