package org.lectern.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.lectern.Lectern;
import org.lectern.Tensor;

class DataLoaderTest {

    /** x[i] = [i, 10·i, 100·i] and y[i] = i, so every batch says which examples it holds. */
    static TensorDataset numbered(int n) {
        float[] x = new float[n * 3];
        for (int i = 0; i < n; i++) {
            x[3 * i] = i;
            x[3 * i + 1] = 10 * i;
            x[3 * i + 2] = 100 * i;
        }
        return new TensorDataset(Tensor.fromArray(x, n, 3), Tensor.arange(n));
    }

    /** The labels of one epoch, in the order the loader gave them. */
    static List<Integer> epoch(DataLoader loader) {
        List<Integer> seen = new ArrayList<>();
        for (Batch b : loader) for (float v : b.y().toArray()) seen.add((int) v);
        return seen;
    }

    @Test
    void batchesHaveTheBatchSizeExceptTheLast() {
        var loader = new DataLoader(numbered(10), 4);
        assertEquals(3, loader.size());
        List<Batch> batches = new ArrayList<>();
        loader.forEach(batches::add);
        assertEquals(3, batches.size());
        assertArrayEquals(new int[] {4, 3}, batches.get(0).x().shape());
        assertArrayEquals(new int[] {4}, batches.get(0).y().shape());
        assertArrayEquals(new int[] {2, 3}, batches.get(2).x().shape());
        assertEquals(2, batches.get(2).size());
    }

    @Test
    void withoutShuffleBatchesFollowTheDatasetOrder() {
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), epoch(new DataLoader(numbered(7), 3)));
    }

    @Test
    void dropLastSkipsTheShortBatch() {
        var loader = new DataLoader(numbered(10), 4, true, true);
        assertEquals(2, loader.size());
        int batches = 0;
        for (Batch b : loader) {
            assertArrayEquals(new int[] {4, 3}, b.x().shape());
            batches++;
        }
        assertEquals(2, batches);
    }

    @Test
    void everyExampleAppearsExactlyOncePerEpoch() {
        Lectern.seed(1);
        var loader = new DataLoader(numbered(103), 10, true);
        for (int e = 0; e < 3; e++) {
            List<Integer> seen = epoch(loader);
            List<Integer> sorted = new ArrayList<>(seen);
            sorted.sort(null);
            assertEquals(103, seen.size());
            for (int i = 0; i < 103; i++) assertEquals(i, sorted.get(i));
        }
    }

    @Test
    void sameSeedGivesTheSameEpochsAndEachEpochIsShuffledAnew() {
        Lectern.seed(42);
        var a = new DataLoader(numbered(50), 8, true);
        List<Integer> a1 = epoch(a), a2 = epoch(a);
        Lectern.seed(42);
        var b = new DataLoader(numbered(50), 8, true);
        List<Integer> b1 = epoch(b), b2 = epoch(b);

        assertEquals(a1, b1);
        assertEquals(a2, b2);
        assertFalse(a1.equals(a2), "two epochs should come in different orders");
        assertFalse(a1.equals(epoch(new DataLoader(numbered(50), 8))), "a shuffled epoch should differ from the dataset order");
    }

    @Test
    void anExplicitGeneratorMakesTheOrderIndependentOfTheGlobalSeed() {
        var a = new DataLoader(numbered(30), 5, true, false, new Random(3));
        Lectern.seed(99);
        var b = new DataLoader(numbered(30), 5, true, false, new Random(3));
        assertEquals(epoch(a), epoch(b));
    }

    @Test
    void inputsStayWithTheirTargetsAfterShuffling() {
        Lectern.seed(5);
        for (Batch b : new DataLoader(numbered(20), 6, true)) {
            float[] x = b.x().toArray(), y = b.y().toArray();
            for (int k = 0; k < y.length; k++) assertArrayEquals(new float[] {y[k], 10 * y[k], 100 * y[k]}, Arrays.copyOfRange(x, 3 * k, 3 * k + 3));
        }
    }

    @Test
    void anyDatasetIsBatchedByStackingItsExamples() {
        // A dataset computed on the fly: example i is the 2×2 matrix filled with i, its label i % 3.
        Dataset squares = new Dataset() {
            @Override
            public int size() {
                return 5;
            }

            @Override
            public Example get(int i) {
                return new Example(Tensor.full(i, 2, 2), Tensor.scalar(i % 3));
            }
        };
        List<Batch> batches = new ArrayList<>();
        new DataLoader(squares, 2).forEach(batches::add);
        assertEquals(3, batches.size());
        assertArrayEquals(new int[] {2, 2, 2}, batches.get(0).x().shape());
        assertArrayEquals(new int[] {2}, batches.get(0).y().shape());
        assertArrayEquals(new float[] {2, 2, 2, 2, 3, 3, 3, 3}, batches.get(1).x().toArray());
        assertArrayEquals(new float[] {2, 0}, batches.get(1).y().toArray());
        assertArrayEquals(new int[] {1, 2, 2}, batches.get(2).x().shape());
    }

    @Test
    void subsetsOfTensorDatasetsAreGatheredLikeTheirExamples() {
        var ds = numbered(12);
        var subset = new Subset(ds, new int[] {9, 2, 7, 4});
        Batch b = new DataLoader(subset, 4).iterator().next();
        assertArrayEquals(new float[] {9, 2, 7, 4}, b.y().toArray());
        assertTrue(b.x().get(2).allclose(subset.get(2).x()));
    }

    @Test
    void badArgumentsAreExplained() {
        var ds = numbered(10);
        var e = assertThrows(IllegalArgumentException.class, () -> new DataLoader(ds, 0));
        assertTrue(e.getMessage().contains("batch size must be positive"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new DataLoader(new TensorDataset(Tensor.zeros(0, 3), Tensor.zeros(0)), 4));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new DataLoader(ds, 11, false, true));
        assertTrue(e.getMessage().contains("leaves no batch"), e.getMessage());
    }

    @Test
    void anEpochEndsWithNoSuchElement() {
        var it = new DataLoader(numbered(3), 3).iterator();
        it.next();
        assertFalse(it.hasNext());
        assertThrows(java.util.NoSuchElementException.class, it::next);
    }
}
