package org.lectern.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API twin of {@link ScalarGemmKernel}: the register-tiled micro-kernel of {@link Gemm}.
 * Loaded only through {@link Simd#load}, so the incubator classes are touched only when present.
 *
 * <p><b>Shape of the tile.</b> A tile of C is held in registers for the whole depth kc: MR rows × NV vectors.
 * Each step p loads NV vectors of B, broadcasts MR values of A and issues MR·NV fused multiply-adds, each
 * into its own accumulator. The accumulators must all fit in vector registers with room for the NV values
 * of B and one broadcast of A:
 * <ul>
 *   <li>AVX-512 (16 float lanes, 32 registers): 6 rows × 4 vectors = 24 accumulators + 4 + 1 = 29
 *       registers, a 6×64 tile. 24 independent FMA chains hide the 4-cycle FMA latency many times over,
 *       and each step does 24 FMAs for 4 vector loads and 6 broadcasts, so the loads never limit. Measured
 *       here in L1/L2: 6×64 ≈ 113 GFLOP/s per core, 12×32 ≈ 112, 8×48 ≈ 111, 8×32 ≈ 110 (peak ≈ 115);
 *       6×64 also wastes the least on matrix edges of sizes that are multiples of 64.</li>
 *   <li>Narrower vectors (AVX2 has only 16 registers): 6 rows × 2 vectors = 12 + 2 + 1 = 15 registers.</li>
 * </ul>
 *
 * <p><b>Code shape for C2.</b> The accumulators are plain locals, fully unrolled, so C2 keeps each in a
 * register; loads use {@code fromArray} on the constant species S and indices linear in p, so the range
 * checks are hoisted out of the loop; {@code fma} compiles to one vfmadd231ps. Every vector value lives
 * and dies inside one method: this method is too big for C2 to inline more into it, and a helper that
 * takes or returns a FloatVector without being inlined gets it boxed on the heap — the first version
 * stored the rows of the tile through such a helper and ran at 2 GFLOP/s instead of 110.
 * Loading C into the accumulators up front (when adding) keeps the stores a plain run of intoArray.
 */
final class VectorGemmKernel implements GemmKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    static final int MR = 6;

    /** Four vectors per row when there are 32 vector registers (AVX-512: 16 lanes), else two. */
    private final boolean wide;

    VectorGemmKernel() {
        this(L >= 16);
    }

    /** A kernel of the given width (the tests run the narrow one on AVX-512 machines too). */
    VectorGemmKernel(boolean wide) {
        this.wide = wide;
    }

    @Override
    public int mr() {
        return MR;
    }

    @Override
    public int nr() {
        return (wide ? 4 : 2) * L;
    }

    @Override
    public void multiply(int kc, float[] ap, int apOff, float[] bp, int bpOff, int ldb, float[] c, int cOff, int ldc,
                         boolean add) {
        if (wide) tile6x4(kc, ap, apOff, bp, bpOff, ldb, c, cOff, ldc, add);
        else tile6x2(kc, ap, apOff, bp, bpOff, ldb, c, cOff, ldc, add);
    }

    private static void tile6x4(int kc, float[] ap, int apOff, float[] bp, int bpOff, int ldb,
                                float[] c, int cOff, int ldc, boolean add) {
        // the tile starts as C (to add to it) or as zeros; rows r0..r5 of C
        int r0 = cOff, r1 = r0 + ldc, r2 = r1 + ldc, r3 = r2 + ldc, r4 = r3 + ldc, r5 = r4 + ldc;
        FloatVector c00 = add ? FloatVector.fromArray(S, c, r0) : FloatVector.zero(S);
        FloatVector c01 = add ? FloatVector.fromArray(S, c, r0 + L) : FloatVector.zero(S);
        FloatVector c02 = add ? FloatVector.fromArray(S, c, r0 + 2 * L) : FloatVector.zero(S);
        FloatVector c03 = add ? FloatVector.fromArray(S, c, r0 + 3 * L) : FloatVector.zero(S);
        FloatVector c10 = add ? FloatVector.fromArray(S, c, r1) : FloatVector.zero(S);
        FloatVector c11 = add ? FloatVector.fromArray(S, c, r1 + L) : FloatVector.zero(S);
        FloatVector c12 = add ? FloatVector.fromArray(S, c, r1 + 2 * L) : FloatVector.zero(S);
        FloatVector c13 = add ? FloatVector.fromArray(S, c, r1 + 3 * L) : FloatVector.zero(S);
        FloatVector c20 = add ? FloatVector.fromArray(S, c, r2) : FloatVector.zero(S);
        FloatVector c21 = add ? FloatVector.fromArray(S, c, r2 + L) : FloatVector.zero(S);
        FloatVector c22 = add ? FloatVector.fromArray(S, c, r2 + 2 * L) : FloatVector.zero(S);
        FloatVector c23 = add ? FloatVector.fromArray(S, c, r2 + 3 * L) : FloatVector.zero(S);
        FloatVector c30 = add ? FloatVector.fromArray(S, c, r3) : FloatVector.zero(S);
        FloatVector c31 = add ? FloatVector.fromArray(S, c, r3 + L) : FloatVector.zero(S);
        FloatVector c32 = add ? FloatVector.fromArray(S, c, r3 + 2 * L) : FloatVector.zero(S);
        FloatVector c33 = add ? FloatVector.fromArray(S, c, r3 + 3 * L) : FloatVector.zero(S);
        FloatVector c40 = add ? FloatVector.fromArray(S, c, r4) : FloatVector.zero(S);
        FloatVector c41 = add ? FloatVector.fromArray(S, c, r4 + L) : FloatVector.zero(S);
        FloatVector c42 = add ? FloatVector.fromArray(S, c, r4 + 2 * L) : FloatVector.zero(S);
        FloatVector c43 = add ? FloatVector.fromArray(S, c, r4 + 3 * L) : FloatVector.zero(S);
        FloatVector c50 = add ? FloatVector.fromArray(S, c, r5) : FloatVector.zero(S);
        FloatVector c51 = add ? FloatVector.fromArray(S, c, r5 + L) : FloatVector.zero(S);
        FloatVector c52 = add ? FloatVector.fromArray(S, c, r5 + 2 * L) : FloatVector.zero(S);
        FloatVector c53 = add ? FloatVector.fromArray(S, c, r5 + 3 * L) : FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int a = apOff + p * MR, b = bpOff + p * ldb;
            FloatVector b0 = FloatVector.fromArray(S, bp, b);
            FloatVector b1 = FloatVector.fromArray(S, bp, b + L);
            FloatVector b2 = FloatVector.fromArray(S, bp, b + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, bp, b + 3 * L);
            FloatVector a0 = FloatVector.broadcast(S, ap[a]);
            c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01); c02 = a0.fma(b2, c02); c03 = a0.fma(b3, c03);
            FloatVector a1 = FloatVector.broadcast(S, ap[a + 1]);
            c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11); c12 = a1.fma(b2, c12); c13 = a1.fma(b3, c13);
            FloatVector a2 = FloatVector.broadcast(S, ap[a + 2]);
            c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21); c22 = a2.fma(b2, c22); c23 = a2.fma(b3, c23);
            FloatVector a3 = FloatVector.broadcast(S, ap[a + 3]);
            c30 = a3.fma(b0, c30); c31 = a3.fma(b1, c31); c32 = a3.fma(b2, c32); c33 = a3.fma(b3, c33);
            FloatVector a4 = FloatVector.broadcast(S, ap[a + 4]);
            c40 = a4.fma(b0, c40); c41 = a4.fma(b1, c41); c42 = a4.fma(b2, c42); c43 = a4.fma(b3, c43);
            FloatVector a5 = FloatVector.broadcast(S, ap[a + 5]);
            c50 = a5.fma(b0, c50); c51 = a5.fma(b1, c51); c52 = a5.fma(b2, c52); c53 = a5.fma(b3, c53);
        }
        c00.intoArray(c, r0); c01.intoArray(c, r0 + L); c02.intoArray(c, r0 + 2 * L); c03.intoArray(c, r0 + 3 * L);
        c10.intoArray(c, r1); c11.intoArray(c, r1 + L); c12.intoArray(c, r1 + 2 * L); c13.intoArray(c, r1 + 3 * L);
        c20.intoArray(c, r2); c21.intoArray(c, r2 + L); c22.intoArray(c, r2 + 2 * L); c23.intoArray(c, r2 + 3 * L);
        c30.intoArray(c, r3); c31.intoArray(c, r3 + L); c32.intoArray(c, r3 + 2 * L); c33.intoArray(c, r3 + 3 * L);
        c40.intoArray(c, r4); c41.intoArray(c, r4 + L); c42.intoArray(c, r4 + 2 * L); c43.intoArray(c, r4 + 3 * L);
        c50.intoArray(c, r5); c51.intoArray(c, r5 + L); c52.intoArray(c, r5 + 2 * L); c53.intoArray(c, r5 + 3 * L);
    }

    private static void tile6x2(int kc, float[] ap, int apOff, float[] bp, int bpOff, int ldb,
                                float[] c, int cOff, int ldc, boolean add) {
        // the tile starts as C (to add to it) or as zeros; rows r0..r5 of C
        int r0 = cOff, r1 = r0 + ldc, r2 = r1 + ldc, r3 = r2 + ldc, r4 = r3 + ldc, r5 = r4 + ldc;
        FloatVector c00 = add ? FloatVector.fromArray(S, c, r0) : FloatVector.zero(S);
        FloatVector c01 = add ? FloatVector.fromArray(S, c, r0 + L) : FloatVector.zero(S);
        FloatVector c10 = add ? FloatVector.fromArray(S, c, r1) : FloatVector.zero(S);
        FloatVector c11 = add ? FloatVector.fromArray(S, c, r1 + L) : FloatVector.zero(S);
        FloatVector c20 = add ? FloatVector.fromArray(S, c, r2) : FloatVector.zero(S);
        FloatVector c21 = add ? FloatVector.fromArray(S, c, r2 + L) : FloatVector.zero(S);
        FloatVector c30 = add ? FloatVector.fromArray(S, c, r3) : FloatVector.zero(S);
        FloatVector c31 = add ? FloatVector.fromArray(S, c, r3 + L) : FloatVector.zero(S);
        FloatVector c40 = add ? FloatVector.fromArray(S, c, r4) : FloatVector.zero(S);
        FloatVector c41 = add ? FloatVector.fromArray(S, c, r4 + L) : FloatVector.zero(S);
        FloatVector c50 = add ? FloatVector.fromArray(S, c, r5) : FloatVector.zero(S);
        FloatVector c51 = add ? FloatVector.fromArray(S, c, r5 + L) : FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int a = apOff + p * MR, b = bpOff + p * ldb;
            FloatVector b0 = FloatVector.fromArray(S, bp, b);
            FloatVector b1 = FloatVector.fromArray(S, bp, b + L);
            FloatVector a0 = FloatVector.broadcast(S, ap[a]);
            c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, ap[a + 1]);
            c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, ap[a + 2]);
            c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, ap[a + 3]);
            c30 = a3.fma(b0, c30); c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, ap[a + 4]);
            c40 = a4.fma(b0, c40); c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, ap[a + 5]);
            c50 = a5.fma(b0, c50); c51 = a5.fma(b1, c51);
        }
        c00.intoArray(c, r0); c01.intoArray(c, r0 + L);
        c10.intoArray(c, r1); c11.intoArray(c, r1 + L);
        c20.intoArray(c, r2); c21.intoArray(c, r2 + L);
        c30.intoArray(c, r3); c31.intoArray(c, r3 + L);
        c40.intoArray(c, r4); c41.intoArray(c, r4 + L);
        c50.intoArray(c, r5); c51.intoArray(c, r5 + L);
    }

    /** The tiles again with B's rows at given offsets; a copy rather than a shared body so that each stays
     * one method that C2 compiles with its accumulators in registers (see the class comment). */
    @Override
    public void multiplyAt(int kc, float[] ap, int apOff, float[] bp, int bpOff, int[] rows, int rowsOff,
                           float[] c, int cOff, int ldc, boolean add) {
        if (wide) tile6x4At(kc, ap, apOff, bp, bpOff, rows, rowsOff, c, cOff, ldc, add);
        else tile6x2At(kc, ap, apOff, bp, bpOff, rows, rowsOff, c, cOff, ldc, add);
    }

    private static void tile6x4At(int kc, float[] ap, int apOff, float[] bp, int bpOff, int[] rows, int rowsOff,
                                  float[] c, int cOff, int ldc, boolean add) {
        // the tile starts as C (to add to it) or as zeros; rows r0..r5 of C
        int r0 = cOff, r1 = r0 + ldc, r2 = r1 + ldc, r3 = r2 + ldc, r4 = r3 + ldc, r5 = r4 + ldc;
        FloatVector c00 = add ? FloatVector.fromArray(S, c, r0) : FloatVector.zero(S);
        FloatVector c01 = add ? FloatVector.fromArray(S, c, r0 + L) : FloatVector.zero(S);
        FloatVector c02 = add ? FloatVector.fromArray(S, c, r0 + 2 * L) : FloatVector.zero(S);
        FloatVector c03 = add ? FloatVector.fromArray(S, c, r0 + 3 * L) : FloatVector.zero(S);
        FloatVector c10 = add ? FloatVector.fromArray(S, c, r1) : FloatVector.zero(S);
        FloatVector c11 = add ? FloatVector.fromArray(S, c, r1 + L) : FloatVector.zero(S);
        FloatVector c12 = add ? FloatVector.fromArray(S, c, r1 + 2 * L) : FloatVector.zero(S);
        FloatVector c13 = add ? FloatVector.fromArray(S, c, r1 + 3 * L) : FloatVector.zero(S);
        FloatVector c20 = add ? FloatVector.fromArray(S, c, r2) : FloatVector.zero(S);
        FloatVector c21 = add ? FloatVector.fromArray(S, c, r2 + L) : FloatVector.zero(S);
        FloatVector c22 = add ? FloatVector.fromArray(S, c, r2 + 2 * L) : FloatVector.zero(S);
        FloatVector c23 = add ? FloatVector.fromArray(S, c, r2 + 3 * L) : FloatVector.zero(S);
        FloatVector c30 = add ? FloatVector.fromArray(S, c, r3) : FloatVector.zero(S);
        FloatVector c31 = add ? FloatVector.fromArray(S, c, r3 + L) : FloatVector.zero(S);
        FloatVector c32 = add ? FloatVector.fromArray(S, c, r3 + 2 * L) : FloatVector.zero(S);
        FloatVector c33 = add ? FloatVector.fromArray(S, c, r3 + 3 * L) : FloatVector.zero(S);
        FloatVector c40 = add ? FloatVector.fromArray(S, c, r4) : FloatVector.zero(S);
        FloatVector c41 = add ? FloatVector.fromArray(S, c, r4 + L) : FloatVector.zero(S);
        FloatVector c42 = add ? FloatVector.fromArray(S, c, r4 + 2 * L) : FloatVector.zero(S);
        FloatVector c43 = add ? FloatVector.fromArray(S, c, r4 + 3 * L) : FloatVector.zero(S);
        FloatVector c50 = add ? FloatVector.fromArray(S, c, r5) : FloatVector.zero(S);
        FloatVector c51 = add ? FloatVector.fromArray(S, c, r5 + L) : FloatVector.zero(S);
        FloatVector c52 = add ? FloatVector.fromArray(S, c, r5 + 2 * L) : FloatVector.zero(S);
        FloatVector c53 = add ? FloatVector.fromArray(S, c, r5 + 3 * L) : FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int a = apOff + p * MR, b = bpOff + rows[rowsOff + p];
            FloatVector b0 = FloatVector.fromArray(S, bp, b);
            FloatVector b1 = FloatVector.fromArray(S, bp, b + L);
            FloatVector b2 = FloatVector.fromArray(S, bp, b + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, bp, b + 3 * L);
            FloatVector a0 = FloatVector.broadcast(S, ap[a]);
            c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01); c02 = a0.fma(b2, c02); c03 = a0.fma(b3, c03);
            FloatVector a1 = FloatVector.broadcast(S, ap[a + 1]);
            c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11); c12 = a1.fma(b2, c12); c13 = a1.fma(b3, c13);
            FloatVector a2 = FloatVector.broadcast(S, ap[a + 2]);
            c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21); c22 = a2.fma(b2, c22); c23 = a2.fma(b3, c23);
            FloatVector a3 = FloatVector.broadcast(S, ap[a + 3]);
            c30 = a3.fma(b0, c30); c31 = a3.fma(b1, c31); c32 = a3.fma(b2, c32); c33 = a3.fma(b3, c33);
            FloatVector a4 = FloatVector.broadcast(S, ap[a + 4]);
            c40 = a4.fma(b0, c40); c41 = a4.fma(b1, c41); c42 = a4.fma(b2, c42); c43 = a4.fma(b3, c43);
            FloatVector a5 = FloatVector.broadcast(S, ap[a + 5]);
            c50 = a5.fma(b0, c50); c51 = a5.fma(b1, c51); c52 = a5.fma(b2, c52); c53 = a5.fma(b3, c53);
        }
        c00.intoArray(c, r0); c01.intoArray(c, r0 + L); c02.intoArray(c, r0 + 2 * L); c03.intoArray(c, r0 + 3 * L);
        c10.intoArray(c, r1); c11.intoArray(c, r1 + L); c12.intoArray(c, r1 + 2 * L); c13.intoArray(c, r1 + 3 * L);
        c20.intoArray(c, r2); c21.intoArray(c, r2 + L); c22.intoArray(c, r2 + 2 * L); c23.intoArray(c, r2 + 3 * L);
        c30.intoArray(c, r3); c31.intoArray(c, r3 + L); c32.intoArray(c, r3 + 2 * L); c33.intoArray(c, r3 + 3 * L);
        c40.intoArray(c, r4); c41.intoArray(c, r4 + L); c42.intoArray(c, r4 + 2 * L); c43.intoArray(c, r4 + 3 * L);
        c50.intoArray(c, r5); c51.intoArray(c, r5 + L); c52.intoArray(c, r5 + 2 * L); c53.intoArray(c, r5 + 3 * L);
    }

    private static void tile6x2At(int kc, float[] ap, int apOff, float[] bp, int bpOff, int[] rows, int rowsOff,
                                  float[] c, int cOff, int ldc, boolean add) {
        // the tile starts as C (to add to it) or as zeros; rows r0..r5 of C
        int r0 = cOff, r1 = r0 + ldc, r2 = r1 + ldc, r3 = r2 + ldc, r4 = r3 + ldc, r5 = r4 + ldc;
        FloatVector c00 = add ? FloatVector.fromArray(S, c, r0) : FloatVector.zero(S);
        FloatVector c01 = add ? FloatVector.fromArray(S, c, r0 + L) : FloatVector.zero(S);
        FloatVector c10 = add ? FloatVector.fromArray(S, c, r1) : FloatVector.zero(S);
        FloatVector c11 = add ? FloatVector.fromArray(S, c, r1 + L) : FloatVector.zero(S);
        FloatVector c20 = add ? FloatVector.fromArray(S, c, r2) : FloatVector.zero(S);
        FloatVector c21 = add ? FloatVector.fromArray(S, c, r2 + L) : FloatVector.zero(S);
        FloatVector c30 = add ? FloatVector.fromArray(S, c, r3) : FloatVector.zero(S);
        FloatVector c31 = add ? FloatVector.fromArray(S, c, r3 + L) : FloatVector.zero(S);
        FloatVector c40 = add ? FloatVector.fromArray(S, c, r4) : FloatVector.zero(S);
        FloatVector c41 = add ? FloatVector.fromArray(S, c, r4 + L) : FloatVector.zero(S);
        FloatVector c50 = add ? FloatVector.fromArray(S, c, r5) : FloatVector.zero(S);
        FloatVector c51 = add ? FloatVector.fromArray(S, c, r5 + L) : FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int a = apOff + p * MR, b = bpOff + rows[rowsOff + p];
            FloatVector b0 = FloatVector.fromArray(S, bp, b);
            FloatVector b1 = FloatVector.fromArray(S, bp, b + L);
            FloatVector a0 = FloatVector.broadcast(S, ap[a]);
            c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, ap[a + 1]);
            c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, ap[a + 2]);
            c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, ap[a + 3]);
            c30 = a3.fma(b0, c30); c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, ap[a + 4]);
            c40 = a4.fma(b0, c40); c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, ap[a + 5]);
            c50 = a5.fma(b0, c50); c51 = a5.fma(b1, c51);
        }
        c00.intoArray(c, r0); c01.intoArray(c, r0 + L);
        c10.intoArray(c, r1); c11.intoArray(c, r1 + L);
        c20.intoArray(c, r2); c21.intoArray(c, r2 + L);
        c30.intoArray(c, r3); c31.intoArray(c, r3 + L);
        c40.intoArray(c, r4); c41.intoArray(c, r4 + L);
        c50.intoArray(c, r5); c51.intoArray(c, r5 + L);
    }
}
