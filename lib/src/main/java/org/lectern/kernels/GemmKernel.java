package org.lectern.kernels;

/**
 * The innermost piece of {@link Gemm}: the micro-kernel that multiplies one packed sliver of A by one packed
 * sliver of B into an MR×NR tile of C. Everything else (packing, blocking, threads) lives in {@link Gemm}
 * and is the same for both twins: {@link ScalarGemmKernel} (plain Java) and {@code VectorGemmKernel}
 * (Vector API, loaded through {@link Simd#load}).
 *
 * <p>Packed layouts, with kc the depth of the current block:
 * <ul>
 *   <li>A sliver: kc columns of MR values each, {@code ap[apOff + p*MR + i] = A[i][p]};</li>
 *   <li>B sliver: kc rows of NR values each, {@code bp[bpOff + p*ldb + j] = B[p][j]}: ldb = NR when
 *       packed; a row-major B that is small enough to stay in cache is read in place with its own row
 *       stride instead (see {@code Gemm.direct B} path).</li>
 * </ul>
 * So each step p of the kernel reads MR consecutive values of A and NR consecutive values of B: an outer
 * product added to the tile. The packer pads slivers at the matrix edges with zeros, so the kernel always
 * computes a whole tile.
 */
interface GemmKernel {

    /** Rows of the tile (height of an A sliver). */
    int mr();

    /** Columns of the tile (width of a B sliver). */
    int nr();

    /**
     * C[i][j] = (add ? C[i][j] : 0) + sum over p &lt; kc of A[i][p]·B[p][j], for the whole MR×NR tile at
     * {@code c[cOff + i*ldc + j]}, with B[p][j] at {@code bp[bpOff + p*ldb + j]}.
     */
    void multiply(int kc, float[] ap, int apOff, float[] bp, int bpOff, int ldb, float[] c, int cOff, int ldc, boolean add);

    /**
     * The same tile product with row p of B at {@code bp[bpOff + rows[rowsOff + p]]}: NR consecutive floats
     * anywhere. A stride-1 convolution multiplies its weights by shifted views of one padded image this way,
     * one row per kernel tap, instead of copying them out into an im2col matrix (see {@link DirectConv}).
     */
    void multiplyAt(int kc, float[] ap, int apOff, float[] bp, int bpOff, int[] rows, int rowsOff,
                    float[] c, int cOff, int ldc, boolean add);
}
