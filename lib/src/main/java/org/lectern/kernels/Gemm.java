package org.lectern.kernels;

/**
 * Single-precision matrix multiply: C = A·B (or C += A·B).
 *
 * <p>A is m×k and B is k×n, each given by an offset and a row and a column stride, so transposed and
 * sliced views multiply without copies; C is m×n, row-major with leading dimension ldc.
 * PLACEHOLDER: a plain triple loop until the blocked kernel lands.
 */
public final class Gemm {
    private Gemm() {}

    public static void sgemm(int m, int n, int k,
                             float[] a, int aOff, int aRowStride, int aColStride,
                             float[] b, int bOff, int bRowStride, int bColStride,
                             float[] c, int cOff, int ldc, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = accumulate ? c[cOff + i * ldc + j] : 0f;
                for (int p = 0; p < k; p++) {
                    s += a[aOff + i * aRowStride + p * aColStride] * b[bOff + p * bRowStride + j * bColStride];
                }
                c[cOff + i * ldc + j] = s;
            }
        }
    }
}
