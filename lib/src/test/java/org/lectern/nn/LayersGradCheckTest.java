package org.lectern.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.lectern.GradCheck;
import org.lectern.Lectern;
import org.lectern.Tensor;

/**
 * Layers, pools and losses against finite differences.
 *
 * <p>Two checkers: {@link GradCheck} for functional forms (input, weight and bias are all inputs of the
 * function), and {@link #assertParamGrads} for modules, which nudges a layer's own parameter tensors in
 * place (inside noGrad) and compares (L(p+h) − L(p−h)) / 2h with the gradient backward() left in
 * {@code p.grad()}. Both project the output on a fixed random direction, so every output element counts.
 *
 * <p>Inputs of max pooling and of relu nets are spread so that no finite-difference step crosses a tie or
 * a kink: pools get distinct grid values, and the LeNet check uses a small step.
 */
class LayersGradCheckTest {
    static final double TOL = 2e-3;

    @BeforeEach
    void seed() {
        Lectern.seed(11);
    }

    // ------------------------------------------------------------------ helpers

    static void assertGrad(Function<Tensor[], Tensor> f, Tensor... inputs) {
        assertGrad(GradCheck.DEFAULT_STEP, f, inputs);
    }

    static void assertGrad(double step, Function<Tensor[], Tensor> f, Tensor... inputs) {
        GradCheck.Report report = GradCheck.check(f, step, TOL, inputs);
        assertTrue(report.passed(), report::toString);
    }

    static Tensor randn(int... shape) {
        return Tensor.randn(shape).requiresGrad(true);
    }

    /** Distinct values 0.25 apart, shuffled: max pooling has no ties within a finite-difference step. */
    static Tensor grid(int... shape) {
        int n = 1;
        for (int d : shape) n *= d;
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (i - n / 2) * 0.25f;
        Random rng = new Random(n);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            float t = v[i];
            v[i] = v[j];
            v[j] = t;
        }
        return Tensor.fromArray(v, shape).requiresGrad(true);
    }

    /**
     * Checks d(r·f())/dp for each given tensor p (module parameters or inputs that require grad) against
     * central differences, changing p's values in place and restoring them.
     */
    static void assertParamGrads(double step, Supplier<Tensor> f, Tensor... params) {
        for (Tensor p : params) p.zeroGrad();
        Tensor out = f.get();
        Random rng = new Random(99);
        float[] r = new float[out.numel()];
        for (int i = 0; i < r.length; i++) r[i] = (float) (rng.nextDouble() * 2 - 1);
        out.backward(Tensor.fromArray(r, out.shape()));
        StringBuilder report = new StringBuilder();
        double worstAll = 0;
        for (int k = 0; k < params.length; k++) {
            Tensor p = params[k];
            float[] analytic = p.grad() == null ? new float[p.numel()] : p.grad().toArray();
            float[] x = p.toArray();
            double worst = 0;
            int worstAt = 0;
            double worstA = 0, worstN = 0;
            for (int j = 0; j < x.length; j++) {
                float saved = x[j];
                double h = step * Math.max(1.0, Math.abs(saved));
                x[j] = (float) (saved + h);
                double hPlus = x[j] - saved;
                set(p, x);
                double up = project(f, r);
                x[j] = (float) (saved - h);
                double hMinus = saved - x[j];
                set(p, x);
                double down = project(f, r);
                x[j] = saved;
                set(p, x);
                double numeric = (up - down) / (hPlus + hMinus);
                double err = Math.abs(analytic[j] - numeric) / Math.max(1.0, Math.max(Math.abs(analytic[j]), Math.abs(numeric)));
                if (err > worst) {
                    worst = err;
                    worstAt = j;
                    worstA = analytic[j];
                    worstN = numeric;
                }
            }
            worstAll = Math.max(worstAll, worst);
            report.append(String.format(Locale.ROOT, "  tensor %d %s: worst relative error %.2e at flat index %d (analytic %.6g, numeric %.6g)%n",
                    k, java.util.Arrays.toString(p.shape()), worst, worstAt, worstA, worstN));
        }
        assertTrue(worstAll <= TOL, "parameter gradient check failed (tolerance " + TOL + ")\n" + report);
    }

    static void assertParamGrads(Supplier<Tensor> f, Tensor... params) {
        assertParamGrads(GradCheck.DEFAULT_STEP, f, params);
    }

    private static void set(Tensor p, float[] values) {
        try (var off = Lectern.noGrad()) {
            p.copy_(Tensor.fromArray(values, p.shape()));
        }
    }

    private static double project(Supplier<Tensor> f, float[] r) {
        try (var off = Lectern.noGrad()) {
            float[] y = f.get().toArray();
            double s = 0;
            for (int i = 0; i < y.length; i++) s += (double) r[i] * y[i];
            return s;
        }
    }

    static int[] p(int a, int b) {
        return new int[] {a, b};
    }

    @Test
    void theParameterCheckerCatchesAWrongGradient() {
        // forward uses w², but one factor is detached: backward gives w·x instead of 2w·x
        Module bad = new Module() {
            final Tensor w = param("w", Tensor.uniform(0.5f, 2f, 4));

            @Override
            public Tensor forward(Tensor x) {
                return x.mul(w).mul(w.detach());
            }
        };
        Tensor x = Tensor.uniform(0.5f, 2f, 4);
        Tensor w = bad.parameters().get(0);
        AssertionError e = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> assertParamGrads(() -> bad.forward(x), w));
        assertTrue(e.getMessage().contains("tensor 0 [4]"), e.getMessage());
    }

    // ------------------------------------------------------------------ conv2d: input, weight and bias

    @Nested
    class Conv {
        void check(int[] x, int[] w, boolean bias, int[] stride, int[] padding, int[] dilation) {
            Tensor b = bias ? randn(w[0]) : null;
            if (bias) {
                assertGrad(in -> in[0].conv2d(in[1], in[2], stride, padding, dilation), randn(x), randn(w), b);
            } else {
                assertGrad(in -> in[0].conv2d(in[1], null, stride, padding, dilation), randn(x), randn(w));
            }
        }

        @Test void basic() { check(new int[] {2, 3, 5, 5}, new int[] {2, 3, 3, 3}, true, p(1, 1), p(0, 0), p(1, 1)); }
        @Test void stride2() { check(new int[] {2, 2, 7, 7}, new int[] {3, 2, 3, 3}, true, p(2, 2), p(0, 0), p(1, 1)); }
        @Test void padding1() { check(new int[] {1, 2, 5, 5}, new int[] {2, 2, 3, 3}, true, p(1, 1), p(1, 1), p(1, 1)); }
        @Test void padding2Kernel5() { check(new int[] {1, 2, 6, 6}, new int[] {2, 2, 5, 5}, true, p(1, 1), p(2, 2), p(1, 1)); }
        @Test void stride2Padding1() { check(new int[] {2, 2, 6, 6}, new int[] {3, 2, 3, 3}, true, p(2, 2), p(1, 1), p(1, 1)); }
        @Test void dilation2() { check(new int[] {1, 2, 7, 7}, new int[] {2, 2, 3, 3}, true, p(1, 1), p(0, 0), p(2, 2)); }
        @Test void dilation2Padding2Stride2() { check(new int[] {2, 1, 7, 6}, new int[] {2, 1, 3, 3}, true, p(2, 2), p(2, 2), p(2, 2)); }
        @Test void nonSquareInput() { check(new int[] {2, 2, 4, 7}, new int[] {3, 2, 3, 3}, true, p(1, 1), p(1, 1), p(1, 1)); }
        @Test void nonSquareKernelAndStride() { check(new int[] {1, 2, 7, 6}, new int[] {2, 2, 3, 2}, true, p(2, 1), p(1, 0), p(1, 1)); }
        @Test void kernel1x1() { check(new int[] {2, 4, 3, 4}, new int[] {3, 4, 1, 1}, true, p(1, 1), p(0, 0), p(1, 1)); }
        @Test void kernel1x1Stride2() { check(new int[] {1, 3, 5, 5}, new int[] {2, 3, 1, 1}, true, p(2, 2), p(0, 0), p(1, 1)); }
        @Test void manyChannels() { check(new int[] {2, 5, 4, 4}, new int[] {4, 5, 3, 3}, true, p(1, 1), p(1, 1), p(1, 1)); }
        @Test void noBias() { check(new int[] {2, 3, 5, 5}, new int[] {2, 3, 3, 3}, false, p(1, 1), p(0, 0), p(1, 1)); }
        @Test void noBiasStride2Padding1() { check(new int[] {1, 2, 6, 5}, new int[] {3, 2, 3, 3}, false, p(2, 2), p(1, 1), p(1, 1)); }

        @Test
        void conv2dLayerParameters() {
            Conv2d conv = new Conv2d(2, 3, new int[] {3, 3}, p(2, 2), p(1, 1), p(1, 1), true);
            Tensor x = randn(2, 2, 5, 6);
            assertParamGrads(() -> conv.forward(x), x, conv.weight, conv.bias);
        }

        @Test
        void conv2dLayerWithoutBias() {
            Conv2d conv = new Conv2d(3, 2, 3, 1, 1, 2, false);
            Tensor x = randn(1, 3, 6, 6);
            assertParamGrads(() -> conv.forward(x), x, conv.weight);
        }
    }

    // ------------------------------------------------------------------ pooling

    @Nested
    class Pools {
        @Test void maxK2S2() { assertGrad(in -> new MaxPool2d(2).forward(in[0]), grid(2, 3, 4, 4)); }
        @Test void maxK3S2P1() { assertGrad(in -> new MaxPool2d(3, 2, 1).forward(in[0]), grid(1, 2, 7, 7)); }
        @Test void maxNonSquare() { assertGrad(in -> new MaxPool2d(2, 2).forward(in[0]), grid(2, 2, 4, 6)); }
        @Test void maxK3S2P1NonSquare() { assertGrad(in -> new MaxPool2d(3, 2, 1).forward(in[0]), grid(1, 2, 5, 8)); }
        @Test void maxOverlapping() { assertGrad(in -> new MaxPool2d(3, 1).forward(in[0]), grid(1, 1, 5, 5)); }
        @Test void avgK2S2() { assertGrad(in -> new AvgPool2d(2).forward(in[0]), randn(2, 3, 4, 4)); }
        @Test void avgK3S2P1() { assertGrad(in -> new AvgPool2d(3, 2, 1).forward(in[0]), randn(1, 2, 7, 7)); }
        @Test void avgNonSquare() { assertGrad(in -> new AvgPool2d(2, 2).forward(in[0]), randn(2, 2, 4, 6)); }
        @Test void avgK3S2P1NonSquare() { assertGrad(in -> new AvgPool2d(3, 2, 1).forward(in[0]), randn(1, 2, 5, 8)); }
    }

    // ------------------------------------------------------------------ linear, batch norm, activations, dropout

    @Nested
    class Layers {
        @Test
        void linearFunctional() {
            assertGrad(in -> in[0].matmul(in[1].t()).add(in[2]), randn(4, 5), randn(3, 5), randn(3));
        }

        @Test
        void linearLayer() {
            Linear fc = new Linear(5, 3);
            Tensor x = randn(4, 5);
            assertParamGrads(() -> fc.forward(x), x, fc.weight, fc.bias);
        }

        @Test
        void linearLayerBatched3dNoBias() {
            Linear fc = new Linear(4, 2, false);
            Tensor x = randn(2, 3, 4);
            assertParamGrads(() -> fc.forward(x), x, fc.weight);
        }

        @Test
        void batchNorm1dTraining() {
            BatchNorm1d bn = new BatchNorm1d(3);
            Init.normal(bn.weight, 1f);
            Init.normal(bn.bias, 1f);
            Tensor x = randn(6, 3);
            assertParamGrads(() -> bn.forward(x), x, bn.weight, bn.bias);
        }

        @Test
        void batchNorm1dTrainingWithLength() {
            BatchNorm1d bn = new BatchNorm1d(2);
            Init.normal(bn.weight, 1f);
            Tensor x = randn(3, 2, 4);
            assertParamGrads(() -> bn.forward(x), x, bn.weight, bn.bias);
        }

        @Test
        void batchNorm2dTraining() {
            BatchNorm2d bn = new BatchNorm2d(2);
            Init.normal(bn.weight, 1f);
            Init.normal(bn.bias, 1f);
            Tensor x = randn(2, 2, 3, 3);
            assertParamGrads(() -> bn.forward(x), x, bn.weight, bn.bias);
        }

        @Test
        void batchNormEval() {
            BatchNorm2d bn = new BatchNorm2d(2);
            bn.forward(Tensor.randn(4, 2, 3, 3).mul(2f).add(1f)); // some running statistics
            bn.eval();
            Tensor x = randn(2, 2, 3, 3);
            assertParamGrads(() -> bn.forward(x), x, bn.weight, bn.bias);
        }

        @Test
        void activations() {
            Tensor x = randn(3, 4);
            float[] v = x.toArray();
            for (int i = 0; i < v.length; i++) v[i] = Math.copySign(0.2f + Math.abs(v[i]), v[i]); // away from the kinks
            Tensor away = Tensor.fromArray(v, 3, 4).requiresGrad(true);
            assertGrad(in -> new GELU().forward(in[0]), randn(3, 4));
            assertGrad(in -> new LeakyReLU(0.2f).forward(in[0]), away);
            assertGrad(in -> new ReLU().forward(in[0]), away);
            assertGrad(in -> new Sigmoid().forward(in[0]), randn(3, 4));
            assertGrad(in -> new Tanh().forward(in[0]), randn(3, 4));
            assertGrad(in -> new Softmax(1).forward(in[0]), randn(3, 4));
            assertGrad(in -> new LogSoftmax(-1).forward(in[0]), randn(3, 4));
            assertGrad(in -> new Flatten().forward(in[0]).tanh(), randn(2, 3, 2));
        }

        @Test
        void dropoutInEvalIsTheIdentity() {
            Dropout d = new Dropout(0.5f);
            d.eval();
            Tensor x = randn(4, 5);
            Tensor y = d.forward(x);
            assertArrayEquals(x.toArray(), y.toArray());
            assertGrad(in -> d.forward(in[0]).tanh(), randn(4, 5));
            assertGrad(in -> F.dropout(in[0], 0.3f, false).mul(2f), randn(3, 3));
        }

        @Test
        void dropoutWithZeroPIsTheIdentityEvenInTraining() {
            Dropout d = new Dropout(0f);
            Tensor x = randn(3);
            assertSame(x, d.forward(x));
        }
    }

    // ------------------------------------------------------------------ losses

    @Nested
    class Losses {
        final Tensor labels = Tensor.of(2, 0, 3, 3, 1);

        @Test
        void crossEntropyWithClassIndices() {
            for (Reduction r : Reduction.values()) {
                assertGrad(in -> F.crossEntropy(in[0], labels, r), randn(5, 4));
                assertGrad(in -> new CrossEntropyLoss(r).forward(in[0], labels), randn(5, 4));
            }
        }

        @Test
        void crossEntropyWithProbabilities() {
            Tensor probs = Tensor.randn(5, 4).softmax(1).requiresGrad(true);
            for (Reduction r : Reduction.values()) assertGrad(in -> F.crossEntropy(in[0], in[1], r), randn(5, 4), probs);
        }

        @Test
        void crossEntropyLargeLogits() {
            // logits ~ 30: softmax is nearly one-hot, exp(30) would be 1e13 without the max shift
            assertGrad(in -> F.crossEntropy(in[0], labels, Reduction.SUM), Tensor.randn(5, 4).mul(30f).requiresGrad(true));
            // logits ~ 1000: a finite-difference step relative to |x| would be 10, so compare with the exact
            // gradient instead, (softmax − onehot) / N, which is shift-invariant: the same as at logits − 1000
            Tensor small = Tensor.randn(5, 4).mul(2f);
            Tensor big = small.add(1000f).requiresGrad(true);
            Tensor loss = F.crossEntropy(big, labels);
            assertTrue(Float.isFinite(loss.item()), "loss " + loss.item());
            loss.backward();
            Tensor expected = small.softmax(1).sub(Tensor.oneHot(labels, 4)).div(5f);
            assertTrue(big.grad().allclose(expected, 1e-4f, 1e-6f), big.grad() + " vs " + expected);
        }

        @Test
        void nll() {
            for (Reduction r : Reduction.values()) {
                assertGrad(in -> F.nllLoss(in[0].logSoftmax(1), labels, r), randn(5, 4));
                assertGrad(in -> new NLLLoss(r).forward(in[0], labels), randn(5, 4));
            }
        }

        @Test
        void mse() {
            for (Reduction r : Reduction.values()) {
                assertGrad(in -> F.mseLoss(in[0], in[1], r), randn(3, 4), randn(3, 4));
                assertGrad(in -> new MSELoss(r).forward(in[0], in[1]), randn(6), randn(6));
            }
        }

        @Test
        void bceWithLogits() {
            Tensor targets = Tensor.rand(3, 4).requiresGrad(true);
            for (Reduction r : Reduction.values()) {
                // logits away from 0, where |x| has its kink (the sum is smooth, the terms are not)
                Tensor logits = Tensor.randn(3, 4).mul(2f);
                float[] v = logits.toArray();
                for (int i = 0; i < v.length; i++) v[i] = Math.copySign(0.1f + Math.abs(v[i]), v[i]);
                assertGrad(in -> F.bceWithLogits(in[0], in[1], r), Tensor.fromArray(v, 3, 4).requiresGrad(true), targets);
                assertGrad(in -> new BCEWithLogitsLoss(r).forward(in[0], in[1]), Tensor.fromArray(v, 3, 4).requiresGrad(true), targets);
            }
        }
    }

    // ------------------------------------------------------------------ a small LeNet end to end

    @Test
    void lenetStyleSequentialEndToEnd() {
        Sequential net = new Sequential(
                new Conv2d(1, 3, 3, 1, 1), new ReLU(), new MaxPool2d(2),
                new Conv2d(3, 4, 3), new Tanh(), new Flatten(),
                new Linear(4 * 2 * 2, 5), new ReLU(), new Linear(5, 3));
        Tensor x = grid(2, 1, 8, 8).mul(0.1f).detach().requiresGrad(true);
        Tensor y = Tensor.of(0, 2);
        Conv2d conv1 = (Conv2d) net.get(0), conv2 = (Conv2d) net.get(3);
        Linear fc1 = (Linear) net.get(6), fc2 = (Linear) net.get(8);
        assertParamGrads(1e-3, () -> F.crossEntropy(net.forward(x), y), x, conv1.weight, conv1.bias, conv2.weight, fc1.weight, fc2.bias);
    }
}
