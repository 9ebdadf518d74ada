package org.lectern.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.lectern.Lectern;
import org.lectern.Tensor;

class DatasetsTest {
    private final TensorDataset ds = new TensorDataset(Tensor.arange(100).reshape(100, 1), Tensor.arange(100));

    @Test
    void splitMakesDisjointPartsOfTheGivenSizes() {
        Lectern.seed(0);
        List<Subset> parts = Datasets.split(ds, 80, 20);
        assertEquals(80, parts.get(0).size());
        assertEquals(20, parts.get(1).size());
        var all = new TreeSet<Integer>();
        for (Subset p : parts) for (int i : p.indices()) assertTrue(all.add(i), "index " + i + " in two parts");
        assertEquals(100, all.size());
    }

    @Test
    void splitIsRepeatableAfterSeeding() {
        Lectern.seed(3);
        int[] first = Datasets.split(ds, 50, 50).get(0).indices();
        Lectern.seed(3);
        assertArrayEquals(first, Datasets.split(ds, 50, 50).get(0).indices());
    }

    @Test
    void aSubsetReadsThroughToItsDataset() {
        Lectern.seed(0);
        Subset valid = Datasets.split(ds, 90, 10).get(1);
        int i = valid.indices()[3];
        assertEquals(i, valid.get(3).y().item());
    }

    @Test
    void sizesMustAddUpToTheDataset() {
        var e = assertThrows(IllegalArgumentException.class, () -> Datasets.split(ds, 50, 40));
        assertTrue(e.getMessage().contains("add up to 90") && e.getMessage().contains("100 examples"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Datasets.split(ds, 110, -10));
    }
}
