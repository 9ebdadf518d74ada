package org.lectern.kernels;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.function.IntConsumer;

/**
 * The one thread pool that all kernels split large work over. {@code Lectern.threads(n)} sets its size;
 * the default is every core the JVM sees.
 */
public final class Parallel {
    private static volatile ForkJoinPool pool = newPool(Runtime.getRuntime().availableProcessors());

    private Parallel() {}

    private static ForkJoinPool newPool(int n) {
        return new ForkJoinPool(n, p -> {
            var t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            t.setName("lectern-" + t.getPoolIndex());
            t.setDaemon(true);
            return t;
        }, null, false);
    }

    /** Number of threads large kernels use. */
    public static int threads() {
        return pool.getParallelism();
    }

    /** Sets the number of threads (at least 1). */
    public static synchronized void setThreads(int n) {
        if (n < 1) throw new IllegalArgumentException("threads: need at least 1 thread, got " + n);
        if (n == pool.getParallelism()) return;
        ForkJoinPool old = pool;
        pool = newPool(n);
        old.shutdown();
    }

    /** Elements worth splitting an elementwise loop for: waking the pool costs tens of microseconds,
     * about what one core takes for 2^16 floats of a memory-bound loop. */
    public static final int ELEMENTWISE_GRAIN = 1 << 16;

    /** A piece [from, to) of a loop. */
    public interface RangeBody {
        void run(int from, int to);
    }

    /**
     * Runs body over [0, n), in one piece per thread when n is at least {@link #ELEMENTWISE_GRAIN}, else
     * in one piece on the caller's thread: the large elementwise loops of a step (a convolution's relu over
     * its whole output) use both cores instead of one.
     */
    public static void forRange(int n, RangeBody body) {
        int pieces = n >= ELEMENTWISE_GRAIN ? Math.min(threads(), n / (ELEMENTWISE_GRAIN / 2)) : 1;
        if (pieces <= 1) {
            body.run(0, n);
            return;
        }
        forEach(pieces, t -> body.run((int) ((long) t * n / pieces), (int) ((long) (t + 1) * n / pieces)));
    }

    /**
     * Runs body(i) for i in [0, tasks), over the pool when there is more than one task and thread.
     * The caller's thread takes part, so a call from inside the pool cannot deadlock.
     */
    public static void forEach(int tasks, IntConsumer body) {
        if (tasks <= 1 || threads() == 1) {
            for (int i = 0; i < tasks; i++) body.accept(i);
            return;
        }
        ForkJoinPool p = pool;
        if (java.util.concurrent.ForkJoinTask.getPool() == p) { // already on a worker: fork/join directly
            new Range(body, 0, tasks).invoke();
        } else {
            p.invoke(new Range(body, 0, tasks));
        }
    }

    private static final class Range extends RecursiveAction {
        private final IntConsumer body;
        private final int from, to;

        Range(IntConsumer body, int from, int to) {
            this.body = body;
            this.from = from;
            this.to = to;
        }

        @Override
        protected void compute() {
            if (to - from == 1) {
                body.accept(from);
                return;
            }
            int mid = (from + to) >>> 1;
            invokeAll(new Range(body, from, mid), new Range(body, mid, to));
        }
    }
}
