package org.lectern;

import java.util.Random;
import org.lectern.kernels.Parallel;
import org.lectern.kernels.Simd;

/**
 * Global settings of a notebook session: the random seed, the number of threads, and gradient mode.
 *
 * <pre>{@code
 * Lectern.seed(42);                        // reproducible rand/randn, init and shuffles
 * try (var scope = Lectern.noGrad()) {     // evaluate without building a graph
 *     var y = model.forward(x);
 * }
 * }</pre>
 */
public final class Lectern {
    private static final Random RANDOM = new Random(0);
    private static final ThreadLocal<boolean[]> GRAD_ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});

    private Lectern() {}

    /** Seeds the one generator behind every random factory, initialiser and shuffle. */
    public static void seed(long seed) {
        synchronized (RANDOM) {
            RANDOM.setSeed(seed);
        }
    }

    /** The shared generator (lock it, or use the helpers below, when drawing from several threads). */
    static Random random() {
        return RANDOM;
    }

    static float nextUniform() {
        synchronized (RANDOM) {
            return RANDOM.nextFloat();
        }
    }

    static float nextGaussian() {
        synchronized (RANDOM) {
            return (float) RANDOM.nextGaussian();
        }
    }

    /** A seeded child generator, for data loaders that shuffle on their own. */
    public static Random newRandom() {
        synchronized (RANDOM) {
            return new Random(RANDOM.nextLong());
        }
    }

    /** Sets the number of threads the kernels use. */
    public static void threads(int n) {
        Parallel.setThreads(n);
    }

    public static int threads() {
        return Parallel.threads();
    }

    /** Which kernels are in use, e.g. "Vector API, FloatVector 512-bit, 16 lanes". */
    public static String simd() {
        return Simd.description();
    }

    /** True unless inside a {@link #noGrad()} scope on this thread. */
    public static boolean isGradEnabled() {
        return GRAD_ENABLED.get()[0];
    }

    /** A scope in which ops record no graph (evaluation, optimizer updates). Close it to restore. */
    public static GradMode noGrad() {
        return new GradMode(false);
    }

    /** A scope that turns gradient recording back on inside a {@link #noGrad()} scope. */
    public static GradMode enableGrad() {
        return new GradMode(true);
    }

    /** A try-with-resources scope that sets gradient mode and restores the previous one on close. */
    public static final class GradMode implements AutoCloseable {
        private final boolean previous;
        private boolean closed;

        private GradMode(boolean enabled) {
            boolean[] flag = GRAD_ENABLED.get();
            previous = flag[0];
            flag[0] = enabled;
        }

        @Override
        public void close() {
            if (closed) return;
            closed = true;
            GRAD_ENABLED.get()[0] = previous;
        }
    }
}
