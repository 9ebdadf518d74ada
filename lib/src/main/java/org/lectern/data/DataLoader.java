package org.lectern.data;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Random;
import org.lectern.Lectern;

/**
 * Cuts a dataset into mini-batches, in a fresh random order every epoch when shuffling
 * (torch.utils.data.DataLoader). Each {@code for} loop over the loader is one epoch.
 *
 * <pre>{@code
 * Lectern.seed(42);
 * var loader = new DataLoader(FashionMnist.train(), 64, true);
 * for (int epoch = 0; epoch < 3; epoch++) {
 *     for (Batch b : loader) {          // b.x(): [64, 1, 28, 28], b.y(): [64]
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>The shuffling generator is a child of the global one, taken when the loader is made: after
 * {@link Lectern#seed} the whole sequence of epochs repeats, while each epoch differs from the last.
 */
public final class DataLoader implements Iterable<Batch> {
    private final Dataset dataset;
    private final int batchSize;
    private final boolean shuffle;
    private final boolean dropLast;
    private final Random random;

    /** Batches in dataset order, the last one possibly smaller. */
    public DataLoader(Dataset dataset, int batchSize) {
        this(dataset, batchSize, false, false);
    }

    public DataLoader(Dataset dataset, int batchSize, boolean shuffle) {
        this(dataset, batchSize, shuffle, false);
    }

    /** dropLast skips a final batch smaller than batchSize, so every batch has the same shape. */
    public DataLoader(Dataset dataset, int batchSize, boolean shuffle, boolean dropLast) {
        // Only a shuffling loader draws from the global generator, so adding an evaluation loader to a
        // notebook does not change the weights a later seeded initialiser produces.
        this(dataset, batchSize, shuffle, dropLast, shuffle ? Lectern.newRandom() : null);
    }

    /** As above with an explicit generator for the shuffles (ignored when shuffle is false). */
    public DataLoader(Dataset dataset, int batchSize, boolean shuffle, boolean dropLast, Random random) {
        if (dataset == null) throw new IllegalArgumentException("DataLoader: dataset must not be null");
        if (batchSize <= 0) throw new IllegalArgumentException("DataLoader: batch size must be positive, got " + batchSize);
        if (dataset.size() == 0) throw new IllegalArgumentException("DataLoader: the dataset is empty");
        if (dropLast && dataset.size() < batchSize) {
            throw new IllegalArgumentException("DataLoader: with dropLast, a batch size of " + batchSize + " leaves no batch from "
                    + dataset.size() + " examples");
        }
        if (shuffle && random == null) throw new IllegalArgumentException("DataLoader: shuffling needs a generator, got null");
        this.dataset = dataset;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.dropLast = dropLast;
        this.random = random;
    }

    public Dataset dataset() {
        return dataset;
    }

    public int batchSize() {
        return batchSize;
    }

    /** Number of batches per epoch. */
    public int size() {
        int n = dataset.size();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /** One epoch: a new order is drawn now when shuffling. Batches are built as they are asked for. */
    @Override
    public Iterator<Batch> iterator() {
        int[] order = epochOrder();
        int batches = size();
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < batches;
            }

            @Override
            public Batch next() {
                if (!hasNext()) throw new NoSuchElementException("DataLoader: the epoch has ended after " + batches + " batches");
                int from = next++ * batchSize;
                int to = Math.min(from + batchSize, order.length);
                return Datasets.batch(dataset, Arrays.copyOfRange(order, from, to));
            }
        };
    }

    private int[] epochOrder() {
        if (!shuffle) {
            int[] order = new int[dataset.size()];
            for (int i = 0; i < order.length; i++) order[i] = i;
            return order;
        }
        synchronized (random) {
            return Datasets.permutation(dataset.size(), random);
        }
    }

    @Override
    public String toString() {
        return "DataLoader(" + dataset.size() + " examples, batch size " + batchSize + ", " + size() + " batches"
                + (shuffle ? ", shuffled" : "") + (dropLast ? ", drop last" : "") + ")";
    }
}
