package org.lectern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What backward() computes, where gradients end up, and how the graph is recorded and freed. */
class AutogradTest {
    static final float EPS = 1e-5f;

    static void assertValues(float[] expected, Tensor actual) {
        assertArrayEquals(expected, actual.toArray(), EPS, () -> "got " + actual);
    }

    // ------------------------------------------------------------------ gradients add at branches

    @Test
    void gradientsAddWhenATensorIsUsedTwice() {
        // y = x·x + x, so dy/dx = 2x + 1: the two uses of x each contribute
        var x = Tensor.of(1f, 2f, -3f).requiresGrad(true);
        x.mul(x).add(x).sum().backward();
        assertValues(new float[] {3, 5, -5}, x.grad());
    }

    @Test
    void gradientsAddThroughAnIntermediateUsedTwice() {
        // h = 2x feeds both branches: L = h² + 3h, dL/dx = (2h + 3)·2
        var x = Tensor.of(1f, -1f).requiresGrad(true);
        var h = x.mul(2f);
        h.square().add(h.mul(3f)).sum().backward();
        assertValues(new float[] {14, -2}, x.grad());
    }

    @Test
    void sharedWeightsInAnUnrolledRnn() {
        // h_t = tanh(w·h_{t-1} + x_t), three steps with one w: dL/dw sums the three uses
        float w0 = 0.5f, h0 = 0.1f;
        float[] xs = {1f, -0.5f, 0.25f};
        var w = Tensor.scalar(w0).requiresGrad(true);
        var h = Tensor.scalar(h0);
        for (float xt : xs) h = w.mul(h).add(xt).tanh();
        h.backward();

        // the same derivative by hand, forward then backward through time
        double[] hs = new double[xs.length + 1];
        hs[0] = h0;
        for (int t = 0; t < xs.length; t++) hs[t + 1] = Math.tanh(w0 * hs[t] + xs[t]);
        double dh = 1, dw = 0;
        for (int t = xs.length - 1; t >= 0; t--) {
            double dpre = dh * (1 - hs[t + 1] * hs[t + 1]);
            dw += dpre * hs[t];
            dh = dpre * w0;
        }
        assertEquals(hs[xs.length], h.item(), EPS);
        assertEquals(dw, w.grad().item(), EPS);
        assertTrue(GradCheck.check(in -> {
            Tensor s = Tensor.scalar(h0);
            for (float xt : xs) s = in[0].mul(s).add(xt).tanh();
            return s;
        }, Tensor.scalar(w0).requiresGrad(true)).passed());
    }

    @Test
    void parameterUsedInTwoLayers() {
        // y = w·(w·x): dy/dw = 2·w·x
        var w = Tensor.scalar(3f).requiresGrad(true);
        var x = Tensor.scalar(2f);
        w.mul(w.mul(x)).backward();
        assertEquals(12f, w.grad().item(), EPS);
    }

    // ------------------------------------------------------------------ the seed gradient

    @Test
    void backwardOnNonScalarNeedsAGradient() {
        var y = Tensor.ones(2, 3).requiresGrad(true).mul(2f);
        var e = assertThrows(IllegalArgumentException.class, y::backward);
        assertTrue(e.getMessage().contains("[2, 3]"), e.getMessage());
        assertTrue(e.getMessage().contains("not a scalar"), e.getMessage());
    }

    @Test
    void backwardWithExplicitGradient() {
        // backward(v) computes the vector-Jacobian product vᵀ·J: here J = diag(2x)
        var x = Tensor.of(1f, 2f, 3f).requiresGrad(true);
        x.square().backward(Tensor.of(1f, 0.5f, -1f));
        assertValues(new float[] {2, 2, -6}, x.grad());
    }

    @Test
    void explicitGradientMustMatchTheShape() {
        var y = Tensor.of(1f, 2f, 3f).requiresGrad(true).exp();
        var e = assertThrows(IllegalArgumentException.class, () -> y.backward(Tensor.ones(2)));
        assertTrue(e.getMessage().contains("[2]") && e.getMessage().contains("[3]"), e.getMessage());
    }

    @Test
    void backwardOnScalarUsesOne() {
        var x = Tensor.scalar(4f).requiresGrad(true);
        x.sqrt().backward();
        assertEquals(0.25f, x.grad().item(), EPS);
        var shape1 = Tensor.of(4f).requiresGrad(true); // one element but shape [1]: also fine
        shape1.sqrt().backward();
        assertEquals(0.25f, shape1.grad().item(), EPS);
    }

    @Test
    void backwardWithoutGraphThrows() {
        var y = Tensor.of(1f, 2f).sum();
        var e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().contains("does not require grad"), e.getMessage());
    }

    // ------------------------------------------------------------------ which tensors get grad()

    @Test
    void onlyLeavesAndRetainedIntermediatesKeepTheirGradient() {
        var x = Tensor.of(1f, 2f).requiresGrad(true);
        var h = x.mul(3f).retainGrad();   // keep dL/dh
        var k = h.add(1f);                // an ordinary intermediate
        var loss = k.square().sum();
        loss.backward();
        assertValues(new float[] {8, 14}, h.grad());         // 2·(3x + 1)
        assertValues(new float[] {24, 42}, x.grad());         // and ·3
        assertNull(k.grad());
        assertNull(loss.grad());
        assertTrue(x.isLeaf());
        assertFalse(h.isLeaf());
        assertEquals("add", k.gradFn());
    }

    @Test
    void retainGradOnATensorWithoutGraphThrows() {
        assertThrows(IllegalStateException.class, () -> Tensor.of(1f).retainGrad());
    }

    @Test
    void inputsThatDoNotRequireGradGetNone() {
        var w = Tensor.of(1f, 2f).requiresGrad(true);
        var x = Tensor.of(3f, 4f);
        w.mul(x).sum().backward();
        assertValues(new float[] {3, 4}, w.grad());
        assertNull(x.grad());
    }

    @Test
    void detachStopsTheGradient() {
        var x = Tensor.of(2f).requiresGrad(true);
        var d = x.detach();
        assertFalse(d.requiresGrad());
        assertTrue(d.isLeaf());
        x.mul(d).backward(); // d is a constant: dL/dx = d = 2, not 2x = 4
        assertValues(new float[] {2}, x.grad());
    }

    @Test
    void detachSharesValues() {
        var x = Tensor.of(1f, 2f).requiresGrad(true);
        var d = x.detach();
        x.data[0] = 9f; // what an optimizer step does
        assertEquals(9f, d.item(0));
    }

    @Test
    void requiresGradFalseOnANonLeafThrows() {
        var y = Tensor.of(1f).requiresGrad(true).exp();
        var e = assertThrows(IllegalStateException.class, () -> y.requiresGrad(false));
        assertTrue(e.getMessage().contains("exp") && e.getMessage().contains("detach"), e.getMessage());
        assertTrue(Tensor.of(1f).requiresGrad(true).requiresGrad(false) != null); // a leaf may switch it off
    }

    // ------------------------------------------------------------------ noGrad

    @Test
    void noGradRecordsNothing() {
        var x = Tensor.of(1f, 2f).requiresGrad(true);
        Tensor y;
        try (var scope = Lectern.noGrad()) {
            assertFalse(Lectern.isGradEnabled());
            y = x.mul(2f).exp();
        }
        assertTrue(Lectern.isGradEnabled());
        assertFalse(y.requiresGrad());
        assertNull(y.gradFn());
        assertThrows(IllegalStateException.class, () -> y.sum().backward());
    }

    @Test
    void noGradScopesNestAndRestore() {
        assertTrue(Lectern.isGradEnabled());
        try (var outer = Lectern.noGrad()) {
            try (var inner = Lectern.noGrad()) {
                assertFalse(Lectern.isGradEnabled());
            }
            assertFalse(Lectern.isGradEnabled()); // the inner close restores the outer scope's "off"
            try (var on = Lectern.enableGrad()) {
                assertTrue(Lectern.isGradEnabled());
                assertTrue(Tensor.of(1f).requiresGrad(true).exp().requiresGrad());
            }
            assertFalse(Lectern.isGradEnabled());
        }
        assertTrue(Lectern.isGradEnabled());
    }

    @Test
    void noGradIsRestoredWhenTheScopeThrows() {
        assertThrows(ArithmeticException.class, () -> {
            try (var scope = Lectern.noGrad()) {
                Tensor.of(-1f).log();
            }
        });
        assertTrue(Lectern.isGradEnabled());
    }

    // ------------------------------------------------------------------ freeing and accumulating

    @Test
    void secondBackwardThroughAFreedGraphThrows() {
        var x = Tensor.of(1f, 2f).requiresGrad(true);
        var loss = x.exp().sum();
        loss.backward();
        var e = assertThrows(IllegalStateException.class, loss::backward);
        assertTrue(e.getMessage().contains("freed"), e.getMessage());
    }

    @Test
    void secondBackwardThroughAFreedIntermediateThrows() {
        var x = Tensor.of(1f, 2f).requiresGrad(true);
        var h = x.exp();
        h.sum().backward();
        var e = assertThrows(IllegalStateException.class, () -> h.mean().backward());
        assertTrue(e.getMessage().contains("freed"), e.getMessage());
    }

    @Test
    void retainGraphAllowsASecondBackwardThatAccumulates() {
        var x = Tensor.of(1f, 2f).requiresGrad(true);
        var loss = x.square().sum();
        loss.backward(null, true);
        assertValues(new float[] {2, 4}, x.grad());
        loss.backward(null, true);
        assertValues(new float[] {4, 8}, x.grad());
        loss.backward(); // the last call may free the graph
        assertValues(new float[] {6, 12}, x.grad());
        assertThrows(IllegalStateException.class, loss::backward);
    }

    @Test
    void leafGradientsAccumulateAcrossForwardPasses() {
        // two mini-batches without zeroGrad() in between: the gradients add, as in PyTorch
        var w = Tensor.of(1f, 1f).requiresGrad(true);
        w.mul(Tensor.of(2f, 3f)).sum().backward();
        w.mul(Tensor.of(10f, 20f)).sum().backward();
        assertValues(new float[] {12, 23}, w.grad());
    }

    @Test
    void zeroGradClearsTheGradient() {
        var w = Tensor.of(1f, 1f).requiresGrad(true);
        w.mul(3f).sum().backward();
        w.zeroGrad();
        assertNull(w.grad());
        w.mul(5f).sum().backward();
        assertValues(new float[] {5, 5}, w.grad());
    }

    @Test
    void gradientsAreDenseAndIndependentOfTheGraph() {
        // sum's backward is an expanded (stride-0) view; the stored gradient is a plain array
        var a = Tensor.ones(2, 3).requiresGrad(true);
        a.sum().backward();
        assertTrue(a.grad().isContiguous());
        assertNotNull(a.grad());
        assertArrayEquals(new int[] {2, 3}, a.grad().shape());
        assertEquals(6, a.grad().toArray().length);
        assertFalse(a.grad().requiresGrad());
    }

    @Test
    void eachLeafOwnsItsGradient() {
        // add passes the same gradient to both operands; the seed is the caller's tensor: neither may be shared,
        // or an in-place update of one gradient (clipping, weight decay) would change the other
        var a = Tensor.of(1f, 2f).requiresGrad(true);
        var b = Tensor.of(3f, 4f).requiresGrad(true);
        var seed = Tensor.of(1f, 1f);
        a.add(b).backward(seed);
        assertTrue(a.grad().data != b.grad().data);
        assertTrue(a.grad().data != seed.data);
        var x = Tensor.of(5f).requiresGrad(true);
        var g = Tensor.of(2f);
        x.backward(g);
        assertTrue(x.grad().data != g.data);
        assertValues(new float[] {2}, x.grad());
    }

    @Test
    void gradientOfAViewReachesTheBase() {
        var x = Tensor.arange(6).reshape(2, 3).requiresGrad(true);
        x.t().get(1).mul(Tensor.of(10f, 20f)).sum().backward(); // column 1 of x
        assertValues(new float[] {0, 10, 0, 0, 20, 0}, x.grad());
    }

    @Test
    void longChainsDoNotOverflowTheStack() {
        var x = Tensor.scalar(1f).requiresGrad(true);
        var y = x;
        for (int i = 0; i < 20_000; i++) y = y.mul(1f);
        y.backward();
        assertEquals(1f, x.grad().item(), EPS);
    }
}
