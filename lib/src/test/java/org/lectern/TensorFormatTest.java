package org.lectern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * toString() prints as PyTorch does. Every expected string below (without Lectern's ", shape=[...]" suffix)
 * is what torch 1.13 prints for the same values, e.g. {@code python3 -c "import torch; print(torch.tensor([1., 2.]))"}.
 */
class TensorFormatTest {
    static final float INF = Float.POSITIVE_INFINITY, NAN = Float.NaN;

    // ------------------------------------------------------------------ number styles

    @Test
    void wholeNumbersPrintWithATrailingDot() {
        assertEquals("tensor([1., 2., 3.], shape=[3])", Tensor.of(1, 2, 3).toString());
        assertEquals("tensor([-0., 1.], shape=[2])", Tensor.of(-0f, 1f).toString());
    }

    @Test
    void columnsAreRightAligned() {
        assertEquals("tensor([[ -1.,  20.],\n"
                   + "        [300.,   4.]], shape=[2, 2])", Tensor.of(new float[][] {{-1, 20}, {300, 4}}).toString());
        assertEquals("tensor([[ 1.5000, -2.2500],\n"
                   + "        [ 3.1250,  4.0000]], shape=[2, 2])", Tensor.of(new float[][] {{1.5f, -2.25f}, {3.125f, 4}}).toString());
    }

    @Test
    void fractionsPrintWithFourDecimals() {
        assertEquals("tensor([ 0.1000, 12.3456, -7.5000], shape=[3])", Tensor.of(0.1f, 12.3456f, -7.5f).toString());
        assertEquals("tensor([[0.4963, 0.7682, 0.0885],\n"
                   + "        [0.1320, 0.3074, 0.6341]], shape=[2, 3])",
                Tensor.of(new float[][] {{0.4963f, 0.7682f, 0.0885f}, {0.1320f, 0.3074f, 0.6341f}}).toString());
    }

    @Test
    void roundingIsHalfToEvenOnTheExactValue() {
        // 0.03125 and 0.09375 are exact in binary: a tie at the 5th decimal, rounded to even as Python does
        assertEquals("tensor([0.0312, 1.5000, 0.0938], shape=[3])", Tensor.of(0.03125f, 1.5f, 0.09375f).toString());
    }

    @Test
    void scientificWhenMagnitudesAreFarApart() {
        assertEquals("tensor([1.0000e-05, 1.0000e+00, 1.0000e+03], shape=[3])", Tensor.of(1e-5f, 1f, 1000f).toString());
        assertEquals("tensor([5.0000e-01, 2.0000e+03], shape=[2])", Tensor.of(0.5f, 2000f).toString()); // ratio > 1000
        assertEquals("tensor([1.5000e+09, 1.0000e+00], shape=[2])", Tensor.of(1.5e9f, 1f).toString());  // > 1e8
        assertEquals("tensor([1.0000e-04, 5.0000e-01], shape=[2])", Tensor.of(0.0001f, 0.5f).toString()); // < 1e-4
        assertEquals("tensor([-1.0000e-05,  2.5000e+00, -3.0000e+04], shape=[3])", Tensor.of(-1e-5f, 2.5f, -3e4f).toString());
        assertEquals("tensor([1.0000e+01, 1.2345e-04], shape=[2])", Tensor.of(9.99996f, 0.00012345f).toString());
    }

    @Test
    void wholeNumbersAlsoSwitchToScientific() {
        assertEquals("tensor([1.0000e+09, 1.0000e+00], shape=[2])", Tensor.of(1e9f, 1f).toString());
        assertEquals("tensor([1.0000e+00, 1.0010e+03], shape=[2])", Tensor.of(1f, 1001f).toString());
        assertEquals("tensor([   1., 1000.], shape=[2])", Tensor.of(1f, 1000f).toString()); // exactly 1000: not yet
    }

    @Test
    void zerosDoNotDecideTheStyle() {
        assertEquals("tensor([[0., 0.],\n"
                   + "        [0., 0.]], shape=[2, 2])", Tensor.zeros(2, 2).toString());
        assertEquals("tensor([0.0000e+00, 1.0000e-05, 1.0000e+00], shape=[3])", Tensor.of(0f, 1e-5f, 1f).toString());
    }

    @Test
    void infinityAndNan() {
        assertEquals("tensor([1., inf, nan, -inf], shape=[4])", Tensor.of(1f, INF, NAN, -INF).toString());
        assertEquals("tensor([1.5000,    inf,    nan], shape=[3])", Tensor.of(1.5f, INF, NAN).toString());
        assertEquals("tensor([nan, nan], shape=[2])", Tensor.of(NAN, NAN).toString());
        assertEquals("tensor([[1.5000,   -inf],\n"
                   + "        [2.0000, 3.0000]], shape=[2, 2])", Tensor.of(new float[][] {{1.5f, -INF}, {2, 3}}).toString());
    }

    // ------------------------------------------------------------------ 0-d and empty

    @Test
    void zeroDimensionalTensors() {
        assertEquals("tensor(3.5000, shape=[])", Tensor.scalar(3.5f).toString());
        assertEquals("tensor(2., shape=[])", Tensor.scalar(2f).toString());
        assertEquals("tensor(-0.1250, shape=[])", Tensor.scalar(-0.125f).toString());
        assertEquals("tensor(1.0000e-07, shape=[])", Tensor.scalar(1e-7f).toString());
        assertEquals("tensor(nan, shape=[])", Tensor.scalar(NAN).toString());
        assertEquals("tensor(6., shape=[])", Tensor.of(1, 2, 3).sum().toString());
    }

    @Test
    void emptyTensors() {
        assertEquals("tensor([], shape=[0])", Tensor.zeros(0).toString());
        assertEquals("tensor([], shape=[2, 0])", Tensor.zeros(2, 0).toString());
    }

    // ------------------------------------------------------------------ layout

    @Test
    void threeDimensionsSeparateBlocksByABlankLine() {
        assertEquals("tensor([[[ 0.,  1.,  2.,  3.],\n"
                   + "         [ 4.,  5.,  6.,  7.],\n"
                   + "         [ 8.,  9., 10., 11.]],\n"
                   + "\n"
                   + "        [[12., 13., 14., 15.],\n"
                   + "         [16., 17., 18., 19.],\n"
                   + "         [20., 21., 22., 23.]]], shape=[2, 3, 4])", Tensor.arange(24).reshape(2, 3, 4).toString());
    }

    @Test
    void fourDimensionsSeparateByTwoBlankLines() {
        assertEquals("tensor([[[[ 0.,  1.],\n"
                   + "          [ 2.,  3.]],\n"
                   + "\n"
                   + "         [[ 4.,  5.],\n"
                   + "          [ 6.,  7.]]],\n"
                   + "\n"
                   + "\n"
                   + "        [[[ 8.,  9.],\n"
                   + "          [10., 11.]],\n"
                   + "\n"
                   + "         [[12., 13.],\n"
                   + "          [14., 15.]]]], shape=[2, 2, 2, 2])", Tensor.arange(16).reshape(2, 2, 2, 2).toString());
    }

    @Test
    void rowsAndColumns() {
        assertEquals("tensor([[1., 2., 3.]], shape=[1, 3])", Tensor.of(new float[][] {{1, 2, 3}}).toString());
        assertEquals("tensor([[1.0000],\n"
                   + "        [2.5000]], shape=[2, 1])", Tensor.of(new float[][] {{1}, {2.5f}}).toString());
    }

    @Test
    void longRowsWrapAtEightyColumns() {
        assertEquals("tensor([ 0.0000,  1.5000,  3.0000,  4.5000,  6.0000,  7.5000,  9.0000, 10.5000,\n"
                   + "        12.0000, 13.5000, 15.0000, 16.5000, 18.0000, 19.5000, 21.0000, 22.5000,\n"
                   + "        24.0000, 25.5000, 27.0000, 28.5000, 30.0000, 31.5000, 33.0000, 34.5000,\n"
                   + "        36.0000, 37.5000, 39.0000, 40.5000, 42.0000, 43.5000], shape=[30])",
                Tensor.arange(30).mul(1.5f).toString());
        assertEquals("tensor([ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11., 12., 13.,\n"
                   + "        14., 15., 16., 17., 18., 19., 20., 21., 22., 23., 24., 25., 26., 27.,\n"
                   + "        28., 29., 30., 31., 32., 33., 34., 35., 36., 37., 38., 39.], shape=[40])",
                Tensor.arange(40).toString());
    }

    @Test
    void nestedRowsWrapToo() {
        assertEquals("tensor([[ 0.0000,  1.5000,  3.0000,  4.5000,  6.0000,  7.5000,  9.0000, 10.5000,\n"
                   + "         12.0000, 13.5000, 15.0000, 16.5000, 18.0000, 19.5000, 21.0000, 22.5000,\n"
                   + "         24.0000, 25.5000, 27.0000, 28.5000],\n"
                   + "        [30.0000, 31.5000, 33.0000, 34.5000, 36.0000, 37.5000, 39.0000, 40.5000,\n"
                   + "         42.0000, 43.5000, 45.0000, 46.5000, 48.0000, 49.5000, 51.0000, 52.5000,\n"
                   + "         54.0000, 55.5000, 57.0000, 58.5000]], shape=[2, 20])",
                Tensor.arange(40).mul(1.5f).reshape(2, 20).toString());
    }

    @Test
    void noLineEndsInASpace() {
        for (String line : Tensor.linspace(-3, 3, 50).reshape(5, 10).toString().split("\n")) {
            assertTrue(!line.endsWith(" "), () -> "trailing space in: " + line);
        }
    }

    // ------------------------------------------------------------------ elision

    @Test
    void thousandElementsPrintInFull() {
        String s = Tensor.arange(1000).toString();
        assertTrue(!s.contains("..."));
        assertTrue(s.endsWith("999.], shape=[1000])"), s);
    }

    @Test
    void moreThanAThousandAreElided() {
        assertEquals("tensor([0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 1.9970e+03, 1.9980e+03,\n"
                   + "        1.9990e+03], shape=[2000])", Tensor.arange(2000).toString());
    }

    @Test
    void elidedValuesDoNotDecideTheStyle() {
        // 1e-9 hidden in the middle would force scientific notation if it counted
        float[] w = Tensor.arange(1001).mul(0.5f).add(1f).toArray();
        w[500] = 1e-9f;
        assertEquals("tensor([  1.0000,   1.5000,   2.0000,  ..., 500.0000, 500.5000, 501.0000], shape=[1001])",
                Tensor.of(w).toString());
    }

    @Test
    void elidedMatrixShowsThreeRowsAndColumnsAtEachEnd() {
        assertEquals("tensor([[0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 2.7000e+01, 2.8000e+01,\n"
                   + "         2.9000e+01],\n"
                   + "        [3.0000e+01, 3.1000e+01, 3.2000e+01,  ..., 5.7000e+01, 5.8000e+01,\n"
                   + "         5.9000e+01],\n"
                   + "        [6.0000e+01, 6.1000e+01, 6.2000e+01,  ..., 8.7000e+01, 8.8000e+01,\n"
                   + "         8.9000e+01],\n"
                   + "        ...,\n"
                   + "        [1.1100e+03, 1.1110e+03, 1.1120e+03,  ..., 1.1370e+03, 1.1380e+03,\n"
                   + "         1.1390e+03],\n"
                   + "        [1.1400e+03, 1.1410e+03, 1.1420e+03,  ..., 1.1670e+03, 1.1680e+03,\n"
                   + "         1.1690e+03],\n"
                   + "        [1.1700e+03, 1.1710e+03, 1.1720e+03,  ..., 1.1970e+03, 1.1980e+03,\n"
                   + "         1.1990e+03]], shape=[40, 30])", Tensor.arange(1200).reshape(40, 30).toString());
    }

    @Test
    void elidedColumnOfNarrowRows() {
        String s = Tensor.arange(1500).reshape(500, 3).div(7f).toString();
        assertEquals("tensor([[0.0000e+00, 1.4286e-01, 2.8571e-01],\n"
                   + "        [4.2857e-01, 5.7143e-01, 7.1429e-01],\n"
                   + "        [8.5714e-01, 1.0000e+00, 1.1429e+00],\n"
                   + "        ...,\n"
                   + "        [2.1300e+02, 2.1314e+02, 2.1329e+02],\n"
                   + "        [2.1343e+02, 2.1357e+02, 2.1371e+02],\n"
                   + "        [2.1386e+02, 2.1400e+02, 2.1414e+02]], shape=[500, 3])", s);
    }

    @Test
    void elidedThreeDimensionalTensor() {
        String s = Tensor.arange(1100).reshape(11, 10, 10).toString();
        assertTrue(s.startsWith("tensor([[[0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 7.0000e+00,\n"
                              + "          8.0000e+00, 9.0000e+00],\n"
                              + "         [1.0000e+01, 1.1000e+01, 1.2000e+01,  ..., 1.7000e+01,\n"
                              + "          1.8000e+01, 1.9000e+01],\n"), s);
        assertTrue(s.contains("          2.8000e+01, 2.9000e+01],\n"
                            + "         ...,\n"
                            + "         [7.0000e+01,"), s);
        assertTrue(s.contains("          2.9800e+02, 2.9900e+02]],\n"
                            + "\n"
                            + "        ...,\n"
                            + "\n"
                            + "        [[8.0000e+02,"), s);
        assertTrue(s.endsWith("          1.0980e+03, 1.0990e+03]]], shape=[11, 10, 10])"), s);
    }

    // ------------------------------------------------------------------ Lectern's suffixes

    @Test
    void gradientInformationFollowsTheShape() {
        var w = Tensor.of(1f, 2f).requiresGrad(true);
        assertEquals("tensor([1., 2.], shape=[2], requiresGrad=true)", w.toString());
        assertEquals("tensor([2., 4.], shape=[2], gradFn=mul)", w.mul(2f).toString());
        assertEquals("tensor(3., shape=[], gradFn=sum)", w.sum().toString());
        assertEquals("tensor([1., 2.], shape=[2])", w.detach().toString());
    }

    @Test
    void viewsPrintTheirOwnLayout() {
        assertEquals("tensor([[0., 3.],\n"
                   + "        [1., 4.],\n"
                   + "        [2., 5.]], shape=[3, 2])", Tensor.arange(6).reshape(2, 3).t().toString());
        assertEquals("tensor([1., 3., 5.], shape=[3])", Tensor.arange(7).slice(0, 1, 7, 2).toString());
    }
}
