package org.lectern.kernels;

/**
 * Plain-Java twin of {@code VectorGemmKernel}: the same tile product written as loops, used when the
 * Vector API is absent and as the reference the vector kernel is tested against.
 *
 * <p>The tile is 4×16 and is accumulated in C itself (which sits in L1 while the tile is worked on). The
 * innermost loop runs over the 16 columns with constant bounds, which C2 turns into SIMD code by itself;
 * it needs no accumulator array, so nothing is allocated per tile.
 */
final class ScalarGemmKernel implements GemmKernel {
    static final int MR = 4;
    static final int NR = 16;

    @Override
    public int mr() {
        return MR;
    }

    @Override
    public int nr() {
        return NR;
    }

    @Override
    public void multiply(int kc, float[] ap, int apOff, float[] bp, int bpOff, int ldb, float[] c, int cOff, int ldc,
                         boolean add) {
        if (!add) {
            for (int i = 0; i < MR; i++) {
                for (int j = 0; j < NR; j++) c[cOff + i * ldc + j] = 0f;
            }
        }
        for (int p = 0; p < kc; p++) {
            int a = apOff + p * MR, b = bpOff + p * ldb;
            for (int i = 0; i < MR; i++) {
                float aip = ap[a + i];
                int row = cOff + i * ldc;
                for (int j = 0; j < NR; j++) c[row + j] += aip * bp[b + j];
            }
        }
    }

    @Override
    public void multiplyAt(int kc, float[] ap, int apOff, float[] bp, int bpOff, int[] rows, int rowsOff,
                           float[] c, int cOff, int ldc, boolean add) {
        if (!add) {
            for (int i = 0; i < MR; i++) {
                for (int j = 0; j < NR; j++) c[cOff + i * ldc + j] = 0f;
            }
        }
        for (int p = 0; p < kc; p++) {
            int a = apOff + p * MR, b = bpOff + rows[rowsOff + p];
            for (int i = 0; i < MR; i++) {
                float aip = ap[a + i];
                int row = cOff + i * ldc;
                for (int j = 0; j < NR; j++) c[row + j] += aip * bp[b + j];
            }
        }
    }
}
