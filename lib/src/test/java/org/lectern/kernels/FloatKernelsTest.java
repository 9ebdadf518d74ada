package org.lectern.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Vector API loops give the plain-Java results, for every op, run length (tails too) and increment. */
class FloatKernelsTest {
    private static final FloatKernels PLAIN = new ScalarFloatKernels();
    private static final FloatKernels VECTOR = new VectorFloatKernels();
    private static final int[] LENGTHS = {0, 1, 7, 15, 16, 17, 31, 64, 100, 1000};

    @Test
    void theVectorApiIsOnInTheseTests() {
        assertTrue(Simd.available(), "surefire runs lib tests with " + Simd.FLAG);
        assertEquals(VectorFloatKernels.class, Kernels.floats().getClass());
    }

    private static float[] random(int n, long seed, float lo, float hi) {
        Random r = new Random(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = lo + (hi - lo) * r.nextFloat();
        return a;
    }

    private static void assertClose(float[] expected, float[] actual, float rel, String what) {
        for (int i = 0; i < expected.length; i++) {
            float e = expected[i], a = actual[i];
            if (e == a) continue; // also equal infinities
            if (Float.isNaN(e)) {
                assertTrue(Float.isNaN(a), what + " at " + i + ": expected NaN, got " + a);
                continue;
            }
            assertTrue(Math.abs(e - a) <= rel * Math.max(1f, Math.abs(e)), what + " at " + i + ": expected " + e + ", got " + a);
        }
    }

    @ParameterizedTest
    @EnumSource(BinaryOp.class)
    void binaryOpsMatchForRunsAndBroadcastScalars(BinaryOp op) {
        for (int n : LENGTHS) {
            float[] a = random(n + 3, 1, 0.1f, 3f), b = random(n + 5, 2, 0.1f, 3f);
            if (n > 4) b[4] = a[2 + 4]; // an equal pair, so EQ/LE/GE see a tie
            for (int aInc = 0; aInc <= 1; aInc++) {
                for (int bInc = 0; bInc <= 1; bInc++) {
                    float[] want = new float[n + 1], got = new float[n + 1];
                    PLAIN.binary(op, a, 2, aInc, b, 0, bInc, want, 1, n);
                    VECTOR.binary(op, a, 2, aInc, b, 0, bInc, got, 1, n);
                    assertClose(want, got, 1e-6f, op + " n=" + n + " incs=" + aInc + "," + bInc);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    void unaryOpsMatch(UnaryOp op) {
        boolean positiveOnly = op == UnaryOp.LOG || op == UnaryOp.SQRT || op == UnaryOp.POW_SCALAR;
        for (int n : LENGTHS) {
            float[] a = random(n + 2, 3, positiveOnly ? 0.01f : -5f, 5f);
            for (float p : new float[] {0.5f, 2f, -0.3f}) {
                float[] want = new float[n], got = new float[n];
                PLAIN.unary(op, p, a, 2, want, 0, n);
                VECTOR.unary(op, p, a, 2, got, 0, n);
                assertClose(want, got, 2e-6f, op + " p=" + p + " n=" + n); // EXP/LOG/TANH: vector math is within a few ulps
            }
        }
    }

    @Test
    void whereMatches() {
        for (int n : LENGTHS) {
            float[] c = random(n, 4, -1f, 1f), a = random(n, 5, -1f, 1f), b = random(n, 6, -1f, 1f);
            for (int i = 0; i < n; i += 3) c[i] = 0f;
            for (int inc = 0; inc <= 1; inc++) {
                float[] want = new float[n], got = new float[n];
                PLAIN.where(c, 0, 1, a, 0, inc, b, 0, 1, want, 0, n);
                VECTOR.where(c, 0, 1, a, 0, inc, b, 0, 1, got, 0, n);
                assertClose(want, got, 0f, "where n=" + n);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ReduceOp.class)
    void reductionsMatch(ReduceOp op) {
        for (int n : LENGTHS) {
            float[] a = random(n + 1, 7, -2f, 2f);
            assertClose(new float[] {PLAIN.reduce(op, a, 1, n)}, new float[] {VECTOR.reduce(op, a, 1, n)}, 1e-5f, op + " n=" + n);
            int rows = 3;
            float[] block = random(rows * n + 1, 8, -2f, 2f);
            float[] want = new float[n], got = new float[n];
            PLAIN.reduceRows(op, block, 1, rows, n, want, 0);
            VECTOR.reduceRows(op, block, 1, rows, n, got, 0);
            assertClose(want, got, 1e-6f, op + " rows, width=" + n);
        }
    }

    @Test
    void maxAndMinPropagateNaNLikeTheScalarDefinition() {
        float[] a = random(40, 9, -1f, 1f);
        a[33] = Float.NaN;
        assertTrue(Float.isNaN(VECTOR.reduce(ReduceOp.MAX, a, 0, 40)));
        assertTrue(Float.isNaN(PLAIN.reduce(ReduceOp.MIN, a, 0, 40)));
    }

    @Test
    void dotAndAxpyMatch() {
        for (int n : LENGTHS) {
            float[] x = random(n, 10, -1f, 1f), y = random(n, 11, -1f, 1f);
            assertClose(new float[] {PLAIN.dot(x, 0, y, 0, n)}, new float[] {VECTOR.dot(x, 0, y, 0, n)}, 1e-5f, "dot n=" + n);
            float[] y1 = y.clone(), y2 = y.clone();
            PLAIN.axpy(0.7f, x, 0, y1, 0, n);
            VECTOR.axpy(0.7f, x, 0, y2, 0, n);
            assertClose(y1, y2, 1e-6f, "axpy n=" + n);
        }
    }

    @Test
    void erfIsAccurate() {
        // reference values of erf from tables (Abramowitz & Stegun 7.1)
        assertEquals(0.0, Erf.erf(0), 1e-7);
        assertEquals(0.5204998778, Erf.erf(0.5), 2e-7);
        assertEquals(0.8427007929, Erf.erf(1), 2e-7);
        assertEquals(0.9953222650, Erf.erf(2), 2e-7);
        assertEquals(-0.8427007929, Erf.erf(-1), 2e-7);
        // far tail: erfc(4) = 1.541725790e-8, relative accuracy kept
        assertEquals(1.541725790e-8, Erf.erfc(4), 1.541725790e-8 * 1.2e-6);
    }

    @Test
    void dotRowsMatchesADoubleReferenceInBothTwins() {
        // shapes around the 2×4 tile and the vector length, with leading dimensions wider than the depth
        int[][] shapes = {{1, 1, 1}, {2, 4, 16}, {3, 5, 17}, {6, 25, 784}, {16, 150, 100}, {5, 7, 33}, {2, 9, 0}};
        long seed = 11;
        for (int[] s : shapes) {
            int m = s[0], n = s[1], k = s[2], lda = k + 3, ldb = k + 1, ldc = n + 2;
            float[] a = random(2 + m * lda, seed++, -1f, 1f), b = random(1 + n * ldb, seed++, -1f, 1f);
            float[] c0 = random(m * ldc, seed++, -1f, 1f);
            for (boolean add : new boolean[] {false, true}) {
                float[] want = new float[c0.length];
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < ldc; j++) {
                        double sum = add || j >= n ? c0[i * ldc + j] : 0;
                        for (int p = 0; p < k && j < n; p++) sum += (double) a[2 + i * lda + p] * b[1 + j * ldb + p];
                        want[i * ldc + j] = (float) sum;
                    }
                }
                for (FloatKernels twin : new FloatKernels[] {PLAIN, VECTOR}) {
                    float[] got = c0.clone();
                    twin.dotRows(m, n, k, a, 2, lda, b, 1, ldb, got, 0, ldc, add);
                    assertClose(want, got, 2e-5f * Math.max(1, k / 16), twin.getClass().getSimpleName() + " " + m + "×" + n + "×" + k + " add=" + add);
                }
            }
        }
    }

    @Test
    void reluBackwardPassesTheGradientWhereTheInputIsPositive() {
        for (int n : LENGTHS) {
            float[] x = random(n + 2, 5, -1f, 1f), g = random(n + 1, 6, -3f, 3f);
            if (n > 3) x[2 + 3] = 0f; // relu'(0) = 0, as PyTorch
            float[] want = new float[n], got = new float[n];
            for (int i = 0; i < n; i++) want[i] = x[2 + i] > 0f ? g[1 + i] : 0f;
            PLAIN.reluBackward(g, 1, x, 2, got, 0, n);
            assertClose(want, got, 0f, "plain n=" + n);
            VECTOR.reluBackward(g, 1, x, 2, got, 0, n);
            assertClose(want, got, 0f, "vector n=" + n);
        }
    }

    @Test
    void dotRowsAtReadsTheRowsOfBAtTheirOffsetsInBothTwins() {
        // overlapping rows of B (shifted views of one array, as a convolution's taps), around the 2×4 tile
        int[][] shapes = {{1, 1, 1}, {2, 4, 16}, {3, 5, 17}, {6, 25, 900}, {16, 150, 140}, {5, 7, 33}, {2, 9, 0}};
        long seed = 21;
        for (int[] s : shapes) {
            int m = s[0], n = s[1], k = s[2], lda = k + 3, ldc = n + 2;
            float[] a = random(2 + m * lda, seed++, -1f, 1f), b = random(3 * n + k + 8, seed++, -1f, 1f);
            int[] rows = new int[n];
            Random r = new Random(seed++);
            for (int j = 0; j < n; j++) rows[j] = r.nextInt(3 * n + 8);
            float[] c0 = random(m * ldc, seed++, -1f, 1f);
            for (boolean add : new boolean[] {false, true}) {
                float[] want = new float[c0.length];
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < ldc; j++) {
                        double sum = add || j >= n ? c0[i * ldc + j] : 0;
                        for (int p = 0; p < k && j < n; p++) sum += (double) a[2 + i * lda + p] * b[rows[j] + p];
                        want[i * ldc + j] = (float) sum;
                    }
                }
                for (FloatKernels twin : new FloatKernels[] {PLAIN, VECTOR}) {
                    float[] got = c0.clone();
                    twin.dotRowsAt(m, n, k, a, 2, lda, b, rows, got, 0, ldc, add);
                    assertClose(want, got, 2e-5f * Math.max(1, k / 16), twin.getClass().getSimpleName() + " " + m + "×" + n + "×" + k + " add=" + add);
                }
            }
        }
    }

    @Test
    void copyRowsGathersRowsIntoABlockAndWritesNothingOutside() {
        for (int[] s : new int[][] {{1, 1}, {28, 28}, {10, 10}, {14, 14}, {3, 40}, {5, 3}, {2, 17}}) {
            int rows = s[0], width = s[1], ld = width + 7;
            float[] src = random(3 + rows * ld, 31, -1f, 1f);
            for (float add : new float[] {0.5f, -0f}) {
                float[] want = random(rows * width + 40, 32, -1f, 1f);
                for (int r = 0; r < rows; r++) {
                    for (int j = 0; j < width; j++) want[5 + r * width + j] = src[3 + r * ld + j] + add;
                }
                for (FloatKernels twin : new FloatKernels[] {PLAIN, VECTOR}) {
                    float[] got = random(rows * width + 40, 32, -1f, 1f);
                    twin.copyRows(rows, width, src, 3, ld, add, got, 5);
                    assertClose(want, got, 0f, twin.getClass().getSimpleName() + " " + rows + "×" + width);
                }
            }
        }
    }
}
