package org.lectern;

import org.lectern.kernels.Gemm;
import org.lectern.kernels.Kernels;
import org.lectern.kernels.ReduceOp;

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

    /**
     * y = x·Wᵀ + b for x [..., in], weight [out, in] and bias [out] or null (torch.nn.functional.linear), as
     * one op. As matmul(x, weight.t()).add(bias) it took three: the product packed the transposed weight
     * (a slow, strided copy), the bias was a broadcast add over a new array, and the weight's gradient
     * came back through the transpose as a view that had to be copied again. Here the weight is
     * transposed once, in tiles, so that the product reads it in place; y starts as the bias; and the
     * backward pass makes dX = dY·W, dW = dYᵀ·x and db = Σ dY directly in their own layouts.
     */
    static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        if (weight.dim() != 2) {
            throw new IllegalArgumentException("linear: weight must be [out, in], got shape " + Shapes.str(weight.shape));
        }
        int out = weight.shape[0], in = weight.shape[1];
        if (x.dim() == 0 || x.shape[x.dim() - 1] != in) {
            throw new IllegalArgumentException("linear: input of shape " + Shapes.str(x.shape) + " does not end in " + in
                    + ", the input size of the weight " + Shapes.str(weight.shape) + " ([out, in])");
        }
        if (bias != null && (bias.dim() != 1 || bias.shape[0] != out)) {
            throw new IllegalArgumentException("linear: bias must have shape [" + out + "], got " + Shapes.str(bias.shape));
        }
        Tensor xd = Views.dense(x), wd = Views.dense(weight);
        int rows = in == 0 ? 0 : x.numel() / in;
        float[] y = new float[rows * out];
        if (bias != null) {
            float[] b = bias.toArray();
            for (int r = 0; r < rows; r++) System.arraycopy(b, 0, y, r * out, out);
        }
        float[] wt = transposed(wd.data, wd.offset, out, in);
        Gemm.sgemm(rows, out, in, xd.data, xd.offset, in, 1, wt, 0, out, 1, y, 0, out, bias != null);
        int[] shape = x.shape.clone();
        shape[shape.length - 1] = out;
        return Tensor.result(new Tensor(y, shape), "linear", g -> {
            Tensor gd = Views.dense(g);
            Tensor dx = null, dw = null, db = null;
            if (x.requiresGrad()) { // dX [rows, in] = dY [rows, out] · W [out, in]
                float[] a = new float[rows * in];
                Gemm.sgemm(rows, in, out, gd.data, gd.offset, out, 1, wd.data, wd.offset, in, 1, a, 0, in, false);
                dx = new Tensor(a, x.shape.clone());
            }
            if (weight.requiresGrad()) { // dW [out, in] = dYᵀ [out, rows] · x [rows, in]
                float[] a = new float[out * in];
                Gemm.sgemm(out, in, rows, gd.data, gd.offset, 1, out, xd.data, xd.offset, in, 1, a, 0, in, false);
                dw = new Tensor(a, new int[] {out, in});
            }
            if (bias != null && bias.requiresGrad()) {
                float[] a = new float[out];
                Kernels.floats().reduceRows(ReduceOp.SUM, gd.data, gd.offset, rows, out, a, 0);
                db = new Tensor(a, new int[] {out});
            }
            return new Tensor[] {dx, dw, db};
        }, x, weight, bias);
    }

    /**
     * The [cols, rows] transpose of a row-major [rows, cols] matrix. Four rows at a time, so that each
     * store writes four consecutive floats, in column blocks that keep the rows being read in L1.
     */
    static float[] transposed(float[] a, int off, int rows, int cols) {
        float[] t = new float[rows * cols];
        for (int j0 = 0; j0 < cols; j0 += 64) {
            int j1 = Math.min(cols, j0 + 64), i = 0;
            for (; i + 4 <= rows; i += 4) {
                int r0 = off + i * cols, r1 = r0 + cols, r2 = r1 + cols, r3 = r2 + cols;
                for (int j = j0; j < j1; j++) {
                    int d = j * rows + i;
                    t[d] = a[r0 + j];
                    t[d + 1] = a[r1 + j];
                    t[d + 2] = a[r2 + j];
                    t[d + 3] = a[r3 + j];
                }
            }
            for (; i < rows; i++) {
                for (int j = j0; j < j1; j++) t[j * rows + i] = a[off + i * cols + j];
            }
        }
        return t;
    }

    private static int[] withMatrix(int[] batch, int rows, int cols) {
        int[] s = java.util.Arrays.copyOf(batch, batch.length + 2);
        s[batch.length] = rows;
        s[batch.length + 1] = cols;
        return s;
    }
}
