package org.lectern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * conv2dRelu, the fused convolution and relu, gives what conv2d followed by relu gives: the same output
 * (bit for bit: the relu is applied to the same floats) and the same gradients, on the direct path and on
 * geometries that fall back to the two ops, on one and two threads.
 */
class ConvReluTest {

    @Test
    void fusedMatchesConvThenRelu() {
        // {n, c, h, w, o, k, stride, padding}
        int[][] cases = {{4, 1, 28, 28, 6, 5, 1, 2}, {37, 6, 14, 14, 16, 5, 1, 0}, {3, 2, 7, 9, 4, 3, 1, 1}, {3, 2, 9, 9, 4, 3, 2, 1}};
        int saved = Lectern.threads();
        try {
            for (int threads : new int[] {1, 2}) {
                Lectern.threads(threads);
                Lectern.seed(11);
                for (int[] t : cases) {
                    for (boolean withBias : new boolean[] {true, false}) check(t, withBias, threads);
                }
            }
        } finally {
            Lectern.threads(saved);
        }
    }

    private static void check(int[] t, boolean withBias, int threads) {
        int[] stride = {t[6], t[6]}, padding = {t[7], t[7]}, dilation = {1, 1};
        Tensor x = Tensor.randn(t[0], t[1], t[2], t[3]);
        Tensor w = Tensor.randn(t[4], t[1], t[5], t[5]);
        Tensor b = withBias ? Tensor.randn(t[4]) : null;
        int oh = (t[2] + 2 * t[7] - t[5]) / t[6] + 1, ow = (t[3] + 2 * t[7] - t[5]) / t[6] + 1;
        Tensor g = Tensor.randn(t[0], t[4], oh, ow);
        Tensor[] fused = run(x, w, b, g, stride, padding, dilation, true);
        Tensor[] twoOps = run(x, w, b, g, stride, padding, dilation, false);
        String label = java.util.Arrays.toString(t) + " bias=" + withBias + " threads=" + threads;
        assertArrayEquals(twoOps[0].toArray(), fused[0].toArray(), "output of " + label);
        assertTrue(java.util.Arrays.stream(boxed(fused[0].toArray())).anyMatch(v -> v == 0f)
                && java.util.Arrays.stream(boxed(fused[0].toArray())).anyMatch(v -> v > 0f), "the relu cuts some outputs: " + label);
        String[] what = {"output", "dX", "dW", "dB"};
        for (int i = 1; i < fused.length; i++) {
            if (twoOps[i] == null) continue;
            float[] want = twoOps[i].toArray(), got = fused[i].toArray();
            for (int j = 0; j < want.length; j++) {
                assertEquals(want[j], got[j], 1e-4f * Math.max(1f, Math.abs(want[j])), what[i] + " of " + label + " at " + j);
            }
        }
    }

    private static Float[] boxed(float[] a) {
        Float[] b = new Float[a.length];
        for (int i = 0; i < a.length; i++) b[i] = a[i];
        return b;
    }

    private static Tensor[] run(Tensor x, Tensor w, Tensor b, Tensor g, int[] stride, int[] padding, int[] dilation, boolean fused) {
        Tensor xl = x.detach().requiresGrad(true), wl = w.detach().requiresGrad(true);
        Tensor bl = b == null ? null : b.detach().requiresGrad(true);
        Tensor y = fused ? xl.conv2dRelu(wl, bl, stride, padding, dilation) : xl.conv2d(wl, bl, stride, padding, dilation).relu();
        y.mul(g).sum().backward();
        return new Tensor[] {y, xl.grad(), wl.grad(), bl == null ? null : bl.grad()};
    }

    @Test
    void gradientsPassFiniteDifferences() {
        Lectern.seed(3);
        Tensor x = Tensor.randn(2, 2, 6, 6).requiresGrad(true);
        Tensor w = Tensor.randn(3, 2, 3, 3).requiresGrad(true);
        Tensor b = Tensor.randn(3).requiresGrad(true);
        // a step of 1e-3: with the default 1e-2 a pre-activation within a step of zero crosses the relu's
        // kink, where finite differences are wrong (the unfused conv2d(...).relu() fails there alike)
        GradCheck.Report r = GradCheck.check(in -> in[0].conv2dRelu(in[1], in[2], new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}),
                1e-3, GradCheck.DEFAULT_TOLERANCE, x, w, b);
        assertTrue(r.passed(), r::toString);
    }

    @Test
    void sequentialFusesConvAndReluWithTheSameResults() {
        Lectern.seed(5);
        var conv = new org.lectern.nn.Conv2d(1, 4, 3, 1, 1);
        var model = new org.lectern.nn.Sequential(conv, new org.lectern.nn.ReLU(), new org.lectern.nn.MaxPool2d(2));
        Tensor x = Tensor.randn(3, 1, 8, 8);
        Tensor fused = model.forward(x);
        assertEquals("max_pool2d", fused.gradFn());
        fused.sum().backward();
        float[] dwFused = conv.weight.grad().toArray(), dbFused = conv.bias.grad().toArray();
        model.zeroGrad();

        Tensor h = x;
        for (int i = 0; i < model.size(); i++) h = model.get(i).forward(h); // one layer at a time: not fused
        assertArrayEquals(h.toArray(), fused.toArray());
        h.sum().backward();
        float[] dw = conv.weight.grad().toArray(), db = conv.bias.grad().toArray();
        for (int j = 0; j < dw.length; j++) assertEquals(dw[j], dwFused[j], 1e-4f * Math.max(1f, Math.abs(dw[j])), "dW at " + j);
        for (int j = 0; j < db.length; j++) assertEquals(db[j], dbFused[j], 1e-4f * Math.max(1f, Math.abs(db[j])), "dB at " + j);
    }
}
