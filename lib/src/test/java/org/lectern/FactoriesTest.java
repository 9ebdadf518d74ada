package org.lectern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Ways to make a tensor, with the values PyTorch's factories of the same name give. */
class FactoriesTest {

    static void assertTensor(int[] shape, float[] values, Tensor t) {
        assertArrayEquals(shape, t.shape(), () -> "shape of " + t);
        assertArrayEquals(values, t.toArray(), 1e-6f, () -> "values of " + t);
    }

    // ------------------------------------------------------------------ from values

    @Test
    void ofVectorsMatricesAndBlocks() {
        assertTensor(new int[] {3}, new float[] {1, 2, 3}, Tensor.of(1, 2, 3));
        assertTensor(new int[] {2, 2}, new float[] {1, 2, 3, 4}, Tensor.of(new float[][] {{1, 2}, {3, 4}}));
        assertTensor(new int[] {2, 1, 2}, new float[] {1, 2, 3, 4}, Tensor.of(new float[][][] {{{1, 2}}, {{3, 4}}}));
        assertTensor(new int[] {0}, new float[0], Tensor.of());
    }

    @Test
    void ofCopiesItsInput() {
        float[] values = {1, 2, 3};
        var t = Tensor.of(values);
        values[0] = 99;
        assertEquals(1f, t.item(0));
        var u = Tensor.fromArray(values, 3, 1);
        values[1] = 99;
        assertEquals(2f, u.item(1, 0));
    }

    @Test
    void fromArrayFillsRowMajor() {
        var t = Tensor.fromArray(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertEquals(6f, t.item(1, 2));
        assertEquals(4f, t.item(-1, 0));
        assertEquals(3, t.size(-1));
        assertEquals(2, t.dim());
        assertEquals(6, t.numel());
    }

    @Test
    void scalarIsZeroDimensional() {
        var s = Tensor.scalar(2.5f);
        assertEquals(0, s.dim());
        assertArrayEquals(new int[0], s.shape());
        assertEquals(1, s.numel());
        assertEquals(2.5f, s.item());
    }

    // ------------------------------------------------------------------ constant fills

    @Test
    void zerosOnesFull() {
        assertTensor(new int[] {2, 3}, new float[6], Tensor.zeros(2, 3));
        assertTensor(new int[] {2}, new float[] {1, 1}, Tensor.ones(2));
        assertTensor(new int[] {1, 2}, new float[] {7, 7}, Tensor.full(7f, 1, 2));
        assertTensor(new int[] {}, new float[] {0}, Tensor.zeros());
        assertTensor(new int[] {3, 0}, new float[0], Tensor.ones(3, 0));
        var x = Tensor.of(new float[][] {{1, 2, 3}});
        assertTensor(new int[] {1, 3}, new float[3], Tensor.zerosLike(x));
        assertTensor(new int[] {1, 3}, new float[] {1, 1, 1}, Tensor.onesLike(x));
    }

    @Test
    void eye() {
        assertTensor(new int[] {3, 3}, new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, Tensor.eye(3));
        assertTensor(new int[] {2, 3}, new float[] {1, 0, 0, 0, 1, 0}, Tensor.eye(2, 3));
        assertTensor(new int[] {3, 2}, new float[] {1, 0, 0, 1, 0, 0}, Tensor.eye(3, 2));
    }

    // ------------------------------------------------------------------ ranges

    @Test
    void arange() {
        assertTensor(new int[] {5}, new float[] {0, 1, 2, 3, 4}, Tensor.arange(5));
        assertTensor(new int[] {3}, new float[] {2, 3, 4}, Tensor.arange(2, 5));
        assertTensor(new int[] {4}, new float[] {1, 3, 5, 7}, Tensor.arange(1, 8, 2));
        assertTensor(new int[] {0}, new float[0], Tensor.arange(0));
        assertTensor(new int[] {0}, new float[0], Tensor.arange(3, 1)); // end before start: empty
    }

    @Test
    void arangeWithNegativeStep() {
        assertTensor(new int[] {5}, new float[] {5, 4, 3, 2, 1}, Tensor.arange(5, 0, -1));
        assertTensor(new int[] {4}, new float[] {1, 0.75f, 0.5f, 0.25f}, Tensor.arange(1, 0, -0.25f));
        assertTensor(new int[] {0}, new float[0], Tensor.arange(0, 1, -1));
    }

    @Test
    void arangeWithFloatStep() {
        assertTensor(new int[] {3}, new float[] {0, 0.5f, 1}, Tensor.arange(0, 1.5f, 0.5f));
        assertEquals(10, Tensor.arange(0, 1, 0.1f).numel()); // as torch.arange(0, 1, 0.1)
        assertEquals(0.9f, Tensor.arange(0, 1, 0.1f).item(9), 1e-6f);
    }

    @Test
    void arangeStaysBelowTheEndEvenWhenTheStepIsInexact() {
        // 0.1f and 0.3f are not exactly 1/10 and 3/10: in float32 the fourth value would round to 0.3f itself
        var t = Tensor.arange(0, 0.3f, 0.1f);
        assertTensor(new int[] {3}, new float[] {0, 0.1f, 0.2f}, t);
        for (float v : t.toArray()) assertTrue(v < 0.3f, t::toString);
        // counting down, 0.3f - 3·0.1f is 7e-9, truly above 0: kept (numel 4), as torch.arange would with these floats
        var down = Tensor.arange(0.3f, 0, -0.1f);
        for (float v : down.toArray()) assertTrue(v > 0f, down::toString);
    }

    @Test
    void linspaceIncludesBothEnds() {
        assertTensor(new int[] {5}, new float[] {0, 0.25f, 0.5f, 0.75f, 1}, Tensor.linspace(0, 1, 5));
        assertTensor(new int[] {3}, new float[] {1, 0, -1}, Tensor.linspace(1, -1, 3));
        assertTensor(new int[] {1}, new float[] {2}, Tensor.linspace(2, 2, 1));
        assertTensor(new int[] {0}, new float[0], Tensor.linspace(0, 1, 0));
        assertEquals(1f, Tensor.linspace(0, 1, 7).item(6)); // the end exactly, not 0.99999994
    }

    // ------------------------------------------------------------------ random

    @Test
    void sameSeedSameValues() {
        Lectern.seed(42);
        float[] a = Tensor.randn(100).toArray();
        float[] b = Tensor.rand(3, 4).toArray();
        float[] c = Tensor.randint(0, 10, 20).toArray();
        Lectern.seed(42);
        assertArrayEquals(a, Tensor.randn(100).toArray());
        assertArrayEquals(b, Tensor.rand(3, 4).toArray());
        assertArrayEquals(c, Tensor.randint(0, 10, 20).toArray());
    }

    @Test
    void differentSeedsOrDrawsDiffer() {
        Lectern.seed(1);
        float[] a = Tensor.randn(10).toArray();
        float[] next = Tensor.randn(10).toArray();
        Lectern.seed(2);
        float[] b = Tensor.randn(10).toArray();
        assertFalse(Arrays.equals(a, b));
        assertFalse(Arrays.equals(a, next)); // the generator moves on between calls
    }

    @Test
    void randnIsStandardNormal() {
        Lectern.seed(0);
        var x = Tensor.randn(200, 500); // 100 000 samples: the standard error of the mean is 0.003
        assertArrayEquals(new int[] {200, 500}, x.shape());
        assertEquals(0f, x.mean().item(), 0.015f);
        assertEquals(1f, x.std().item(), 0.015f);
        float inside = x.abs().lt(1f).mean().item(); // P(|z| < 1) = 0.6827
        assertEquals(0.6827f, inside, 0.01f);
    }

    @Test
    void randIsUniformOnZeroToOne() {
        Lectern.seed(0);
        var x = Tensor.rand(100_000);
        assertTrue(x.min().item() >= 0f);
        assertTrue(x.max().item() < 1f);
        assertEquals(0.5f, x.mean().item(), 0.01f);
        assertEquals((float) Math.sqrt(1 / 12.0), x.std().item(), 0.01f);
        assertEquals(0.25f, x.lt(0.25f).mean().item(), 0.01f);
    }

    @Test
    void uniformCoversLowToHigh() {
        Lectern.seed(0);
        var x = Tensor.uniform(-2f, 3f, 50_000);
        assertTrue(x.min().item() >= -2f);
        assertTrue(x.max().item() < 3f);
        assertEquals(0.5f, x.mean().item(), 0.05f);
    }

    @Test
    void randintDrawsWholeNumbersInRange() {
        Lectern.seed(0);
        var x = Tensor.randint(-2, 3, 10_000);
        int[] counts = new int[5];
        for (float v : x.toArray()) {
            assertEquals(Math.rint(v), v);
            assertTrue(v >= -2 && v < 3, "out of range: " + v);
            counts[(int) v + 2]++;
        }
        for (int c : counts) assertEquals(2000, c, 200); // each of the 5 values about equally often
    }

    @Test
    void randomTensorsDoNotRequireGrad() {
        assertFalse(Tensor.randn(2).requiresGrad());
        assertTrue(Tensor.randn(2).requiresGrad(true).requiresGrad());
        assertNotEquals(null, Tensor.randn(2).requiresGrad(true).toString());
    }
}
