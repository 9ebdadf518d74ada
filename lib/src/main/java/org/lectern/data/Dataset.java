package org.lectern.data;

/**
 * A fixed-size collection of examples that can be read in any order (PyTorch's map-style Dataset).
 *
 * <pre>{@code
 * Dataset ds = new TensorDataset(x, y);
 * Example first = ds.get(0);   // first.x(), first.y()
 * }</pre>
 */
public interface Dataset {
    /** Number of examples. */
    int size();

    /** The example at index i, 0 ≤ i < size(). */
    Example get(int i);
}
