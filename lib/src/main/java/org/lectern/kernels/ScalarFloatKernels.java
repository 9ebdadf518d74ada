package org.lectern.kernels;

/** Plain-Java twin of the Vector API kernels: the reference the vector loops are tested against. */
public final class ScalarFloatKernels implements FloatKernels {

    @Override
    public void binary(BinaryOp op, float[] a, int aOff, int aInc, float[] b, int bOff, int bInc,
                       float[] out, int outOff, int n) {
        switch (op) { // the common ops get their own loops so the JIT can unroll and auto-vectorize them
            case ADD:
                if (aInc == 1 && bInc == 1) { for (int i = 0; i < n; i++) out[outOff + i] = a[aOff + i] + b[bOff + i]; return; }
                break;
            case MUL:
                if (aInc == 1 && bInc == 1) { for (int i = 0; i < n; i++) out[outOff + i] = a[aOff + i] * b[bOff + i]; return; }
                break;
            default:
                break;
        }
        for (int i = 0; i < n; i++) out[outOff + i] = op.apply(a[aOff + i * aInc], b[bOff + i * bInc]);
    }

    @Override
    public void unary(UnaryOp op, float p, float[] a, int aOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = op.apply(a[aOff + i], p);
    }

    @Override
    public void where(float[] cond, int cOff, int cInc, float[] a, int aOff, int aInc, float[] b, int bOff, int bInc,
                      float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = cond[cOff + i * cInc] != 0f ? a[aOff + i * aInc] : b[bOff + i * bInc];
        }
    }

    @Override
    public float reduce(ReduceOp op, float[] a, int off, int n) {
        if (op == ReduceOp.SUM) { // double accumulator: the plain loop should not lose to the vector one in accuracy
            double s = 0;
            for (int i = 0; i < n; i++) s += a[off + i];
            return (float) s;
        }
        float acc = op.identity;
        for (int i = 0; i < n; i++) acc = op.combine(acc, a[off + i]);
        return acc;
    }

    @Override
    public void reduceRows(ReduceOp op, float[] a, int off, int rows, int width, float[] out, int outOff) {
        java.util.Arrays.fill(out, outOff, outOff + width, op.identity);
        for (int r = 0; r < rows; r++) {
            int base = off + r * width;
            for (int j = 0; j < width; j++) out[outOff + j] = op.combine(out[outOff + j], a[base + j]);
        }
    }

    @Override
    public float dot(float[] x, int xOff, float[] y, int yOff, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) s += x[xOff + i] * y[yOff + i];
        return (float) s;
    }

    @Override
    public void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) y[yOff + i] += alpha * x[xOff + i];
    }

    @Override
    public void dotRows(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                        float[] c, int cOff, int ldc, boolean add) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int ai = aOff + i * lda, bj = bOff + j * ldb;
                float s = 0f;
                for (int p = 0; p < k; p++) s += a[ai + p] * b[bj + p];
                int at = cOff + i * ldc + j;
                c[at] = add ? c[at] + s : s;
            }
        }
    }

    @Override
    public void dotRowsAt(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int[] bRows,
                          float[] c, int cOff, int ldc, boolean add) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int ai = aOff + i * lda, bj = bRows[j];
                float s = 0f;
                for (int p = 0; p < k; p++) s += a[ai + p] * b[bj + p];
                int at = cOff + i * ldc + j;
                c[at] = add ? c[at] + s : s;
            }
        }
    }

    @Override
    public void reluBackward(float[] g, int gOff, float[] x, int xOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = x[xOff + i] > 0f ? g[gOff + i] : 0f;
    }

    @Override
    public void copyRows(int rows, int width, float[] src, int srcOff, int ldSrc, float add, float[] dst, int dstOff) {
        for (int r = 0; r < rows; r++) {
            int s = srcOff + r * ldSrc, d = dstOff + r * width;
            for (int j = 0; j < width; j++) dst[d + j] = src[s + j] + add;
        }
    }

    @Override
    public void copyRowsRelu(int rows, int width, float[] src, int srcOff, int ldSrc, float add, float[] dst, int dstOff) {
        for (int r = 0; r < rows; r++) {
            int s = srcOff + r * ldSrc, d = dstOff + r * width;
            for (int j = 0; j < width; j++) dst[d + j] = UnaryOp.RELU.apply(src[s + j] + add, 0f);
        }
    }
}
