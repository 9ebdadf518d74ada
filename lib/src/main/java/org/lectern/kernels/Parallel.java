package org.lectern.kernels;

import java.util.function.IntConsumer;

/**
 * The one thread pool that all kernels split large work over. {@code Lectern.threads(n)} sets its size;
 * the default is every core the JVM sees.
 */
public final class Parallel {
    private static volatile WorkerPool pool = new WorkerPool(Runtime.getRuntime().availableProcessors());

    private Parallel() {}

    /** Number of threads large kernels use. */
    public static int threads() {
        return pool.size;
    }

    /** Sets the number of threads (at least 1). */
    public static synchronized void setThreads(int n) {
        if (n < 1) throw new IllegalArgumentException("threads: need at least 1 thread, got " + n);
        if (n == pool.size) return;
        WorkerPool old = pool;
        pool = new WorkerPool(n);
        old.shutdown();
    }

    /** Elements worth splitting an elementwise loop for: 2^14 floats take a few microseconds on one core,
     * several times what handing them to a spinning worker costs. */
    public static final int ELEMENTWISE_GRAIN = 1 << 14;

    /** A piece [from, to) of a loop. */
    public interface RangeBody {
        void run(int from, int to);
    }

    /**
     * Runs body over [0, n), in a few pieces per thread when n is at least {@link #ELEMENTWISE_GRAIN}, else
     * in one piece on the caller's thread: the large elementwise loops of a step (a convolution's relu over
     * its whole output) use both cores instead of one.
     */
    public static void forRange(int n, RangeBody body) {
        // a few pieces per thread, handed out as threads come free, so that a core slowed by another
        // process does less of the loop
        int pieces = n >= ELEMENTWISE_GRAIN && threads() > 1 ? Math.min(4 * threads(), n / (ELEMENTWISE_GRAIN / 2)) : 1;
        if (pieces <= 1) {
            body.run(0, n);
            return;
        }
        forEach(pieces, t -> body.run((int) ((long) t * n / pieces), (int) ((long) (t + 1) * n / pieces)));
    }

    /**
     * Runs body(i) for i in [0, tasks), on the caller's thread and the pool's workers (see {@link WorkerPool}).
     * A call from inside a task runs its loop on that thread alone.
     */
    public static void forEach(int tasks, IntConsumer body) {
        WorkerPool p = pool;
        if (tasks <= 1 || p.size == 1) {
            for (int i = 0; i < tasks; i++) body.accept(i);
            return;
        }
        p.run(tasks, body);
    }
}
