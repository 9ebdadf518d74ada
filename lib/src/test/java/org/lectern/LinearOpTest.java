package org.lectern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** x.linear(W, b), the one-op affine map, against x.matmul(W.t()).add(b): values, gradients, shapes, errors. */
class LinearOpTest {

    @Test
    void matchesMatmulOfTheTransposePlusBias() {
        Lectern.seed(2);
        int[][] inputShapes = {{64, 400}, {5, 7}, {2, 3, 7}, {7}, {1, 7}};
        int saved = Lectern.threads();
        try {
            for (int threads : new int[] {1, 2}) {
                Lectern.threads(threads);
                for (int[] xs : inputShapes) {
                    int in = xs[xs.length - 1], out = in == 400 ? 120 : 5; // 5: the transpose's rows past a multiple of 4
                    for (boolean withBias : new boolean[] {true, false}) {
                        Tensor x = Tensor.randn(xs), w = Tensor.randn(out, in), b = withBias ? Tensor.randn(out) : null;
                        Tensor g = Tensor.randn(x.matmul(w.t()).shape());
                        Tensor[] one = run(x, w, b, g, true), two = run(x, w, b, g, false);
                        String label = java.util.Arrays.toString(xs) + " bias=" + withBias + " threads=" + threads;
                        assertArrayEquals(two[0].shape(), one[0].shape(), label);
                        for (int i = 0; i < one.length; i++) {
                            if (two[i] == null) continue;
                            float[] want = two[i].toArray(), got = one[i].toArray();
                            for (int j = 0; j < want.length; j++) {
                                assertEquals(want[j], got[j], 1e-4f * Math.max(1f, Math.abs(want[j])), "result " + i + " of " + label + " at " + j);
                            }
                        }
                    }
                }
            }
        } finally {
            Lectern.threads(saved);
        }
    }

    private static Tensor[] run(Tensor x, Tensor w, Tensor b, Tensor g, boolean oneOp) {
        Tensor xl = x.detach().requiresGrad(true), wl = w.detach().requiresGrad(true);
        Tensor bl = b == null ? null : b.detach().requiresGrad(true);
        Tensor y = oneOp ? xl.linear(wl, bl) : (bl == null ? xl.matmul(wl.t()) : xl.matmul(wl.t()).add(bl));
        y.mul(g).sum().backward();
        return new Tensor[] {y, xl.grad(), wl.grad(), bl == null ? null : bl.grad()};
    }

    @Test
    void gradientsPassFiniteDifferences() {
        Lectern.seed(4);
        GradCheck.Report r = GradCheck.check(in -> in[0].linear(in[1], in[2]),
                Tensor.randn(3, 2, 5).requiresGrad(true), Tensor.randn(4, 5).requiresGrad(true), Tensor.randn(4).requiresGrad(true));
        assertTrue(r.passed(), r::toString);
    }

    @Test
    void badShapesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).linear(Tensor.zeros(4, 5), null));
        assertTrue(e.getMessage().contains("linear") && e.getMessage().contains("[2, 3]") && e.getMessage().contains("[4, 5]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 5).linear(Tensor.zeros(4, 5), Tensor.zeros(3)));
        assertTrue(e.getMessage().contains("bias") && e.getMessage().contains("[4]"), e.getMessage());
    }
}
