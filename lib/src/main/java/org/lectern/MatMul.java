package org.lectern;

import org.lectern.kernels.Gemm;

/**
 * Matrix products with PyTorch's rules (dot, matrix-vector, batched with broadcasting). Every product ends
 * in {@link Gemm}, which reads operands through strides, so transposed views multiply without copies.
 */
final class MatMul {
    private MatMul() {}

    static Tensor matmul(Tensor a, Tensor b) {
        if (a.dim() == 0 || b.dim() == 0) {
            throw new IllegalArgumentException("matmul: both arguments need at least 1 dimension, got shapes "
                    + Shapes.str(a.shape) + " and " + Shapes.str(b.shape) + " (use mul for scalars)");
        }
        int ka = a.shape[a.dim() - 1], kb = b.shape[b.dim() == 1 ? 0 : b.dim() - 2];
        if (ka != kb) {
            throw new IllegalArgumentException("matmul: shapes " + Shapes.str(a.shape) + " and " + Shapes.str(b.shape)
                    + " cannot be multiplied (" + ka + " != " + kb + ")");
        }
        if (a.dim() == 1 && b.dim() == 1) return matmulNd(a.unsqueeze(0), b.unsqueeze(1)).reshape(); // dot product: 0-d
        if (a.dim() == 1) return matmulNd(a.unsqueeze(0), b).squeeze(-2);
        if (b.dim() == 1) return matmulNd(a, b.unsqueeze(1)).squeeze(-1);
        return matmulNd(a, b);
    }

    /** Both operands have ≥ 2 dimensions; leading (batch) dimensions broadcast. */
    static Tensor matmulNd(Tensor a, Tensor b) {
        int m = a.shape[a.dim() - 2], k = a.shape[a.dim() - 1], n = b.shape[b.dim() - 1];
        int[] batchA = java.util.Arrays.copyOf(a.shape, a.dim() - 2), batchB = java.util.Arrays.copyOf(b.shape, b.dim() - 2);
        int[] batch = Shapes.broadcast("matmul", batchA, batchB);
        int[] outShape = java.util.Arrays.copyOf(batch, batch.length + 2);
        outShape[batch.length] = m;
        outShape[batch.length + 1] = n;
        Tensor out = Tensor.zeros(outShape);

        int[] fullA = withMatrix(batch, m, k), fullB = withMatrix(batch, k, n);
        int[] sa = Strided.broadcastStrides(a, fullA), sb = Strided.broadcastStrides(b, fullB);
        int r = batch.length;
        int batches = Shapes.numel(batch);
        int[] idx = new int[r];
        int offA = a.offset, offB = b.offset;
        for (int i = 0; i < batches; i++) {
            Gemm.sgemm(m, n, k, a.data, offA, a.strides[a.dim() - 2], a.strides[a.dim() - 1],
                    b.data, offB, b.strides[b.dim() - 2], b.strides[b.dim() - 1], out.data, i * m * n, n, false);
            for (int d = r - 1; d >= 0; d--) {
                offA += sa[d];
                offB += sb[d];
                if (++idx[d] < batch[d]) break;
                offA -= sa[d] * batch[d];
                offB -= sb[d] * batch[d];
                idx[d] = 0;
            }
        }
        return Tensor.result(out, "matmul", g -> new Tensor[] {
                a.requiresGrad() ? Elementwise.sumTo(matmulNd(g, b.mT()), a.shape) : null,
                b.requiresGrad() ? Elementwise.sumTo(matmulNd(a.mT(), g), b.shape) : null}, a, b);
    }

    private static int[] withMatrix(int[] batch, int rows, int cols) {
        int[] s = java.util.Arrays.copyOf(batch, batch.length + 2);
        s[batch.length] = rows;
        s[batch.length + 1] = cols;
        return s;
    }
}
