package org.lectern.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.lectern.Lectern;
import org.lectern.Tensor;

/**
 * Helpers over datasets: a seeded random split into parts (torch.utils.data.random_split), and the
 * batch gathering a {@link DataLoader} uses.
 *
 * <pre>{@code
 * Lectern.seed(0);
 * var parts = Datasets.split(FashionMnist.train(), 50000, 10000);
 * var train = parts.get(0);
 * var valid = parts.get(1);
 * }</pre>
 */
public final class Datasets {
    private Datasets() {}

    /**
     * Splits the dataset into disjoint random parts of the given sizes, which must add up to its size.
     * The permutation comes from {@link Lectern#newRandom()}, so {@link Lectern#seed} makes it repeatable.
     */
    public static List<Subset> split(Dataset dataset, int... sizes) {
        return split(dataset, Lectern.newRandom(), sizes);
    }

    /** As {@link #split(Dataset, int...)} with an explicit generator. */
    public static List<Subset> split(Dataset dataset, Random random, int... sizes) {
        if (sizes.length == 0) throw new IllegalArgumentException("split: give at least one size");
        long total = 0;
        for (int s : sizes) {
            if (s < 0) throw new IllegalArgumentException("split: sizes must be non-negative, got " + Arrays.toString(sizes));
            total += s;
        }
        if (total != dataset.size()) {
            throw new IllegalArgumentException("split: sizes " + Arrays.toString(sizes) + " add up to " + total
                    + " but the dataset has " + dataset.size() + " examples");
        }
        int[] order = permutation(dataset.size(), random);
        List<Subset> parts = new ArrayList<>(sizes.length);
        int at = 0;
        for (int s : sizes) {
            parts.add(new Subset(dataset, Arrays.copyOfRange(order, at, at + s)));
            at += s;
        }
        return List.copyOf(parts);
    }

    /** A uniformly random order of 0..n-1 (Fisher–Yates). */
    static int[] permutation(int n, Random random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /**
     * The examples at the given indices as one batch. Tensor datasets (also behind subsets) are gathered
     * with indexSelect; any other dataset is read example by example and stacked.
     */
    static Batch batch(Dataset dataset, int[] indices) {
        Dataset d = dataset;
        int[] idx = indices;
        while (d instanceof Subset s) {
            idx = s.translate(idx);
            d = s.dataset();
        }
        if (d instanceof TensorDataset t) return t.gather(idx);
        List<Tensor> xs = new ArrayList<>(idx.length), ys = new ArrayList<>(idx.length);
        for (int i : idx) {
            Example e = d.get(i);
            xs.add(e.x());
            ys.add(e.y());
        }
        return new Batch(Tensor.stack(xs, 0), Tensor.stack(ys, 0));
    }

    static void checkIndex(int i, int size) {
        if (i < 0 || i >= size) throw new IndexOutOfBoundsException("index " + i + " is out of range for a dataset of " + size + " examples");
    }
}
