package org.lectern.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lectern.Tensor;

class TensorDatasetTest {

    @Test
    void anExampleIsOneRowOfEachTensor() {
        var ds = new TensorDataset(Tensor.arange(12).reshape(4, 3), Tensor.of(7, 8, 9, 10));
        assertEquals(4, ds.size());
        Example e = ds.get(1);
        assertArrayEquals(new float[] {3, 4, 5}, e.x().toArray());
        assertEquals(8f, e.y().item());
        assertEquals("TensorDataset(x=[4, 3], y=[4])", ds.toString());
    }

    @Test
    void targetsMayHaveMoreDimensions() {
        var ds = new TensorDataset(Tensor.zeros(5, 2), Tensor.ones(5, 4));
        Batch b = Datasets.batch(ds, new int[] {4, 0});
        assertArrayEquals(new int[] {2, 4}, b.y().shape());
    }

    @Test
    void headKeepsTheFirstExamples() {
        var ds = new TensorDataset(Tensor.arange(6).reshape(6, 1), Tensor.arange(6)).head(2);
        assertArrayEquals(new float[] {0, 1}, ds.y().toArray());
    }

    @Test
    void mismatchedExampleCountsAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> new TensorDataset(Tensor.zeros(5, 2), Tensor.zeros(4)));
        assertTrue(e.getMessage().contains("x has 5 examples") && e.getMessage().contains("y has 4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TensorDataset(Tensor.scalar(1), Tensor.zeros(1)));
    }

    @Test
    void indicesOutsideTheDatasetAreRejected() {
        var ds = new TensorDataset(Tensor.zeros(3, 2), Tensor.zeros(3));
        var e = assertThrows(IndexOutOfBoundsException.class, () -> ds.get(3));
        assertTrue(e.getMessage().contains("3 examples"), e.getMessage());
    }
}
