package org.lectern.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Gemm against a double-precision reference: both micro-kernel twins, many shapes (edges, primes, k = 1,
 * more than one block in every direction), transposed operands, offsets, C += A·B, one and two threads.
 */
class GemmTest {

    /** A matrix view as sgemm takes it: rows × cols at data[off + i*rs + j*cs]. */
    record View(float[] data, int off, int rs, int cs, int rows, int cols) {
        float at(int i, int j) {
            return data[off + i * rs + j * cs];
        }

        /** Random values in [-1, 1), stored row-major or transposed, after a few unused leading floats. */
        static View random(int rows, int cols, boolean transposed, SplittableRandom rnd) {
            int off = 3;
            float[] d = new float[off + rows * cols + 5];
            for (int i = 0; i < d.length; i++) d[i] = (float) (rnd.nextDouble() * 2 - 1);
            return transposed ? new View(d, off, 1, rows, rows, cols) : new View(d, off, cols, 1, rows, cols);
        }
    }

    private static GemmKernel scalar() {
        return new ScalarGemmKernel();
    }

    private static GemmKernel vector() {
        assumeTrue(Simd.available(), "Vector API not enabled in this JVM");
        return Simd.load(GemmKernel.class, "org.lectern.kernels.VectorGemmKernel", null);
    }

    /** The 6×(2 vectors) tile that machines with 16 vector registers use, run here on any machine. */
    private static GemmKernel narrowVector() {
        assumeTrue(Simd.available(), "Vector API not enabled in this JVM");
        return new VectorGemmKernel(false);
    }

    private static GemmKernel twin(String name) {
        switch (name) {
            case "vector": return vector();
            case "narrow vector": return narrowVector();
            default: return scalar();
        }
    }

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(Runtime.getRuntime().availableProcessors());
    }

    // ---- the reference and the comparison ----

    /**
     * Multiplies in double and checks every entry of C (ldc wide, at cOff) against it. A float sum of k
     * products may be off by a few units in the last place of the sum of the magnitudes |a·b|; one product
     * missing or counted twice is off by far more, so the tolerance is 1e-5 of that magnitude.
     */
    static void assertProduct(View a, View b, float[] c0, float[] c, int cOff, int ldc, boolean accumulate) {
        int m = a.rows(), k = a.cols(), n = b.cols();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int at = cOff + i * ldc + j;
                double sum = accumulate ? c0[at] : 0, magnitude = Math.abs(sum);
                for (int p = 0; p < k; p++) {
                    double t = (double) a.at(i, p) * b.at(p, j);
                    sum += t;
                    magnitude += Math.abs(t);
                }
                double tol = 1e-5 * magnitude + 1e-30;
                if (Math.abs(c[at] - sum) > tol) {
                    throw new AssertionError(String.format("C[%d][%d] of %d×%d·%d×%d: got %s, want %s (tol %.3g)",
                            i, j, m, k, k, n, c[at], sum, tol));
                }
            }
        }
        // the floats around the m×n window of C must be untouched
        for (int at = 0; at < c.length; at++) {
            int r = (at - cOff) / ldc, col = (at - cOff) % ldc;
            boolean inside = at >= cOff && r < m && col < n;
            if (!inside) assertEquals(c0[at], c[at], "C outside the product was written at " + at);
        }
    }

    /** Runs one product with the given twin and thread count, C with ldc = n + 2 and offset 1. */
    static void check(GemmKernel kernel, int threads, int m, int n, int k, boolean aT, boolean bT,
                      boolean accumulate, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        View a = View.random(m, k, aT, rnd), b = View.random(k, n, bT, rnd);
        int ldc = n + 2, cOff = 1;
        float[] c0 = new float[cOff + m * ldc + 3];
        for (int i = 0; i < c0.length; i++) c0[i] = (float) rnd.nextDouble();
        float[] c = c0.clone();
        Gemm.sgemm(kernel, threads, m, n, k, a.data(), a.off(), a.rs(), a.cs(), b.data(), b.off(), b.rs(), b.cs(),
                c, cOff, ldc, accumulate);
        assertProduct(a, b, c0, c, cOff, ldc, accumulate);
    }

    // ---- shapes ----

    /** m, n, k: ones, primes, sizes just around the tile and block sizes, and more than one of each block. */
    static final int[][] SHAPES = {
            {1, 1, 1}, {1, 1, 7}, {3, 5, 1}, {1, 100, 100}, {100, 1, 100}, {100, 100, 1},
            {7, 13, 17}, {31, 33, 35}, {32, 32, 32}, {33, 33, 33}, {5, 300, 40}, {300, 5, 40},
            {6, 64, 256}, {12, 128, 64}, {7, 65, 257}, {65, 67, 129}, {97, 101, 103},
            {145, 130, 300}, {289, 150, 70}, {128, 128, 128}, {200, 9, 520}, {13, 2100, 5}, {9, 70, 800},
    };

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        long seed = 1;
        for (String twin : new String[] {"vector", "narrow vector", "scalar"}) {
            for (int[] s : SHAPES) {
                for (int layout = 0; layout < 4; layout++) { // A, B each plain or transposed
                    boolean aT = (layout & 1) != 0, bT = (layout & 2) != 0;
                    out.add(Arguments.of(twin, s[0], s[1], s[2], aT, bT, layout == 3, seed++));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}: {1}×{3} · {3}×{2}, aT={4} bT={5} acc={6}")
    @MethodSource("cases")
    void matchesDoubleReference(String twin, int m, int n, int k, boolean aT, boolean bT, boolean acc, long seed) {
        GemmKernel kernel = twin(twin);
        check(kernel, 1, m, n, k, aT, bT, acc, seed);
        check(kernel, 2, m, n, k, aT, bT, !acc, seed + 1000);
    }

    /** The direct-B path (row-major B read in place, only its last sliver copied) with every twin and shape. */
    @ParameterizedTest(name = "{0}: direct B")
    @MethodSource("twins")
    void directBMatchesDoubleReference(String twin) {
        GemmKernel kernel = twin(twin);
        long seed = 500;
        for (int[] s : SHAPES) {
            for (boolean aT : new boolean[] {false, true}) {
                int m = s[0], n = s[1], k = s[2];
                SplittableRandom rnd = new SplittableRandom(seed++);
                View a = View.random(m, k, aT, rnd), b = View.random(k, n, false, rnd);
                int ldc = n + 2, cOff = 1;
                float[] c0 = new float[cOff + m * ldc + 3];
                for (int i = 0; i < c0.length; i++) c0[i] = (float) rnd.nextDouble();
                float[] c = c0.clone();
                Gemm.directB(kernel, m, n, k, a.data(), a.off(), a.rs(), a.cs(), b.data(), b.off(), b.rs(), c, cOff, ldc, aT);
                assertProduct(a, b, c0, c, cOff, ldc, aT);
            }
        }
    }

    static Stream<String> twins() {
        return Stream.of("vector", "narrow vector", "scalar");
    }

    // ---- examples ----

    @Test
    void twoByTwoExample() {
        float[] a = {1, 2, 3, 4};   // [[1, 2], [3, 4]]
        float[] b = {5, 6, 7, 8};   // [[5, 6], [7, 8]]
        float[] c = new float[4];
        Gemm.sgemm(2, 2, 2, a, 0, 2, 1, b, 0, 2, 1, c, 0, 2, false);
        assertArrayEquals(new float[] {19, 22, 43, 50}, c);
        Gemm.sgemm(2, 2, 2, a, 0, 2, 1, b, 0, 2, 1, c, 0, 2, true); // C += A·B
        assertArrayEquals(new float[] {38, 44, 86, 100}, c);
        Gemm.sgemm(2, 2, 2, a, 0, 1, 2, b, 0, 2, 1, c, 0, 2, false); // Aᵀ·B via strides: [[1,3],[2,4]]·B
        assertArrayEquals(new float[] {26, 30, 38, 44}, c);
    }

    @Test
    void emptySumClearsOrKeepsC() {
        float[] c = {1, 2, 3, 4};
        Gemm.sgemm(2, 2, 0, new float[0], 0, 0, 1, new float[0], 0, 2, 1, c, 0, 2, true);
        assertArrayEquals(new float[] {1, 2, 3, 4}, c);
        Gemm.sgemm(2, 2, 0, new float[0], 0, 0, 1, new float[0], 0, 2, 1, c, 0, 2, false);
        assertArrayEquals(new float[4], c);
        Gemm.sgemm(0, 2, 3, new float[0], 0, 3, 1, new float[6], 0, 2, 1, c, 0, 2, false); // m = 0: nothing
        assertArrayEquals(new float[4], c);
        assertThrows(IllegalArgumentException.class,
                () -> Gemm.sgemm(-1, 2, 2, new float[4], 0, 2, 1, new float[4], 0, 2, 1, c, 0, 2, false));
    }

    @Test
    void publicEntryUsesThePoolSize() {
        for (int threads = 1; threads <= 2; threads++) {
            Parallel.setThreads(threads);
            SplittableRandom rnd = new SplittableRandom(threads);
            int m = 257, n = 211, k = 400; // above Gemm.WORK_PER_THREAD, so two threads really split it
            View a = View.random(m, k, false, rnd), b = View.random(k, n, true, rnd);
            float[] c0 = new float[m * n], c = new float[m * n];
            Gemm.sgemm(m, n, k, a.data(), a.off(), a.rs(), a.cs(), b.data(), b.off(), b.rs(), b.cs(), c, 0, n, false);
            assertProduct(a, b, c0, c, 0, n, false);
        }
    }

    @Test
    void twinsAgreeOnOneTile() {
        GemmKernel v = vector(), nv = narrowVector(), s = scalar();
        SplittableRandom rnd = new SplittableRandom(7);
        int kc = 37;
        for (GemmKernel kernel : new GemmKernel[] {v, nv, s}) {
            int mr = kernel.mr(), nr = kernel.nr();
            View ap = View.random(kc, mr, false, rnd), bp = View.random(kc, nr, false, rnd);
            float[] c0 = new float[mr * nr];
            for (int i = 0; i < c0.length; i++) c0[i] = i;
            for (boolean add : new boolean[] {false, true}) {
                float[] c = c0.clone();
                kernel.multiply(kc, ap.data(), ap.off(), bp.data(), bp.off(), nr, c, 0, nr, add);
                // the packed A sliver is A transposed: A[i][p] = ap[p*mr + i]
                View a = new View(ap.data(), ap.off(), 1, mr, mr, kc);
                assertProduct(a, bp, c0, c, 0, nr, add);
            }
        }
    }

    @Test
    void checkerCatchesAMissingTerm() {
        SplittableRandom rnd = new SplittableRandom(3);
        View a = View.random(4, 50, false, rnd), b = View.random(50, 4, false, rnd);
        float[] c = new float[16];
        Gemm.sgemm(4, 4, 50, a.data(), a.off(), a.rs(), a.cs(), b.data(), b.off(), b.rs(), b.cs(), c, 0, 4, false);
        c[5] -= a.at(1, 49) * b.at(49, 1); // drop one product from one entry
        assertThrows(AssertionError.class, () -> assertProduct(a, b, new float[16], c, 0, 4, false));
    }

    /**
     * sgemmAt: A packed once, B's rows at arbitrary (overlapping) offsets of one array, whole tiles written
     * into a C with room for them; the m × n corner must be the product.
     */
    @ParameterizedTest
    @MethodSource("twins")
    void sgemmAtReadsTheRowsOfBAtTheirOffsets(String name) {
        GemmKernel kernel = twin(name);
        SplittableRandom rnd = new SplittableRandom(5);
        for (int[] s : new int[][] {{1, 1, 1}, {6, 896, 25}, {16, 140, 150}, {6, 252, 400}, {7, 65, 3}, {13, 200, 31}}) {
            int m = s[0], n = s[1], k = s[2];
            int mr = kernel.mr(), nr = kernel.nr(), ldc = Gemm.roundUp(n, nr) + 3;
            View a = View.random(m, k, rnd.nextBoolean(), rnd);
            float[] b = new float[4 * k + Gemm.roundUp(n, nr) + 7];
            for (int i = 0; i < b.length; i++) b[i] = (float) (rnd.nextDouble() * 2 - 1);
            int[] rows = new int[k];
            for (int p = 0; p < k; p++) rows[p] = rnd.nextInt(4 * k + 1);
            float[] ap = Gemm.packA(kernel, m, k, a.data(), a.off(), a.rs(), a.cs());
            float[] c = new float[2 + Gemm.roundUp(m, mr) * ldc];
            Gemm.sgemmAt(kernel, m, n, k, ap, b, 7, rows, c, 2, ldc);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double want = 0;
                    for (int p = 0; p < k; p++) want += (double) a.at(i, p) * b[7 + rows[p] + j];
                    assertEquals(want, c[2 + i * ldc + j], 1e-5 * Math.max(1, k), name + " " + m + "×" + n + "×" + k + " at " + i + "," + j);
                }
            }
        }
    }

    /**
     * sgemmAddTo: each row of A·B added to C at its own offset, rows overlapping (one float apart, as
     * neighbouring kernel taps) and m not a multiple of the tile height.
     */
    @ParameterizedTest
    @MethodSource("twins")
    void sgemmAddToAddsEveryRowAtItsOffset(String name) {
        GemmKernel kernel = twin(name);
        SplittableRandom rnd = new SplittableRandom(6);
        for (int[] s : new int[][] {{1, 1, 1}, {150, 140, 16}, {25, 896, 6}, {7, 65, 3}, {13, 200, 31}}) {
            int m = s[0], n = s[1], k = s[2];
            int nr = kernel.nr(), ldb = Gemm.roundUp(n, nr) + 1;
            View a = View.random(m, k, rnd.nextBoolean(), rnd);
            float[] b = new float[3 + k * ldb];
            for (int p = 0; p < k; p++) {
                for (int j = 0; j < n; j++) b[3 + p * ldb + j] = (float) (rnd.nextDouble() * 2 - 1);
            }
            int[] rows = new int[m];
            for (int i = 0; i < m; i++) rows[i] = rnd.nextBoolean() ? i : rnd.nextInt(3 * m + 1);
            float[] c = new float[1 + 3 * m + Gemm.roundUp(n, nr) + 1];
            for (int i = 0; i < c.length; i++) c[i] = (float) (rnd.nextDouble() * 2 - 1);
            double[] want = new double[c.length];
            for (int i = 0; i < c.length; i++) want[i] = c[i];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double sum = 0;
                    for (int p = 0; p < k; p++) sum += (double) a.at(i, p) * b[3 + p * ldb + j];
                    want[1 + rows[i] + j] += sum;
                }
            }
            float[] ap = Gemm.packA(kernel, m, k, a.data(), a.off(), a.rs(), a.cs());
            Gemm.sgemmAddTo(kernel, m, n, k, ap, b, 3, ldb, c, 1, rows);
            for (int i = 0; i < c.length; i++) {
                assertEquals(want[i], c[i], 1e-5 * Math.max(1, k) * Math.max(1, m / 8), name + " " + m + "×" + n + "×" + k + " at " + i);
            }
        }
    }
}
