package org.lectern;

import org.lectern.kernels.FloatKernels;
import org.lectern.kernels.Kernels;
import org.lectern.kernels.ReduceOp;

/**
 * Reductions over any set of axes, and the composites built on them (mean, var, softmax, log-softmax).
 * Sum is the primitive; its backward broadcasts the gradient back over the reduced axes.
 */
final class Reductions {
    private static final FloatKernels K = Kernels.floats();

    private Reductions() {}

    static Tensor sum(Tensor x, int[] dims, boolean keepdim) {
        int[] axes = Shapes.axes("sum", dims, x.dim());
        Tensor out = reduce(ReduceOp.SUM, x, axes, keepdim);
        int[] shape = x.shape, kept = keptShape(x.shape, axes);
        return Tensor.result(out, "sum", g -> new Tensor[] {g.reshape(kept).expand(shape)}, x);
    }

    static Tensor mean(Tensor x, int[] dims, boolean keepdim) {
        int[] axes = Shapes.axes("mean", dims, x.dim());
        int count = count(x.shape, axes);
        if (count == 0) throw new IllegalArgumentException("mean: no elements to average over in shape " + Shapes.str(x.shape));
        return sum(x, axes, keepdim).div(count);
    }

    static Tensor var(Tensor x, int[] dims, boolean unbiased, boolean keepdim) {
        int[] axes = Shapes.axes("var", dims, x.dim());
        int n = count(x.shape, axes);
        int dof = unbiased ? n - 1 : n;
        if (dof <= 0) {
            throw new IllegalArgumentException("var: " + n + " value" + (n == 1 ? "" : "s") + " over dims of shape "
                    + Shapes.str(x.shape) + " leave no degrees of freedom" + (unbiased ? " (unbiased variance divides by n - 1)" : ""));
        }
        Tensor centered = x.sub(mean(x, axes, true));
        return sum(centered.square(), axes, keepdim).div(dof);
    }

    static Tensor logsumexp(Tensor x, int dim, boolean keepdim) {
        int d = Shapes.axis("logsumexp", dim, x.dim());
        Tensor m = maxDetached(x, d);
        Tensor lse = logOfSum(x.sub(m).exp().sum(d, true)).add(m);
        return keepdim ? lse : lse.squeeze(d);
    }

    static Tensor softmax(Tensor x, int dim) {
        int d = Shapes.axis("softmax", dim, x.dim());
        Tensor e = x.sub(maxDetached(x, d)).exp(); // every exponent ≤ 0: no overflow, and the max term is 1
        return e.div(e.sum(d, true));
    }

    static Tensor logSoftmax(Tensor x, int dim) {
        int d = Shapes.axis("logSoftmax", dim, x.dim());
        Tensor z = x.sub(maxDetached(x, d));
        return z.sub(logOfSum(z.exp().sum(d, true))); // the sum is ≥ 1, so its log is finite
    }

    /**
     * log of a sum of exponentials, which is 0 only for a row that is all -inf (fully masked): there
     * logsumexp is -inf and log-softmax NaN, as in PyTorch, rather than log's domain error.
     */
    private static Tensor logOfSum(Tensor s) {
        return Elementwise.unary(org.lectern.kernels.UnaryOp.LOG, 0f, s, false);
    }

    /** max along d with keepdim, outside the graph (the shift cancels out of softmax, so it needs no gradient). */
    private static Tensor maxDetached(Tensor x, int d) {
        if (x.numel() == 0) return Tensor.zeros(keptShape(x.shape, new int[] {d}));
        Tensor m = reduce(ReduceOp.MAX, x, new int[] {d}, true);
        for (int i = 0; i < m.data.length; i++) if (Float.isInfinite(m.data[i])) m.data[i] = 0f; // -inf rows stay -inf, not NaN
        return m;
    }

    /** max() / min() of all elements. Gradient goes to the first extreme element. */
    static Tensor extreme(Tensor x, boolean max) {
        if (x.numel() == 0) throw new IllegalArgumentException((max ? "max" : "min") + ": the tensor is empty (shape " + Shapes.str(x.shape) + ")");
        return extreme(x.reshape(-1), 0, false, max).values();
    }

    /** Values and first indices of the max/min along dim; values come from gather, so gradients flow to them. */
    static Tensor.ValuesIndices extreme(Tensor x, int dim, boolean keepdim, boolean max) {
        String op = max ? "max" : "min";
        int rank = x.dim();
        if (rank == 0) return new Tensor.ValuesIndices(x, Tensor.scalar(0f));
        int d = Shapes.axis(op, dim, rank);
        int r = x.shape[d];
        if (r == 0) throw new IllegalArgumentException(op + ": dimension " + d + " of shape " + Shapes.str(x.shape) + " is empty");
        Tensor xd = Views.dense(x);
        int outer = 1, inner = 1;
        for (int i = 0; i < d; i++) outer *= x.shape[i];
        for (int i = d + 1; i < rank; i++) inner *= x.shape[i];
        float[] idx = new float[outer * inner];
        for (int a = 0; a < outer; a++) {
            for (int b = 0; b < inner; b++) {
                int base = xd.offset + a * r * inner + b;
                float best = xd.data[base];
                int at = 0;
                for (int k = 1; k < r && !Float.isNaN(best); k++) {
                    float v = xd.data[base + k * inner];
                    if (Float.isNaN(v) || (max ? v > best : v < best)) {
                        best = v;
                        at = k;
                    }
                }
                idx[a * inner + b] = at;
            }
        }
        Tensor indices = new Tensor(idx, keptShape(x.shape, new int[] {d}));
        Tensor values = x.gather(d, indices);
        if (!keepdim) {
            values = values.squeeze(d);
            indices = indices.squeeze(d);
        }
        return new Tensor.ValuesIndices(values, indices);
    }

    // ------------------------------------------------------------ raw reduction (no graph)

    static int count(int[] shape, int[] axes) {
        int n = 1;
        for (int a : axes) n *= shape[a];
        return n;
    }

    static int[] keptShape(int[] shape, int[] axes) {
        int[] kept = shape.clone();
        for (int a : axes) kept[a] = 1;
        return kept;
    }

    /**
     * Reduces the sorted axes of x. Adjacent reduced axes merge into one; each group is folded as a
     * [outer, reduced, inner] block: contiguous runs when inner is 1, whole-row updates otherwise.
     */
    static Tensor reduce(ReduceOp op, Tensor x, int[] axes, boolean keepdim) {
        int[] kept = keptShape(x.shape, axes);
        if (axes.length == 0) return new Tensor(Strided.toArray(x), x.shape.clone());
        Tensor cur = Views.dense(x);
        int[] shape = x.shape.clone();
        for (int i = axes.length - 1; i >= 0; ) { // from the last axis so earlier axis numbers stay valid
            int hi = axes[i], lo = hi;
            while (i > 0 && axes[i - 1] == lo - 1) lo = axes[--i];
            i--;
            cur = reduceBlock(op, cur, shape, lo, hi);
            for (int a = lo; a <= hi; a++) shape[a] = 1;
        }
        Tensor out = new Tensor(cur.data, kept);
        if (keepdim) return out;
        int[] squeezed = new int[x.dim() - axes.length];
        for (int d = 0, k = 0, j = 0; d < x.dim(); d++) {
            if (j < axes.length && axes[j] == d) j++;
            else squeezed[k++] = x.shape[d];
        }
        return new Tensor(cur.data, squeezed);
    }

    private static Tensor reduceBlock(ReduceOp op, Tensor xd, int[] shape, int lo, int hi) {
        int outer = 1, r = 1, inner = 1;
        for (int d = 0; d < lo; d++) outer *= shape[d];
        for (int d = lo; d <= hi; d++) r *= shape[d];
        for (int d = hi + 1; d < shape.length; d++) inner *= shape[d];
        float[] out = new float[outer * inner];
        if (r == 0) {
            java.util.Arrays.fill(out, op.identity);
        } else if (inner == 1) {
            for (int a = 0; a < outer; a++) out[a] = K.reduce(op, xd.data, xd.offset + a * r, r);
        } else {
            for (int a = 0; a < outer; a++) K.reduceRows(op, xd.data, xd.offset + a * r * inner, r, inner, out, a * inner);
        }
        return new Tensor(out, new int[] {out.length});
    }
}
