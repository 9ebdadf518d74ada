package org.lectern;

/**
 * Walking strided views: copying a view into row-major order, and splitting a broadcast op into runs
 * that the kernels can take (each operand's run is either consecutive values or one repeated value).
 */
final class Strided {
    private Strided() {}

    /** The view's values in row-major order. */
    static float[] toArray(Tensor t) {
        float[] out = new float[t.numel()];
        copy(t, out, 0);
        return out;
    }

    /** Copies the view's values into dst (row-major) starting at dstOff. */
    static void copy(Tensor t, float[] dst, int dstOff) {
        int n = t.numel();
        if (n == 0) return;
        if (t.isContiguous()) {
            System.arraycopy(t.data, t.offset, dst, dstOff, n);
            return;
        }
        int rank = t.shape.length;
        int inner = t.shape[rank - 1], innerStride = t.strides[rank - 1];
        int[] idx = new int[rank - 1];
        int src = t.offset;
        for (int row = 0, rows = n / inner; row < rows; row++) {
            int o = dstOff + row * inner;
            if (innerStride == 1) {
                System.arraycopy(t.data, src, dst, o, inner);
            } else {
                for (int j = 0, p = src; j < inner; j++, p += innerStride) dst[o + j] = t.data[p];
            }
            for (int d = rank - 2; d >= 0; d--) { // odometer over the outer dimensions
                src += t.strides[d];
                if (++idx[d] < t.shape[d]) break;
                src -= t.strides[d] * t.shape[d];
                idx[d] = 0;
            }
        }
    }

    /** Writes the values of src (any layout, same shape) into the view dst, which must own fresh storage. */
    static void copyInto(Tensor dst, Tensor src) {
        float[] vals = toArray(src);
        int n = vals.length;
        if (n == 0) return;
        if (dst.isContiguous()) {
            System.arraycopy(vals, 0, dst.data, dst.offset, n);
            return;
        }
        int rank = dst.shape.length;
        int[] idx = new int[rank];
        int p = dst.offset;
        for (int i = 0; i < n; i++) {
            dst.data[p] = vals[i];
            for (int d = rank - 1; d >= 0; d--) {
                p += dst.strides[d];
                if (++idx[d] < dst.shape[d]) break;
                p -= dst.strides[d] * dst.shape[d];
                idx[d] = 0;
            }
        }
    }

    /** A run handed to a kernel: out[outOff .. outOff+n) from operands at offs[k] with increments incs[k]. */
    @FunctionalInterface
    interface Run {
        void apply(int[] offs, int[] incs, int outOff, int n);
    }

    /**
     * Iterates a broadcast op over the output shape. Every operand must be contiguous in its own shape
     * (the caller makes it so once, at the op boundary). The longest suffix of dimensions over which every
     * operand is either consecutive or constant becomes one run, so same-shape ops are a single run.
     */
    static void broadcastRuns(int[] outShape, Tensor[] operands, Run run) {
        int rank = outShape.length;
        int total = Shapes.numel(outShape);
        if (total == 0) return;
        int k = operands.length;
        int[][] st = new int[k][];
        for (int i = 0; i < k; i++) st[i] = broadcastStrides(operands[i], outShape);

        int inner = 1, split = rank;
        boolean[] zero = new boolean[k], cont = new boolean[k];
        java.util.Arrays.fill(zero, true);
        java.util.Arrays.fill(cont, true);
        while (split > 0) {
            int d = split - 1;
            if (outShape[d] != 1) {
                boolean ok = true;
                boolean[] z2 = new boolean[k], c2 = new boolean[k];
                for (int i = 0; i < k; i++) {
                    z2[i] = zero[i] && st[i][d] == 0;
                    c2[i] = cont[i] && st[i][d] == inner;
                    ok &= z2[i] || c2[i];
                }
                if (!ok) break;
                zero = z2;
                cont = c2;
                inner *= outShape[d];
            }
            split--;
        }
        int[] incs = new int[k];
        for (int i = 0; i < k; i++) incs[i] = cont[i] ? 1 : 0;
        int[] offs = new int[k];
        for (int i = 0; i < k; i++) offs[i] = operands[i].offset;
        int[] idx = new int[split];
        for (int outOff = 0; outOff < total; outOff += inner) {
            run.apply(offs, incs, outOff, inner); // runs read offs, never keep it
            for (int d = split - 1; d >= 0; d--) {
                for (int i = 0; i < k; i++) offs[i] += st[i][d];
                if (++idx[d] < outShape[d]) break;
                for (int i = 0; i < k; i++) offs[i] -= st[i][d] * outShape[d];
                idx[d] = 0;
            }
        }
    }

    /** Strides of t aligned to outShape, with 0 where t is broadcast. */
    static int[] broadcastStrides(Tensor t, int[] outShape) {
        int rank = outShape.length, lead = rank - t.shape.length;
        int[] s = new int[rank];
        for (int d = 0; d < rank; d++) {
            if (d < lead) continue;
            s[d] = t.shape[d - lead] == 1 ? 0 : t.strides[d - lead];
        }
        return s;
    }
}
