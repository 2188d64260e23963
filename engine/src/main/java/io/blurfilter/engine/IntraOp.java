package io.blurfilter.engine;

import io.blurfilter.engine.runtime.WorkerPool;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Opt-in intra-op threading: lets one inference split its large layers (convolutions, by output rows
 * or column blocks) across threads. Without it, and by default, a session runs on its caller's thread
 * alone. Results are bit-identical to the single-threaded run: every output value is computed by one
 * thread with the same arithmetic in the same order.
 *
 * <pre>{@code
 * try (IntraOp threads = IntraOp.threads(2); Session s = model.newSession(threads)) {
 *     Classification c = s.classify(image);   // big layers run on the caller plus one pool thread
 * }
 * }</pre>
 *
 * <p>Two kinds:
 * <ul>
 * <li>{@link #threads(int)}: the engine owns a fixed pool of {@code threads - 1} daemon threads (the
 * caller is the other one) and stops them on {@link #close()}. A pool thread takes one task at a time
 * and never queues, so sessions sharing one {@code IntraOp} simply get less help when it is busy.</li>
 * <li>{@link #executor(Executor, int)}: the engine hands at most {@code parallelism - 1} tasks per
 * layer to your executor (a bounded pool, a ForkJoinPool, virtual threads); it never creates threads
 * and never shuts your executor down.</li>
 * </ul>
 * The caller thread always takes part in the work and only waits for parts another thread has already
 * started, so an executor that is slow, saturated or rejecting tasks ({@code RejectedExecutionException})
 * makes the inference slower, never stuck or wrong; other exceptions from {@code execute} propagate.
 * On a machine whose cores are all busy (e.g. one session per core), intra-op threading does not pay:
 * prefer one single-threaded session per thread there.
 */
public final class IntraOp implements AutoCloseable {
    private final Executor executor;
    private final int parallelism;
    private final WorkerPool owned;

    private IntraOp(Executor executor, int parallelism, WorkerPool owned) {
        this.executor = executor;
        this.parallelism = parallelism;
        this.owned = owned;
    }

    /**
     * Up to {@code threads} threads per inference: the caller plus {@code threads - 1} pool threads the
     * engine starts now (daemon threads, named {@code blurfilter-intra-op-N}) and stops on {@link #close()}.
     * {@code threads(1)} starts none and runs single-threaded.
     */
    public static IntraOp threads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        if (threads == 1) {
            return new IntraOp(Runnable::run, 1, null);
        }
        WorkerPool pool = new WorkerPool(threads - 1, "blurfilter-intra-op-");
        return new IntraOp(pool, threads, pool);
    }

    /**
     * Up to {@code parallelism} threads per inference: the caller plus tasks handed to {@code executor}
     * (at most {@code parallelism - 1} per layer). The executor stays yours: {@link #close()} leaves it
     * running.
     */
    public static IntraOp executor(Executor executor, int parallelism) {
        Objects.requireNonNull(executor, "executor");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1: " + parallelism);
        }
        return new IntraOp(executor, parallelism, null);
    }

    /** Threads one inference may use, the caller's included. */
    public int parallelism() {
        return parallelism;
    }

    Executor executor() {
        return executor;
    }

    /** Stops the engine-owned pool threads ({@link #threads}); does nothing to a caller's executor. */
    @Override
    public void close() {
        if (owned != null) {
            owned.close();
        }
    }

    @Override
    public String toString() {
        return "IntraOp[" + parallelism + (owned != null ? " threads, engine pool]" : ", caller's executor]");
    }
}
