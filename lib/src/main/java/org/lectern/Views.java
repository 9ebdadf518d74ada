package org.lectern;

import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * Ops that re-read the same storage with another shape, strides or offset. Their backward rules send the
 * gradient back through the inverse view (reshape, permute) or place it in a zero tensor (slices).
 */
final class Views {
    private Views() {}

    /** t itself when contiguous, else a row-major copy; records no graph (for use inside forward kernels). */
    static Tensor dense(Tensor t) {
        return t.isContiguous() ? t : new Tensor(Strided.toArray(t), t.shape.clone());
    }

    static Tensor contiguous(Tensor t) {
        if (t.isContiguous()) return t;
        return Tensor.result(new Tensor(Strided.toArray(t), t.shape.clone()), "contiguous", g -> new Tensor[] {g}, t);
    }

    static Tensor reshape(Tensor t, int[] newShape, boolean viewOnly) {
        String op = viewOnly ? "view" : "reshape";
        int[] shape = inferShape(op, newShape, t.shape);
        Tensor out;
        if (t.isContiguous()) {
            out = new Tensor(t.data, shape, Shapes.contiguousStrides(shape), t.offset);
        } else if (viewOnly) {
            throw new IllegalStateException("view: a tensor of shape " + Shapes.str(t.shape) + " with strides "
                    + Arrays.toString(t.strides) + " is not contiguous; use reshape(...) or contiguous().view(...)");
        } else {
            out = new Tensor(Strided.toArray(t), shape);
        }
        int[] original = t.shape;
        return Tensor.result(out, op, g -> new Tensor[] {g.reshape(original)}, t);
    }

    private static int[] inferShape(String op, int[] requested, int[] current) {
        int[] shape = requested.clone();
        int infer = -1, known = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == -1) {
                if (infer >= 0) throw new IllegalArgumentException(op + ": only one dimension can be -1, got " + Arrays.toString(requested));
                infer = i;
            } else if (shape[i] < 0) {
                throw new IllegalArgumentException(op + ": invalid size " + shape[i] + " in " + Arrays.toString(requested));
            } else {
                known *= shape[i];
            }
        }
        int n = Shapes.numel(current);
        if (infer >= 0) {
            if (known == 0 || n % known != 0) {
                throw new IllegalArgumentException(op + ": shape " + Arrays.toString(requested) + " is invalid for a tensor of shape "
                        + Shapes.str(current) + " (" + n + " elements)");
            }
            shape[infer] = n / known;
        } else if (known != n) {
            throw new IllegalArgumentException(op + ": shape " + Arrays.toString(requested) + " is invalid for a tensor of shape "
                    + Shapes.str(current) + " (" + n + " elements, not " + known + ")");
        }
        return shape;
    }

    static Tensor flatten(Tensor t, int startDim, int endDim) {
        int rank = t.dim();
        if (rank == 0) return t.reshape(1);
        int s = Shapes.axis("flatten", startDim, rank), e = Shapes.axis("flatten", endDim, rank);
        if (s > e) throw new IllegalArgumentException("flatten: startDim " + startDim + " comes after endDim " + endDim);
        int[] shape = new int[rank - (e - s)];
        int k = 0, merged = 1;
        for (int d = 0; d < rank; d++) {
            if (d < s || d > e) shape[k++] = t.shape[d];
            else {
                merged *= t.shape[d];
                if (d == e) shape[k++] = merged;
            }
        }
        return t.reshape(shape);
    }

    static Tensor permute(Tensor t, int[] dims) {
        int rank = t.dim();
        if (dims.length != rank) {
            throw new IllegalArgumentException("permute: " + Arrays.toString(dims) + " names " + dims.length
                    + " dimensions but the tensor has shape " + Shapes.str(t.shape));
        }
        int[] perm = new int[rank], inverse = new int[rank];
        boolean[] used = new boolean[rank];
        for (int i = 0; i < rank; i++) {
            perm[i] = Shapes.axis("permute", dims[i], rank);
            if (used[perm[i]]) throw new IllegalArgumentException("permute: dimension " + perm[i] + " repeats in " + Arrays.toString(dims));
            used[perm[i]] = true;
            inverse[perm[i]] = i;
        }
        int[] shape = new int[rank], strides = new int[rank];
        for (int i = 0; i < rank; i++) {
            shape[i] = t.shape[perm[i]];
            strides[i] = t.strides[perm[i]];
        }
        return Tensor.result(new Tensor(t.data, shape, strides, t.offset), "permute", g -> new Tensor[] {g.permute(inverse)}, t);
    }

    static Tensor transpose(Tensor t, int dim0, int dim1) {
        int rank = t.dim();
        if (rank == 0) return t;
        int a = Shapes.axis("transpose", dim0, rank), b = Shapes.axis("transpose", dim1, rank);
        int[] perm = new int[rank];
        for (int i = 0; i < rank; i++) perm[i] = i;
        perm[a] = b;
        perm[b] = a;
        return permute(t, perm);
    }

    static Tensor squeeze(Tensor t, Integer dim) {
        boolean[] drop = new boolean[t.dim()];
        int dropped = 0;
        if (dim == null) {
            for (int i = 0; i < t.dim(); i++) if (drop[i] = t.shape[i] == 1) dropped++;
        } else {
            int d = Shapes.axis("squeeze", dim, t.dim());
            if (t.dim() == 0 || t.shape[d] != 1) return t; // as PyTorch: squeezing a dimension of size > 1 does nothing
            drop[d] = true;
            dropped = 1;
        }
        if (dropped == 0) return t;
        // a view even when t is strided: the remaining dimensions keep their strides
        int[] shape = new int[t.dim() - dropped], strides = new int[shape.length];
        for (int i = 0, k = 0; i < t.dim(); i++) {
            if (drop[i]) continue;
            shape[k] = t.shape[i];
            strides[k++] = t.strides[i];
        }
        int[] original = t.shape;
        return Tensor.result(new Tensor(t.data, shape, strides, t.offset), "squeeze", g -> new Tensor[] {g.reshape(original)}, t);
    }

    static Tensor unsqueeze(Tensor t, int dim) {
        int rank = t.dim() + 1;
        int d = Shapes.axis("unsqueeze", dim, rank);
        int[] shape = new int[rank];
        for (int i = 0, k = 0; i < rank; i++) shape[i] = i == d ? 1 : t.shape[k++];
        // a view even when t is strided: insert a dimension with any stride
        int[] strides = new int[rank];
        for (int i = 0, k = 0; i < rank; i++) strides[i] = i == d ? 0 : t.strides[k++];
        int[] original = t.shape;
        return Tensor.result(new Tensor(t.data, shape, strides, t.offset), "unsqueeze", g -> new Tensor[] {g.reshape(original)}, t);
    }

    static Tensor expand(Tensor t, int[] sizes) {
        int rank = sizes.length, lead = rank - t.dim();
        if (lead < 0) {
            throw new IllegalArgumentException("expand: cannot expand shape " + Shapes.str(t.shape) + " to fewer dimensions "
                    + Arrays.toString(sizes));
        }
        int[] shape = new int[rank], strides = new int[rank];
        for (int d = 0; d < rank; d++) {
            int own = d < lead ? 1 : t.shape[d - lead];
            int want = sizes[d] == -1 ? own : sizes[d];
            if (d < lead && sizes[d] == -1) {
                throw new IllegalArgumentException("expand: -1 is not allowed for the new leading dimension " + d + " in " + Arrays.toString(sizes));
            }
            if (own != want && own != 1) {
                throw new IllegalArgumentException("expand: shape " + Shapes.str(t.shape) + " cannot be expanded to "
                        + Arrays.toString(sizes) + " (dimension " + d + ": " + own + " vs " + want + "; only size-1 dimensions expand)");
            }
            shape[d] = want;
            strides[d] = d < lead || (own == 1 && want != 1) ? 0 : t.strides[d - lead];
        }
        int[] original = t.shape;
        return Tensor.result(new Tensor(t.data, shape, strides, t.offset), "expand",
                g -> new Tensor[] {Elementwise.sumTo(g, original)}, t);
    }

    static int checkIndex(String op, int index, int dim, int[] shape) {
        int size = shape[dim];
        int i = index < 0 ? index + size : index;
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(op + ": index " + index + " is out of bounds for dimension " + dim
                    + " with size " + size + " (shape " + Shapes.str(shape) + ")");
        }
        return i;
    }

    static Tensor slice(Tensor t, int dim, int start, int end, int step) {
        if (t.dim() == 0) throw new IllegalArgumentException("slice: cannot slice a 0-d tensor");
        int d = Shapes.axis("slice", dim, t.dim());
        if (step <= 0) throw new IllegalArgumentException("slice: step must be positive, got " + step);
        int size = t.shape[d];
        int s = clampIndex(start, size), e = clampIndex(end, size);
        int len = e > s ? (e - s + step - 1) / step : 0;
        int[] shape = t.shape.clone(), strides = t.strides.clone();
        shape[d] = len;
        strides[d] = t.strides[d] * step;
        Tensor out = new Tensor(t.data, shape, strides, t.offset + s * t.strides[d]);
        return Tensor.result(out, "slice", g -> new Tensor[] {scatterIntoZeros(t.shape, v -> v.slice(d, s, e, step), g)}, t);
    }

    /** Python slice bounds: negative counts from the end, out-of-range clamps. */
    private static int clampIndex(int i, int size) {
        if (i < 0) i += size;
        return Math.max(0, Math.min(size, i));
    }

    static Tensor select(Tensor t, int dim, int index) {
        if (t.dim() == 0) throw new IllegalArgumentException("select: cannot index a 0-d tensor");
        int d = Shapes.axis("select", dim, t.dim());
        int i = checkIndex("select", index, d, t.shape);
        int rank = t.dim() - 1;
        int[] shape = new int[rank], strides = new int[rank];
        for (int a = 0, k = 0; a < t.dim(); a++) {
            if (a == d) continue;
            shape[k] = t.shape[a];
            strides[k++] = t.strides[a];
        }
        Tensor out = new Tensor(t.data, shape, strides, t.offset + i * t.strides[d]);
        return Tensor.result(out, "select", g -> new Tensor[] {scatterIntoZeros(t.shape, v -> v.select(d, i), g)}, t);
    }

    /** Gradient of a view: zeros of the input's shape with g written into the same view of them. */
    static Tensor scatterIntoZeros(int[] shape, UnaryOperator<Tensor> view, Tensor g) {
        Tensor z = Tensor.zeros(shape);
        Strided.copyInto(view.apply(z), g);
        return z;
    }
}
