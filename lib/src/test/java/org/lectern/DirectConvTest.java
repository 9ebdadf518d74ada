package org.lectern;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The direct (implicit GEMM) path of stride-1 convolutions against the im2col path: outputs and all three
 * gradients, for paddings from none to beyond the kernel, non-square kernels and inputs, one and several groups of
 * images (a last group smaller than the others), with and without bias, on one and two threads.
 */
class DirectConvTest {

    @Test
    void directPathMatchesIm2col() {
        // {n, c, h, w, o, kh, kw, ph, pw}
        int[][] cases = {
                {2, 1, 28, 28, 6, 5, 5, 2, 2}, {3, 6, 14, 14, 16, 5, 5, 0, 0}, {13, 1, 28, 28, 6, 5, 5, 2, 2},
                {37, 6, 14, 14, 16, 5, 5, 0, 0}, {2, 3, 7, 9, 4, 3, 2, 1, 0}, {3, 2, 5, 6, 7, 1, 1, 0, 0},
                {2, 4, 6, 5, 3, 3, 3, 2, 2}, {1, 2, 4, 4, 2, 4, 4, 3, 1}, {2, 2, 4, 4, 2, 2, 2, 3, 2}};
        int saved = Lectern.threads();
        try {
            for (int threads : new int[] {1, 2}) {
                Lectern.threads(threads);
                Lectern.seed(7);
                for (int[] t : cases) {
                    for (boolean withBias : new boolean[] {true, false}) check(t, withBias, threads);
                }
            }
        } finally {
            Lectern.threads(saved);
        }
    }

    private static void check(int[] t, boolean withBias, int threads) {
        int[] stride = {1, 1}, padding = {t[7], t[8]}, dilation = {1, 1};
        Tensor x = Tensor.randn(t[0], t[1], t[2], t[3]);
        Tensor w = Tensor.randn(t[4], t[1], t[5], t[6]);
        Tensor b = withBias ? Tensor.randn(t[4]) : null;
        // a gradient that differs at every output, so that misplaced positions show
        Tensor g = Tensor.randn(t[0], t[4], t[2] + 2 * t[7] - t[5] + 1, t[3] + 2 * t[8] - t[6] + 1);
        Tensor[] direct = run(x, w, b, g, stride, padding, dilation, true);
        Tensor[] im2col = run(x, w, b, g, stride, padding, dilation, false);
        String[] what = {"output", "dX", "dW", "dB"};
        for (int i = 0; i < direct.length; i++) {
            if (im2col[i] == null) continue;
            float[] want = im2col[i].toArray(), got = direct[i].toArray();
            assertEquals(want.length, got.length);
            for (int j = 0; j < want.length; j++) {
                // the two paths add in different orders: dW sums thousands of products (13 images × 784)
                assertEquals(want[j], got[j], 1e-3f * Math.max(1f, Math.abs(want[j])),
                        what[i] + " of " + java.util.Arrays.toString(t) + " bias=" + withBias + " threads=" + threads + " at " + j);
            }
        }
    }

    private static Tensor[] run(Tensor x, Tensor w, Tensor b, Tensor g, int[] stride, int[] padding, int[] dilation, boolean direct) {
        Tensor xl = x.detach().requiresGrad(true), wl = w.detach().requiresGrad(true);
        Tensor bl = b == null ? null : b.detach().requiresGrad(true);
        Tensor y = Convolution.conv2d(xl, wl, bl, stride, padding, dilation, direct);
        y.mul(g).sum().backward();
        return new Tensor[] {y, xl.grad(), wl.grad(), bl == null ? null : bl.grad()};
    }
}
