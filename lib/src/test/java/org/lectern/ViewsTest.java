package org.lectern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Views re-read the same storage with another shape, strides or offset; copies get storage of their own.
 * (The tests look at the package-private {@code data} array to see which is which.)
 */
class ViewsTest {

    static void assertTensor(int[] shape, float[] values, Tensor t) {
        assertArrayEquals(shape, t.shape(), () -> "shape of " + t);
        assertArrayEquals(values, t.toArray(), () -> "values of " + t);
    }

    static int[] sizes(List<Tensor> parts, int dim) {
        return parts.stream().mapToInt(p -> p.size(dim)).toArray();
    }

    /** [[0, 1, 2], [3, 4, 5]] */
    static Tensor m() {
        return Tensor.arange(6).reshape(2, 3);
    }

    // ------------------------------------------------------------------ views share storage

    @Test
    void reshapeOfContiguousIsAView() {
        var x = Tensor.arange(6);
        var r = x.reshape(2, 3);
        assertSame(x.data, r.data);
        assertSame(x.data, x.view(3, -1).data);
        assertSame(x.data, x.reshape(-1, 1, 2).data);
        x.data[4] = 40; // visible through the view (what an in-place optimizer update does)
        assertEquals(40f, r.item(1, 1));
    }

    @Test
    void transposeIsAViewWithSwappedStrides() {
        var x = m();
        var t = x.t();
        assertSame(x.data, t.data);
        assertFalse(t.isContiguous());
        assertTensor(new int[] {3, 2}, new float[] {0, 3, 1, 4, 2, 5}, t);
        assertEquals(5f, t.item(2, 1));
    }

    @Test
    void slicesAreViewsAtAnOffset() {
        var x = Tensor.arange(10);
        var s = x.slice(0, 2, 8, 3);
        assertSame(x.data, s.data);
        assertTensor(new int[] {2}, new float[] {2, 5}, s);
        assertSame(x.data, x.narrow(0, 4, 3).data);
        var mm = m();
        assertSame(mm.data, mm.select(1, 1).data); // select is a view too
        var row = m().get(1);
        assertTensor(new int[] {3}, new float[] {3, 4, 5}, row);
        assertTrue(row.isContiguous()); // a contiguous view that starts at offset 3
    }

    @Test
    void contiguousCopiesOnlyWhenNeeded() {
        var x = m();
        assertSame(x, x.contiguous());
        var c = x.t().contiguous();
        assertNotSame(x.data, c.data);
        assertTrue(c.isContiguous());
        assertTensor(new int[] {3, 2}, new float[] {0, 3, 1, 4, 2, 5}, c);
    }

    @Test
    void reshapeOfNonContiguousCopies() {
        var t = m().t();
        var r = t.reshape(6);
        assertNotSame(t.data, r.data);
        assertTensor(new int[] {6}, new float[] {0, 3, 1, 4, 2, 5}, r);
    }

    @Test
    void expandRepeatsWithoutCopying() {
        var col = Tensor.of(new float[][] {{1}, {2}});
        var e = col.expand(2, 3);
        assertSame(col.data, e.data);
        assertTensor(new int[] {2, 3}, new float[] {1, 1, 1, 2, 2, 2}, e);
        assertTensor(new int[] {2, 2, 3}, new float[] {1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2}, col.expand(2, -1, 3));
        assertTensor(new int[] {2, 2}, new float[] {5, 5, 5, 5}, Tensor.scalar(5f).expand(2, 2));
    }

    @Test
    void opsOnViewsSeeTheViewNotTheStorage() {
        var t = m().t(); // [[0, 3], [1, 4], [2, 5]]
        assertTensor(new int[] {3}, new float[] {3, 5, 7}, t.sum(1));
        assertTensor(new int[] {3, 2}, new float[] {0, 6, 2, 8, 4, 10}, t.add(t));
        assertTensor(new int[] {2}, new float[] {3, 12}, t.sum(0));
        var s = Tensor.arange(10).slice(0, 1, 10, 4); // [1, 5, 9]
        assertTensor(new int[] {3}, new float[] {2, 6, 10}, s.add(1f));
        assertEquals(9f, s.max().item());
    }

    // ------------------------------------------------------------------ squeeze and unsqueeze

    @Test
    void squeezeRemovesOnlySizeOneDimensions() {
        var x = Tensor.zeros(2, 1, 3, 1);
        assertArrayEquals(new int[] {2, 3}, x.squeeze().shape());
        assertArrayEquals(new int[] {2, 3, 1}, x.squeeze(1).shape());
        assertArrayEquals(new int[] {2, 1, 3}, x.squeeze(-1).shape());
        assertArrayEquals(new int[] {2, 1, 3, 1}, x.squeeze(0).shape()); // size 2: a no-op, as in PyTorch
        assertArrayEquals(new int[] {}, Tensor.zeros(1, 1).squeeze().shape());
    }

    @Test
    void unsqueezeInsertsASizeOneDimension() {
        var x = Tensor.zeros(2, 3);
        assertArrayEquals(new int[] {1, 2, 3}, x.unsqueeze(0).shape());
        assertArrayEquals(new int[] {2, 1, 3}, x.unsqueeze(1).shape());
        assertArrayEquals(new int[] {2, 3, 1}, x.unsqueeze(2).shape());
        assertArrayEquals(new int[] {2, 3, 1}, x.unsqueeze(-1).shape()); // -1 is the new last position
        assertArrayEquals(new int[] {1, 2, 3}, x.unsqueeze(-3).shape());
        var t = m().t().unsqueeze(1); // of a strided view: still a view
        assertSame(t.data, t.squeeze(1).data);
        assertTensor(new int[] {3, 1, 2}, new float[] {0, 3, 1, 4, 2, 5}, t);
    }

    // ------------------------------------------------------------------ split and chunk

    @Test
    void chunkSizesAsPyTorch() {
        assertArrayEquals(new int[] {2, 2, 1}, sizes(Tensor.zeros(5).chunk(3, 0), 0));
        assertArrayEquals(new int[] {3, 3, 1}, sizes(Tensor.zeros(7).chunk(3, 0), 0));
        assertArrayEquals(new int[] {2, 2, 2}, sizes(Tensor.zeros(6).chunk(4, 0), 0)); // only 3 chunks, as in PyTorch
        assertArrayEquals(new int[] {1, 1}, sizes(Tensor.zeros(2).chunk(5, 0), 0));
        assertArrayEquals(new int[] {2, 2}, sizes(Tensor.zeros(3, 4).chunk(2, -1), 1));
    }

    @Test
    void splitSizesAsPyTorch() {
        assertArrayEquals(new int[] {2, 2, 1}, sizes(Tensor.zeros(5).split(2, 0), 0));
        assertArrayEquals(new int[] {4}, sizes(Tensor.zeros(4).split(4, 0), 0));
        assertArrayEquals(new int[] {4}, sizes(Tensor.zeros(4).split(10, 0), 0));
        assertArrayEquals(new int[] {1, 0, 3}, sizes(Tensor.zeros(2, 4).split(new int[] {1, 0, 3}, -1), 1));
    }

    @Test
    void splitPiecesAreViewsWithTheRightValues() {
        var x = Tensor.arange(10).reshape(5, 2);
        var parts = x.split(2, 0);
        assertTensor(new int[] {2, 2}, new float[] {4, 5, 6, 7}, parts.get(1));
        assertTensor(new int[] {1, 2}, new float[] {8, 9}, parts.get(2));
        for (Tensor p : parts) assertSame(x.data, p.data);
        var cols = x.chunk(2, 1);
        assertTensor(new int[] {5, 1}, new float[] {1, 3, 5, 7, 9}, cols.get(1));
    }

    @Test
    void catAndStackCopy() {
        var a = Tensor.of(1, 2);
        var b = Tensor.of(3, 4);
        var c = Tensor.cat(List.of(a, b), 0);
        assertTensor(new int[] {4}, new float[] {1, 2, 3, 4}, c);
        assertNotSame(a.data, c.data);
        assertTensor(new int[] {2, 2}, new float[] {1, 2, 3, 4}, Tensor.stack(List.of(a, b), 0));
        assertTensor(new int[] {2, 2}, new float[] {1, 3, 2, 4}, Tensor.stack(List.of(a, b), 1));
        assertTensor(new int[] {2, 2}, new float[] {1, 3, 2, 4}, Tensor.stack(List.of(a, b), -1));
        assertTensor(new int[] {2, 4}, new float[] {0, 1, 2, 0, 3, 4, 5, 3},
                Tensor.cat(List.of(m(), m().narrow(1, 0, 1)), -1));
    }

    // ------------------------------------------------------------------ negative dimensions everywhere

    @Test
    void negativeDimsCountFromTheEnd() {
        var x = Tensor.arange(24).reshape(2, 3, 4);
        assertArrayEquals(x.sum(2).toArray(), x.sum(-1).toArray());
        assertArrayEquals(x.mean(1, true).toArray(), x.mean(-2, true).toArray());
        assertArrayEquals(x.softmax(2).toArray(), x.softmax(-1).toArray());
        assertArrayEquals(x.logSoftmax(0).toArray(), x.logSoftmax(-3).toArray());
        assertArrayEquals(x.max(2).values().toArray(), x.max(-1).values().toArray());
        assertArrayEquals(x.argmin(1).toArray(), x.min(-2).indices().toArray());
        assertArrayEquals(x.transpose(1, 2).toArray(), x.transpose(-1, -2).toArray());
        assertArrayEquals(x.permute(2, 0, 1).toArray(), x.permute(-1, 0, -2).toArray());
        assertArrayEquals(x.select(2, 3).toArray(), x.select(-1, -1).toArray());
        assertArrayEquals(x.narrow(2, 1, 2).toArray(), x.narrow(-1, 1, 2).toArray());
        assertArrayEquals(x.slice(2, 1, 3).toArray(), x.slice(-1, -3, -1).toArray());
        assertArrayEquals(x.flatten(1, 2).shape(), x.flatten(-2, -1).shape());
        assertArrayEquals(x.var(2).toArray(), x.var(-1).toArray());
        assertArrayEquals(x.logsumexp(1).toArray(), x.logsumexp(-2).toArray());
        assertEquals(4, x.size(-1));
        assertEquals(2, x.size(-3));
        assertArrayEquals(new int[] {2, 3, 8}, Tensor.cat(List.of(x, x), -1).shape());
        assertArrayEquals(new int[] {2, 3, 4, 2}, Tensor.stack(List.of(x, x), -1).shape());
        assertArrayEquals(new int[] {2, 3, 2}, x.split(2, -1).get(0).shape());
        assertArrayEquals(new int[] {2, 3, 2}, x.chunk(2, -1).get(1).shape());
        var index = Tensor.zeros(2, 3, 1);
        assertArrayEquals(x.gather(2, index).toArray(), x.gather(-1, index).toArray());
        assertArrayEquals(x.indexSelect(2, Tensor.of(0, 3)).toArray(), x.indexSelect(-1, Tensor.of(0, 3)).toArray());
        assertArrayEquals(x.get(1).toArray(), x.get(-1).toArray());
        assertEquals(23f, x.item(-1, -1, -1));
    }

    @Test
    void getIndexesLeadingDimensions() {
        var x = Tensor.arange(24).reshape(2, 3, 4);
        assertTensor(new int[] {3, 4}, Tensor.arange(12, 24).toArray(), x.get(1));
        assertTensor(new int[] {4}, new float[] {20, 21, 22, 23}, x.get(1, 2));
        assertTensor(new int[] {}, new float[] {22}, x.get(1, 2, 2));
        assertEquals(22f, x.get(-1, -1, -2).item());
    }

    @Test
    void flattenAndPermuteShapes() {
        var x = Tensor.zeros(2, 3, 4, 5);
        assertArrayEquals(new int[] {120}, x.flatten().shape());
        assertArrayEquals(new int[] {2, 60}, x.flatten(1, -1).shape());
        assertArrayEquals(new int[] {6, 4, 5}, x.flatten(0, 1).shape());
        assertArrayEquals(new int[] {5, 2, 4, 3}, x.permute(3, 0, 2, 1).shape());
        assertArrayEquals(new int[] {2, 3, 5, 4}, x.mT().shape());
        assertArrayEquals(new int[] {1}, Tensor.scalar(3f).flatten().shape());
    }
}
