package org.lectern.kernels;

/**
 * The elementwise and reduction loops under every tensor op. Two twins implement it with the same
 * results: {@link ScalarFloatKernels} (plain Java) and {@code VectorFloatKernels} (Vector API).
 *
 * <p>Operands are runs of {@code n} floats at an offset. An increment {@code inc} is 1 for a run or 0 for
 * one value repeated (a broadcast scalar); the tensor code arranges every broadcast into such runs.
 */
public interface FloatKernels {

    /** out[i] = op(a[aOff + i*aInc], b[bOff + i*bInc]) for i &lt; n. */
    void binary(BinaryOp op, float[] a, int aOff, int aInc, float[] b, int bOff, int bInc,
                float[] out, int outOff, int n);

    /** out[i] = op(a[aOff + i], p) for i &lt; n. */
    void unary(UnaryOp op, float p, float[] a, int aOff, float[] out, int outOff, int n);

    /** out[i] = cond[..] != 0 ? a[..] : b[..], with increments as in {@link #binary}. */
    void where(float[] cond, int cOff, int cInc, float[] a, int aOff, int aInc, float[] b, int bOff, int bInc,
               float[] out, int outOff, int n);

    /** Folds a[off .. off+n) with op. */
    float reduce(ReduceOp op, float[] a, int off, int n);

    /**
     * Folds the rows of a rows × width block: out[outOff + j] = op over r of a[off + r*width + j].
     * This is a reduction over an axis that is not the last one, done as whole-row updates.
     */
    void reduceRows(ReduceOp op, float[] a, int off, int rows, int width, float[] out, int outOff);

    /** Sum of x[i]*y[i]. */
    float dot(float[] x, int xOff, float[] y, int yOff, int n);

    /** y[i] += alpha * x[i]. */
    void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n);

    /**
     * Dot products of rows: c[cOff + i*ldc + j] = (add ? c[..] : 0) + Σ_{p<k} a[aOff + i*lda + p]·b[bOff + j*ldb + p]
     * for i &lt; m, j &lt; n. This is C = A·Bᵀ for two row-major matrices whose shared dimension is their rows
     * (the weight gradient of a convolution, dY·colsᵀ), with no transposing copy.
     */
    void dotRows(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                 float[] c, int cOff, int ldc, boolean add);

    /**
     * The same dot products with the rows of B anywhere: c[cOff + i*ldc + j] = (add ? c[..] : 0)
     * + Σ_{p<k} a[aOff + i*lda + p]·b[bRows[j] + p]. A stride-1 convolution's weight gradient reads every
     * kernel tap's input this way, as a shifted view of one padded image (see {@link DirectConv}).
     */
    void dotRowsAt(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int[] bRows,
                   float[] c, int cOff, int ldc, boolean add);

    /**
     * Gathers rows into one contiguous block, adding a constant: dst[dstOff + r*width + j] =
     * src[srcOff + r*ldSrc + j] + add for r &lt; rows, j &lt; width. The valid part of a wide convolution
     * result, bias included, into its [oh, ow] output plane (see {@link DirectConv#unpad}). Rows are short
     * (LeNet: 28, 14 and 10 floats), so the vector twin stores whole vectors past a row's end, into the rows
     * after it, which it writes next; nothing is written outside the block.
     */
    void copyRows(int rows, int width, float[] src, int srcOff, int ldSrc, float add, float[] dst, int dstOff);

    /** As {@link #copyRows}, then relu: dst = max(src + add, 0), as the relu op of this twin computes it. */
    void copyRowsRelu(int rows, int width, float[] src, int srcOff, int ldSrc, float add, float[] dst, int dstOff);

    /** out[i] = x[xOff + i] &gt; 0 ? g[gOff + i] : 0, the gradient of relu. */
    void reluBackward(float[] g, int gOff, float[] x, int xOff, float[] out, int outOff, int n);
}
