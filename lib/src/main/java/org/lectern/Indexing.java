package org.lectern;

import java.util.Arrays;

/**
 * Ops that pick elements by index tensors: gather and index-select (their backward rules scatter-add the
 * gradient back), and one-hot. Indices are float tensors holding whole numbers (Lectern is float32 only).
 */
final class Indexing {
    private Indexing() {}

    static int toIndex(String op, float v, int size, int dim) {
        int i = (int) v;
        if (i != v) throw new IllegalArgumentException(op + ": index " + v + " is not a whole number");
        if (i < 0) i += size;
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(op + ": index " + (int) v + " is out of bounds for dimension " + dim + " with size " + size);
        }
        return i;
    }

    static Tensor gather(Tensor x, int dim, Tensor index) {
        int rank = x.dim();
        if (index.dim() != rank) {
            throw new IllegalArgumentException("gather: index of shape " + Shapes.str(index.shape) + " must have as many dimensions as the input "
                    + Shapes.str(x.shape));
        }
        int d = rank == 0 ? 0 : Shapes.axis("gather", dim, rank);
        for (int a = 0; a < rank; a++) {
            if (a != d && index.shape[a] > x.shape[a]) {
                throw new IllegalArgumentException("gather: index of shape " + Shapes.str(index.shape) + " is larger than input "
                        + Shapes.str(x.shape) + " in dimension " + a);
            }
        }
        Tensor xd = Views.dense(x);
        int[] positions = positions("gather", xd, d, index); // relative to xd's offset
        float[] out = new float[positions.length];
        for (int i = 0; i < out.length; i++) out[i] = xd.data[xd.offset + positions[i]];
        int[] xShape = x.shape;
        Tensor result = new Tensor(out, index.shape.clone());
        return Tensor.result(result, "gather", g -> {
            float[] acc = new float[Shapes.numel(xShape)], gv = g.toArray();
            for (int i = 0; i < positions.length; i++) acc[positions[i]] += gv[i];
            return new Tensor[] {new Tensor(acc, xShape.clone()), null};
        }, x, index);
    }

    /** The storage position in x of every element picked by gather, in the index's row-major order. */
    private static int[] positions(String op, Tensor x, int d, Tensor index) {
        float[] idx = index.toArray();
        int rank = index.dim();
        int[] pos = new int[idx.length];
        int[] at = new int[rank];
        for (int i = 0; i < idx.length; i++) {
            int p = 0;
            for (int a = 0; a < rank; a++) {
                int coord = a == d ? toIndex(op, idx[i], x.shape[a], a) : at[a];
                p += coord * x.strides[a];
            }
            pos[i] = p;
            for (int a = rank - 1; a >= 0; a--) {
                if (++at[a] < index.shape[a]) break;
                at[a] = 0;
            }
        }
        return pos;
    }

    static Tensor indexSelect(Tensor x, int dim, Tensor index) {
        if (index.dim() > 1) throw new IllegalArgumentException("indexSelect: index must be 1-D, got shape " + Shapes.str(index.shape));
        if (x.dim() == 0) throw new IllegalArgumentException("indexSelect: cannot index a 0-d tensor");
        int d = Shapes.axis("indexSelect", dim, x.dim());
        float[] iv = index.toArray();
        int[] rows = new int[iv.length];
        for (int i = 0; i < iv.length; i++) rows[i] = toIndex("indexSelect", iv[i], x.shape[d], d);
        Tensor xd = Views.dense(x);
        final int r = x.shape[d], outer = prod(x.shape, 0, d), inner = prod(x.shape, d + 1, x.dim());
        int[] shape = x.shape.clone();
        shape[d] = rows.length;
        float[] out = new float[outer * rows.length * inner];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(xd.data, xd.offset + (o * r + rows[i]) * inner, out, (o * rows.length + i) * inner, inner);
            }
        }
        int[] xShape = x.shape;
        return Tensor.result(new Tensor(out, shape), "index_select", g -> {
            float[] gv = g.toArray();
            float[] acc = new float[Shapes.numel(xShape)];
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < rows.length; i++) {
                    int src = (o * rows.length + i) * inner, dst = (o * r + rows[i]) * inner;
                    for (int j = 0; j < inner; j++) acc[dst + j] += gv[src + j];
                }
            }
            return new Tensor[] {new Tensor(acc, xShape.clone()), null};
        }, x, index);
    }

    private static int prod(int[] shape, int from, int to) {
        int p = 1;
        for (int a = from; a < to; a++) p *= shape[a];
        return p;
    }

    static Tensor oneHot(Tensor indices, int numClasses) {
        if (numClasses <= 0) throw new IllegalArgumentException("oneHot: numClasses must be positive, got " + numClasses);
        float[] iv = indices.toArray();
        int[] shape = Arrays.copyOf(indices.shape, indices.dim() + 1);
        shape[indices.dim()] = numClasses;
        float[] out = new float[iv.length * numClasses];
        for (int i = 0; i < iv.length; i++) {
            int c = (int) iv[i];
            if (c != iv[i] || c < 0 || c >= numClasses) {
                throw new IllegalArgumentException("oneHot: class " + iv[i] + " at position " + i + " is not in 0.." + (numClasses - 1));
            }
            out[i * numClasses + c] = 1f;
        }
        return new Tensor(out, shape);
    }
}
