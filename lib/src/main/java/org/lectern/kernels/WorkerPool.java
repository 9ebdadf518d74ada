package org.lectern.kernels;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;

/**
 * The threads behind {@link Parallel}: size − 1 workers and the caller, who always takes part.
 *
 * <p>Why not a ForkJoinPool: a training step runs a few dozen parallel loops of 20 µs to 1 ms each, with
 * short serial stretches between them. A ForkJoinPool leaves the calling thread blocked while a parked
 * worker is woken (tens of microseconds) and that worker wakes the next: on two cores LeNet ran no faster
 * on two threads than on one. Here the caller starts on the tasks at once, and a worker that has just
 * finished keeps spinning for {@link #SPIN_NANOS} before it parks, so the next loop of the same step
 * finds it awake, as OpenMP runtimes do. Idle for longer (a notebook between cells) the workers park and
 * cost nothing.
 *
 * <p>Tasks are handed out one index at a time from a shared counter, so a worker that is late (or busy
 * elsewhere on a shared machine) simply takes fewer of them.
 */
final class WorkerPool {
    /** How long an idle worker spins before parking: longer than the serial gaps inside a training step. */
    static final long SPIN_NANOS = 500_000;

    final int size;
    private final Worker[] workers;
    /** Serializes jobs: a second thread calling in meanwhile runs its loop alone, rather than waiting. */
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Job job;
    private volatile boolean shutdown;

    WorkerPool(int size) {
        this.size = size;
        workers = new Worker[size - 1];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker(i + 1);
            workers[i].start();
        }
    }

    /** Runs body(i) for i in [0, tasks) on the caller and the workers; returns when all are done. */
    void run(int tasks, IntConsumer body) {
        // a loop inside a task, or a second caller while a job runs: no one to share with, run it here
        if (Thread.currentThread() instanceof Worker || !lock.tryLock()) {
            for (int i = 0; i < tasks; i++) body.accept(i);
            return;
        }
        try {
            Job j = new Job(body, tasks, Thread.currentThread());
            job = j;
            for (Worker w : workers) if (w.parked) LockSupport.unpark(w);
            j.work(true);
            j.awaitDone();
            j.rethrow();
        } finally {
            lock.unlock();
        }
    }

    void shutdown() {
        shutdown = true;
        for (Worker w : workers) LockSupport.unpark(w);
    }

    /** One call of {@link #run}: the tasks not yet taken, and those finished. */
    private static final class Job {
        final IntConsumer body;
        final int tasks;
        final Thread caller;
        final AtomicInteger next = new AtomicInteger(), done = new AtomicInteger();
        volatile Throwable failure;

        Job(IntConsumer body, int tasks, Thread caller) {
            this.body = body;
            this.tasks = tasks;
            this.caller = caller;
        }

        /**
         * Takes tasks until none are left. A worker keeps the first failure for the caller to rethrow; the
         * caller's own failure propagates at once (an interrupt of the cell must not be swallowed), and the
         * workers finish their tasks of this job on their own.
         */
        void work(boolean isCaller) {
            for (int i; (i = next.getAndIncrement()) < tasks; ) {
                try {
                    body.accept(i);
                } catch (Throwable t) {
                    if (isCaller) throw t;
                    if (failure == null) failure = t;
                }
                if (done.incrementAndGet() == tasks && !isCaller) LockSupport.unpark(caller);
            }
        }

        void awaitDone() {
            long start = System.nanoTime();
            while (done.get() < tasks) {
                if (System.nanoTime() - start < SPIN_NANOS) Thread.onSpinWait();
                else LockSupport.parkNanos(this, 50_000);
            }
        }

        void rethrow() {
            Throwable t = failure;
            if (t instanceof RuntimeException) throw (RuntimeException) t;
            if (t instanceof Error) throw (Error) t;
            if (t != null) throw new IllegalStateException(t);
        }
    }

    private final class Worker extends Thread {
        volatile boolean parked;

        Worker(int index) {
            super("lectern-" + index);
            setDaemon(true);
        }

        @Override
        public void run() {
            Job seen = null;
            long idleSince = System.nanoTime();
            while (!shutdown) {
                Job j = job;
                if (j != seen) {
                    seen = j;
                    j.work(false);
                    idleSince = System.nanoTime();
                } else if (System.nanoTime() - idleSince < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    parked = true;
                    if (job == seen && !shutdown) LockSupport.park(this);
                    parked = false;
                    idleSince = System.nanoTime();
                }
            }
        }
    }
}
