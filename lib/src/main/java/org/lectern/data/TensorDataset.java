package org.lectern.data;

import java.util.Arrays;
import org.lectern.Tensor;

/**
 * A dataset held in two tensors whose first dimension counts the examples: inputs x of shape [N, ...]
 * and targets y of shape [N] (class labels) or [N, ...]. A {@link DataLoader} gathers a whole batch
 * from it with one {@link Tensor#indexSelect} per tensor instead of stacking N small tensors.
 *
 * <pre>{@code
 * var ds = new TensorDataset(Tensor.randn(100, 3), Tensor.randint(0, 2, 100));
 * ds.get(7).x();    // shape [3]
 * }</pre>
 */
public record TensorDataset(Tensor x, Tensor y) implements Dataset {
    /** Indices travel as float32 tensors, which hold every whole number only up to 2^24. */
    private static final int MAX_EXACT_INDEX = 1 << 24;

    public TensorDataset {
        if (x == null || y == null) throw new IllegalArgumentException("TensorDataset: x and y must not be null");
        if (x.dim() == 0 || y.dim() == 0) {
            throw new IllegalArgumentException("TensorDataset: x and y need a first dimension that counts the examples, got shapes "
                    + Arrays.toString(x.shape()) + " and " + Arrays.toString(y.shape()));
        }
        if (x.size(0) != y.size(0)) {
            throw new IllegalArgumentException("TensorDataset: x has " + x.size(0) + " examples (shape " + Arrays.toString(x.shape())
                    + ") but y has " + y.size(0) + " (shape " + Arrays.toString(y.shape()) + "); the first dimensions must match");
        }
    }

    @Override
    public int size() {
        return x.size(0);
    }

    /** x[i] and y[i] as views (a label in a [N] target tensor comes back as a 0-d tensor). */
    @Override
    public Example get(int i) {
        Datasets.checkIndex(i, size());
        return new Example(x.get(i), y.get(i));
    }

    /** The first n examples (views, no copy): handy for a quick run on a small part of the data. */
    public TensorDataset head(int n) {
        if (n < 0 || n > size()) throw new IllegalArgumentException("head: n must be in [0, " + size() + "], got " + n);
        return new TensorDataset(x.narrow(0, 0, n), y.narrow(0, 0, n));
    }

    /** Shapes only: the default record form would print both tensors. */
    @Override
    public String toString() {
        return "TensorDataset(x=" + Arrays.toString(x.shape()) + ", y=" + Arrays.toString(y.shape()) + ")";
    }

    /** The examples at the given indices as one batch: one indexSelect per tensor. */
    Batch gather(int[] indices) {
        if (size() > MAX_EXACT_INDEX) {
            throw new IllegalStateException("TensorDataset: " + size() + " examples are more than float32 indices can address exactly ("
                    + MAX_EXACT_INDEX + ")");
        }
        float[] f = new float[indices.length];
        for (int k = 0; k < indices.length; k++) f[k] = indices[k];
        Tensor index = Tensor.fromArray(f, f.length);
        return new Batch(x.indexSelect(0, index), y.indexSelect(0, index));
    }
}
