package org.lectern.kernel.magic;

import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * The timing loops of %timeit and %time. Public because the magics compile a call to it into the cell's JShell, so the
 * statement runs as user code (interruptible, seeing the user's variables).
 */
public final class Timing {
    private static final long TARGET_NANOS = 200_000_000L; // IPython's auto-ranging target per run

    private Timing() {}

    /** Repeats {@code body} {@code runs} times of {@code loops} loops (0 = pick so a run takes about 0.2 s). */
    public static String timeit(Runnable body, int loops, int runs) {
        if (loops <= 0) {
            loops = 1;
            while (true) {
                long t = run(body, loops);
                if (t >= TARGET_NANOS || loops >= 1_000_000_000 / 10) break;
                loops *= 10;
            }
        }
        double[] perLoop = new double[runs];
        for (int r = 0; r < runs; r++) perLoop[r] = run(body, loops) / (double) loops;
        double mean = 0;
        for (double v : perLoop) mean += v;
        mean /= runs;
        double var = 0;
        for (double v : perLoop) var += (v - mean) * (v - mean);
        double std = runs > 1 ? Math.sqrt(var / runs) : 0;
        return String.format(Locale.ROOT, "%s ± %s per loop (mean ± std. dev. of %d run%s, %d loop%s each)",
                duration(mean), duration(std), runs, runs == 1 ? "" : "s", loops, loops == 1 ? "" : "s");
    }

    private static long run(Runnable body, int loops) {
        long start = System.nanoTime();
        for (int i = 0; i < loops; i++) body.run();
        return System.nanoTime() - start;
    }

    /** Runs once, prints the wall time, returns the value (for %time on an expression). */
    public static <T> T time(Callable<T> body) throws Exception {
        long start = System.nanoTime();
        try {
            return body.call();
        } finally {
            System.out.println("Wall time: " + duration(System.nanoTime() - start));
        }
    }

    static String duration(double nanos) {
        if (nanos >= 1e9) return String.format(Locale.ROOT, "%.3g s", nanos / 1e9);
        if (nanos >= 1e6) return String.format(Locale.ROOT, "%.3g ms", nanos / 1e6);
        if (nanos >= 1e3) return String.format(Locale.ROOT, "%.3g µs", nanos / 1e3);
        return String.format(Locale.ROOT, "%.3g ns", nanos);
    }
}
