package org.lectern.data;

import org.lectern.Tensor;

/**
 * A mini-batch from a {@link DataLoader}: inputs x with the batch as their first dimension, and the
 * matching targets y (shape [B] for class labels).
 */
public record Batch(Tensor x, Tensor y) {
    /** Number of examples in this batch (the last one may be smaller unless the loader drops it). */
    public int size() {
        return x.size(0);
    }
}
