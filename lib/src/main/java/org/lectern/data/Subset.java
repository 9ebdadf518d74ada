package org.lectern.data;

import java.util.Arrays;

/**
 * The examples of another dataset at chosen indices, in that order (torch.utils.data.Subset). Made by
 * {@link Datasets#split}; batches of a subset of a {@link TensorDataset} are still gathered in one step.
 */
public final class Subset implements Dataset {
    private final Dataset dataset;
    private final int[] indices;

    public Subset(Dataset dataset, int[] indices) {
        if (dataset == null) throw new IllegalArgumentException("Subset: dataset must not be null");
        int n = dataset.size();
        for (int k = 0; k < indices.length; k++) {
            if (indices[k] < 0 || indices[k] >= n) {
                throw new IndexOutOfBoundsException("Subset: index " + indices[k] + " at position " + k
                        + " is out of range for a dataset of " + n + " examples");
            }
        }
        this.dataset = dataset;
        this.indices = indices.clone();
    }

    /** The dataset this subset reads from. */
    public Dataset dataset() {
        return dataset;
    }

    /** The indices into {@link #dataset()} (a copy). */
    public int[] indices() {
        return indices.clone();
    }

    @Override
    public int size() {
        return indices.length;
    }

    @Override
    public Example get(int i) {
        Datasets.checkIndex(i, size());
        return dataset.get(indices[i]);
    }

    /** Positions in this subset translated to positions in the underlying dataset. */
    int[] translate(int[] positions) {
        int[] out = new int[positions.length];
        for (int k = 0; k < positions.length; k++) out[k] = indices[positions[k]];
        return out;
    }

    @Override
    public String toString() {
        return "Subset(" + indices.length + " of " + dataset.size() + (indices.length <= 10 ? ", " + Arrays.toString(indices) : "") + ")";
    }
}
