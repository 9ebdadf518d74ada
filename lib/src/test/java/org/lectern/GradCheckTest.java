package org.lectern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every differentiable op checked against finite differences.
 *
 * <p>How to read these tests: {@code check(in -> f(in[0], in[1]), x, y)} runs f forward and backward,
 * then nudges each element of x and y by ±h and compares (f(x+h) − f(x−h)) / 2h with the gradient that
 * backward() computed. The tolerance here (2e-3) is five times tighter than GradCheck's default.
 *
 * <p>Inputs are chosen where the function is smooth: away from the kinks of relu, abs and clamp, away
 * from ties of maximum / max(dim), and inside the domain of log and sqrt (positive values). A finite
 * difference straddling a kink measures the average of two slopes, and would fail for a correct gradient.
 */
class GradCheckTest {
    static final double TOL = 2e-3;

    @BeforeEach
    void seed() {
        Lectern.seed(7);
    }

    // ------------------------------------------------------------------ helpers

    /** Checks f at the given inputs and fails with GradCheck's report (worst error, where) if it is off. */
    static void assertGrad(Function<Tensor[], Tensor> f, Tensor... inputs) {
        GradCheck.Report report = GradCheck.check(f, GradCheck.DEFAULT_STEP, TOL, inputs);
        assertTrue(report.passed(), report::toString);
    }

    /** Standard normal values that require grad. */
    static Tensor randn(int... shape) {
        return Tensor.randn(shape).requiresGrad(true);
    }

    /** Values in [lo, hi) that require grad, e.g. positive values for log. */
    static Tensor uniform(float lo, float hi, int... shape) {
        return Tensor.uniform(lo, hi, shape).requiresGrad(true);
    }

    /** Normal values pushed at least 0.2 away from 0 (the kink of relu, abs, leakyRelu). */
    static Tensor awayFromZero(int... shape) {
        float[] v = Tensor.randn(shape).toArray();
        for (int i = 0; i < v.length; i++) v[i] = Math.copySign(0.2f + Math.abs(v[i]), v[i]);
        return Tensor.fromArray(v, shape).requiresGrad(true);
    }

    /**
     * Distinct values on a grid of spacing 0.25 plus shift, shuffled: two tensors with shifts 0 and 0.125 never
     * come closer than 0.125, so maximum/minimum and max(dim) have no ties within the finite-difference step.
     */
    static Tensor grid(float shift, int... shape) {
        int n = Shapes.numel(shape);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (i - n / 2) * 0.25f + shift;
        Random rng = new Random(n * 31L + (long) (shift * 1000));
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            float t = v[i];
            v[i] = v[j];
            v[j] = t;
        }
        return Tensor.fromArray(v, shape).requiresGrad(true);
    }

    /** Index tensors hold whole numbers as floats; they never require grad. */
    static Tensor indices(float... values) {
        return Tensor.of(values);
    }

    // ------------------------------------------------------------------ the checker itself

    @Nested
    class TheChecker {
        @Test
        void passesForCorrectGradient() {
            var report = GradCheck.check(in -> in[0].tanh().sum(), randn(3, 4));
            assertTrue(report.passed(), report::toString);
            assertTrue(report.maxError() < 1e-3, report::toString);
        }

        @Test
        void failsForWrongGradient() {
            // forward is x², but one factor is detached, so backward computes x instead of 2x
            var report = GradCheck.check(in -> in[0].mul(in[0].detach()), uniform(0.5f, 2f, 5));
            assertFalse(report.passed(), report::toString);
            assertTrue(report.maxError() > 0.1, report::toString);
        }

        @Test
        void failsWhenOneOfTwoInputsGetsNoGradient() {
            // y enters the output but is cut off from the graph: its analytic gradient is zero
            var report = GradCheck.check(in -> in[0].add(in[1].detach().exp()), randn(3), randn(3));
            assertFalse(report.passed(), report::toString);
            assertTrue(report.inputs().get(0).maxError() < 1e-3, report::toString);
            assertTrue(report.inputs().get(1).maxError() > 0.1, report::toString);
        }

        @Test
        void refusesAnOutputWithoutGraph() {
            var x = Tensor.randn(3); // does not require grad
            assertThrows(IllegalArgumentException.class, () -> GradCheck.check(in -> in[0].exp(), x));
        }

        @Test
        void leavesTheInputsUnchanged() {
            var x = randn(2, 3);
            float[] before = x.toArray();
            GradCheck.check(in -> in[0].square().sum(), x);
            assertArrayEquals(before, x.toArray());
        }
    }

    // ------------------------------------------------------------------ binary arithmetic

    @Nested
    class Binary {
        @Test void add() { assertGrad(in -> in[0].add(in[1]), randn(3, 4), randn(3, 4)); }
        @Test void sub() { assertGrad(in -> in[0].sub(in[1]), randn(3, 4), randn(3, 4)); }
        @Test void mul() { assertGrad(in -> in[0].mul(in[1]), randn(3, 4), randn(3, 4)); }
        @Test void div() { assertGrad(in -> in[0].div(in[1]), randn(3, 4), uniform(0.5f, 2f, 3, 4)); }
        @Test void divByNegative() { assertGrad(in -> in[0].div(in[1]), randn(5), uniform(-2f, -0.5f, 5)); }
        @Test void powBothOperands() { assertGrad(in -> in[0].pow(in[1]), uniform(0.5f, 2f, 3, 4), randn(3, 4)); }
        @Test void powTensorExponentOnly() {
            var base = Tensor.uniform(0.5f, 2f, 6);
            assertGrad(in -> base.pow(in[0]), randn(6));
        }
        @Test void powTensorBaseOnly() {
            var exponent = Tensor.of(2f, 3f, 0.5f, -1f, 1.5f, 0f);
            assertGrad(in -> in[0].pow(exponent), uniform(0.5f, 2f, 6));
        }
        @Test void maximum() { assertGrad(in -> in[0].maximum(in[1]), grid(0f, 3, 4), grid(0.125f, 3, 4)); }
        @Test void minimum() { assertGrad(in -> in[0].minimum(in[1]), grid(0f, 3, 4), grid(0.125f, 3, 4)); }

        @Test void scalarOperands() {
            assertGrad(in -> in[0].add(2f).sub(0.5f).mul(-3f).div(4f), randn(3, 4));
            assertGrad(in -> in[0].rsub(1f), randn(3, 4));
        }

        @Test void powScalarExponents() {
            assertGrad(in -> in[0].pow(2f), randn(3, 4));
            assertGrad(in -> in[0].pow(3f), randn(3, 4));
            assertGrad(in -> in[0].pow(0.5f), uniform(0.5f, 2f, 3, 4));
            assertGrad(in -> in[0].pow(-1.5f), uniform(0.5f, 2f, 3, 4));
            assertGrad(in -> in[0].pow(1f), randn(3, 4));
        }

        @Test void sameTensorOnBothSides() {
            assertGrad(in -> in[0].mul(in[0]), randn(4));
            assertGrad(in -> in[0].div(in[0].add(3f)), uniform(0.5f, 2f, 4));
        }
    }

    /** Each binary op with each broadcast pattern: the gradient of the smaller operand sums over the copies. */
    @Nested
    class Broadcasting {
        final int[][][] patterns = {
                {{2, 3, 4}, {3, 1}},  // trailing size-1 and a missing leading dim
                {{4}, {2, 1, 4}},     // the smaller operand on the left
                {{}, {2, 3}},         // a 0-d scalar tensor with a matrix
                {{2, 3}, {}},
                {{1}, {3}},
                {{3, 1}, {1, 4}},     // both operands expand
        };

        void forEachPattern(Function<Tensor[], Tensor> f, boolean positiveLeft, boolean positiveRight) {
            for (int[][] p : patterns) {
                var a = positiveLeft ? uniform(0.5f, 2f, p[0]) : randn(p[0]);
                var b = positiveRight ? uniform(0.5f, 2f, p[1]) : randn(p[1]);
                GradCheck.Report report = GradCheck.check(f, GradCheck.DEFAULT_STEP, TOL, a, b);
                assertTrue(report.passed(), () -> Shapes.str(p[0]) + " with " + Shapes.str(p[1]) + ": " + report);
            }
        }

        @Test void add() { forEachPattern(in -> in[0].add(in[1]), false, false); }
        @Test void sub() { forEachPattern(in -> in[0].sub(in[1]), false, false); }
        @Test void mul() { forEachPattern(in -> in[0].mul(in[1]), false, false); }
        @Test void div() { forEachPattern(in -> in[0].div(in[1]), false, true); }
        @Test void pow() { forEachPattern(in -> in[0].pow(in[1]), true, false); }

        @Test void maximumAndMinimum() {
            for (int[][] p : patterns) {
                for (boolean max : new boolean[] {true, false}) {
                    var a = grid(0f, p[0]);
                    var b = grid(0.125f, p[1]);
                    Function<Tensor[], Tensor> f = max ? in -> in[0].maximum(in[1]) : in -> in[0].minimum(in[1]);
                    GradCheck.Report report = GradCheck.check(f, GradCheck.DEFAULT_STEP, TOL, a, b);
                    assertTrue(report.passed(), () -> Shapes.str(p[0]) + " with " + Shapes.str(p[1]) + ": " + report);
                }
            }
        }

        @Test void where() {
            var cond = Tensor.of(new float[][] {{1, 0, 1, 0}, {0, 0, 1, 1}, {1, 1, 0, 0}});
            assertGrad(in -> Tensor.where(cond, in[0], in[1]), randn(3, 1), randn(4));
            assertGrad(in -> Tensor.where(cond, in[0], in[1]), randn(2, 3, 4), randn());
        }
    }

    // ------------------------------------------------------------------ elementwise functions

    @Nested
    class Unary {
        @Test void neg() { assertGrad(in -> in[0].neg(), randn(3, 4)); }
        @Test void exp() { assertGrad(in -> in[0].exp(), randn(3, 4)); }
        @Test void log() { assertGrad(in -> in[0].log(), uniform(0.2f, 3f, 3, 4)); }
        @Test void sqrt() { assertGrad(in -> in[0].sqrt(), uniform(0.2f, 3f, 3, 4)); }
        @Test void abs() { assertGrad(in -> in[0].abs(), awayFromZero(3, 4)); }
        @Test void square() { assertGrad(in -> in[0].square(), randn(3, 4)); }
        @Test void reciprocal() { assertGrad(in -> in[0].reciprocal(), uniform(0.5f, 2f, 3, 4)); }
        @Test void tanh() { assertGrad(in -> in[0].tanh(), randn(3, 4)); }
        @Test void sigmoid() { assertGrad(in -> in[0].sigmoid(), randn(3, 4)); }
        @Test void relu() { assertGrad(in -> in[0].relu(), awayFromZero(3, 4)); }
        @Test void leakyRelu() {
            assertGrad(in -> in[0].leakyRelu(), awayFromZero(3, 4));
            assertGrad(in -> in[0].leakyRelu(0.2f), awayFromZero(3, 4));
        }
        @Test void gelu() { assertGrad(in -> in[0].gelu(), randn(3, 4)); }

        @Test void clamp() {
            // values on a 0.25 grid shifted by 0.125 never sit on the bounds -0.5 and 0.75
            assertGrad(in -> in[0].clamp(-0.5f, 0.75f), grid(0.125f, 3, 4));
            assertGrad(in -> in[0].clampMin(0.5f), grid(0.125f, 3, 4));
            assertGrad(in -> in[0].clampMax(-0.5f), grid(0.125f, 3, 4));
        }

        @Test void maskedFill() {
            var mask = Tensor.of(new float[][] {{1, 0, 0}, {0, 1, 0}});
            assertGrad(in -> in[0].maskedFill(mask, -1e4f).softmax(-1), randn(2, 3));
            assertGrad(in -> in[0].maskedFill(Tensor.of(0f, 1f, 0f), 2f), randn(2, 3)); // broadcast mask
        }

        @Test void onStridedViews() {
            // inputs made non-contiguous inside f: the ops must read through the strides
            assertGrad(in -> in[0].t().exp().mul(in[1]), randn(4, 3), randn(3, 4));
            assertGrad(in -> in[0].slice(1, 0, 6, 2).log(), uniform(0.5f, 2f, 2, 6));
        }

        @Test void composition() {
            // a small MLP loss: matmul, bias, activation, softmax cross entropy
            var target = Tensor.of(new float[][] {{0, 1, 0}, {1, 0, 0}, {0, 0, 1}, {0, 1, 0}});
            assertGrad(in -> in[0].matmul(in[1]).add(in[2]).tanh().logSoftmax(1).mul(target).sum().neg(),
                    randn(4, 5), randn(5, 3), randn(3));
        }
    }

    // ------------------------------------------------------------------ softmax family

    @Nested
    class Softmax {
        @Test void softmaxAlongEachDim() {
            for (int d : new int[] {0, 1, 2, -1, -2}) assertGrad(in -> in[0].softmax(d), randn(2, 3, 4));
        }

        @Test void logSoftmaxAlongEachDim() {
            for (int d : new int[] {0, 1, 2, -1, -3}) assertGrad(in -> in[0].logSoftmax(d), randn(2, 3, 4));
        }

        @Test void logsumexpAlongEachDim() {
            for (int d : new int[] {0, 1, 2, -1}) {
                assertGrad(in -> in[0].logsumexp(d), randn(2, 3, 4));
                assertGrad(in -> in[0].logsumexp(d, true), randn(2, 3, 4));
            }
        }

        @Test void largeLogits() {
            // exp(±100) over- or underflows float32; subtracting the row max first keeps softmax exact.
            // The step is relative to |x|: 1e-2 would be a step of 1 here, so take 1e-4 (a step of 0.01).
            for (float shift : new float[] {100f, -100f}) {
                var x = Tensor.randn(3, 4).add(shift).requiresGrad(true);
                var soft = GradCheck.check(in -> in[0].softmax(1), 1e-4, TOL, x);
                assertTrue(soft.passed(), soft::toString);
                var logSoft = GradCheck.check(in -> in[0].logSoftmax(1), 1e-4, TOL, x);
                assertTrue(logSoft.passed(), logSoft::toString);
            }
        }
    }

    // ------------------------------------------------------------------ reductions

    @Nested
    class Reduce {
        @Test void sumAll() { assertGrad(in -> in[0].sum(), randn(2, 3, 4)); }
        @Test void sumOneDim() {
            for (int d : new int[] {0, 1, 2, -1}) {
                assertGrad(in -> in[0].sum(d), randn(2, 3, 4));
                assertGrad(in -> in[0].sum(d, true), randn(2, 3, 4));
            }
        }
        @Test void sumSeveralDims() {
            assertGrad(in -> in[0].sum(new int[] {0, 2}, false), randn(2, 3, 4));
            assertGrad(in -> in[0].sum(new int[] {-1, 1}, true), randn(2, 3, 4));
        }

        @Test void meanAll() { assertGrad(in -> in[0].mean(), randn(2, 3, 4)); }
        @Test void meanOneDim() {
            for (int d : new int[] {0, 1, 2, -2}) {
                assertGrad(in -> in[0].mean(d), randn(2, 3, 4));
                assertGrad(in -> in[0].mean(d, true), randn(2, 3, 4));
            }
        }
        @Test void meanSeveralDims() {
            assertGrad(in -> in[0].mean(new int[] {0, 1}, false), randn(2, 3, 4));
            assertGrad(in -> in[0].mean(new int[] {0, 2}, true), randn(2, 3, 4));
        }

        @Test void varAndStd() {
            assertGrad(in -> in[0].var(), randn(2, 3, 4));
            assertGrad(in -> in[0].std(), randn(2, 3, 4));
            for (int d : new int[] {0, 1, 2, -1}) {
                assertGrad(in -> in[0].var(d), randn(2, 3, 4));
                assertGrad(in -> in[0].std(d), randn(2, 3, 4));
                assertGrad(in -> in[0].var(d, false, true), randn(2, 3, 4));
            }
        }
        @Test void varSeveralDims() {
            assertGrad(in -> in[0].var(new int[] {1, 2}, true, false), randn(2, 3, 4));
            assertGrad(in -> in[0].var(new int[] {0, 2}, false, true), randn(2, 3, 4));
            assertGrad(in -> in[0].var(new int[] {0, 2}, true, true).sqrt(), randn(2, 3, 4));
        }

        @Test void maxAndMinAlongDim() {
            for (int d : new int[] {0, 1, 2, -1}) {
                assertGrad(in -> in[0].max(d).values(), grid(0f, 2, 3, 4));
                assertGrad(in -> in[0].min(d).values(), grid(0f, 2, 3, 4));
                assertGrad(in -> in[0].max(d, true).values(), grid(0f, 2, 3, 4));
                assertGrad(in -> in[0].min(d, true).values(), grid(0f, 2, 3, 4));
            }
        }

        @Test void maxAndMinOfAll() {
            assertGrad(in -> in[0].max(), grid(0f, 3, 4));
            assertGrad(in -> in[0].min(), grid(0f, 3, 4));
        }

        @Test void reductionOfTransposedView() {
            assertGrad(in -> in[0].transpose(0, 2).sum(new int[] {0, 1}, false), randn(2, 3, 4));
            assertGrad(in -> in[0].t().max(1).values(), grid(0f, 3, 5));
        }
    }

    // ------------------------------------------------------------------ matmul

    @Nested
    class Matmul {
        @Test void dot() { assertGrad(in -> in[0].matmul(in[1]), randn(5), randn(5)); }
        @Test void vectorMatrix() { assertGrad(in -> in[0].matmul(in[1]), randn(4), randn(4, 3)); }
        @Test void matrixVector() { assertGrad(in -> in[0].matmul(in[1]), randn(3, 4), randn(4)); }
        @Test void matrixMatrix() { assertGrad(in -> in[0].matmul(in[1]), randn(3, 4), randn(4, 5)); }
        @Test void batched() { assertGrad(in -> in[0].matmul(in[1]), randn(2, 3, 4), randn(2, 4, 5)); }
        @Test void batchTimesMatrix() { assertGrad(in -> in[0].matmul(in[1]), randn(2, 3, 4), randn(4, 5)); }
        @Test void matrixTimesBatch() { assertGrad(in -> in[0].matmul(in[1]), randn(3, 4), randn(2, 4, 5)); }
        @Test void batchedVector() { assertGrad(in -> in[0].matmul(in[1]), randn(2, 3, 4), randn(4)); }
        @Test void vectorBatched() { assertGrad(in -> in[0].matmul(in[1]), randn(4), randn(2, 4, 3)); }
        @Test void broadcastBatch() { assertGrad(in -> in[0].matmul(in[1]), randn(2, 1, 3, 4), randn(5, 4, 2)); }

        @Test void transposedOperands() {
            assertGrad(in -> in[0].t().matmul(in[1]), randn(4, 3), randn(4, 5));
            assertGrad(in -> in[0].matmul(in[1].t()), randn(3, 4), randn(5, 4));
            assertGrad(in -> in[0].t().matmul(in[1].t()), randn(4, 3), randn(5, 4));
            assertGrad(in -> in[0].mT().matmul(in[1]), randn(2, 4, 3), randn(2, 4, 5));
            assertGrad(in -> in[0].matmul(in[0].t()), randn(3, 4)); // a Gram matrix: x used twice
        }

        @Test void slicedOperands() {
            assertGrad(in -> in[0].slice(1, 1, 5).matmul(in[1].slice(0, 0, 8, 2)), randn(3, 6), randn(8, 2));
        }
    }

    // ------------------------------------------------------------------ views

    @Nested
    class ViewsGrad {
        @Test void reshapeAndView() {
            assertGrad(in -> in[0].reshape(4, 6).exp(), randn(2, 3, 4));
            assertGrad(in -> in[0].reshape(-1, 2).exp(), randn(2, 3, 4));
            assertGrad(in -> in[0].view(6, -1).exp(), randn(2, 3, 4));
            assertGrad(in -> in[0].t().reshape(12).exp(), randn(3, 4)); // reshape of a non-contiguous view copies
        }

        @Test void flatten() {
            assertGrad(in -> in[0].flatten().exp(), randn(2, 3, 4));
            assertGrad(in -> in[0].flatten(1, 2).exp(), randn(2, 3, 4));
            assertGrad(in -> in[0].flatten(0, -2).exp(), randn(2, 3, 4));
        }

        @Test void transposeAndPermute() {
            assertGrad(in -> in[0].transpose(0, 2).exp(), randn(2, 3, 4));
            assertGrad(in -> in[0].transpose(-1, -2).exp(), randn(2, 3, 4));
            assertGrad(in -> in[0].permute(2, 0, 1).exp(), randn(2, 3, 4));
            assertGrad(in -> in[0].permute(1, -1, 0).contiguous().exp(), randn(2, 3, 4));
            assertGrad(in -> in[0].t().exp(), randn(3, 4));
        }

        @Test void squeezeAndUnsqueeze() {
            assertGrad(in -> in[0].squeeze().exp(), randn(1, 3, 1, 4));
            assertGrad(in -> in[0].squeeze(2).exp(), randn(1, 3, 1, 4));
            assertGrad(in -> in[0].squeeze(1).exp(), randn(1, 3, 1, 4)); // size 3: a no-op
            assertGrad(in -> in[0].unsqueeze(0).exp(), randn(3, 4));
            assertGrad(in -> in[0].unsqueeze(-1).exp(), randn(3, 4));
            assertGrad(in -> in[0].t().unsqueeze(1).mul(in[1]), randn(3, 4), randn(4, 2, 3));
        }

        @Test void expand() {
            assertGrad(in -> in[0].expand(2, 3, 4).exp(), randn(3, 1));
            assertGrad(in -> in[0].expand(-1, 5).exp(), randn(3, 1));
            assertGrad(in -> in[0].expandAs(Tensor.zeros(2, 4)).mul(in[1]), randn(4), randn(2, 4));
        }

        @Test void sliceNarrowSelectGet() {
            assertGrad(in -> in[0].slice(1, 1, 3).exp(), randn(2, 4, 3));
            assertGrad(in -> in[0].slice(1, 0, 5, 2).exp(), randn(3, 5));
            assertGrad(in -> in[0].slice(0, -3, 7, 2).exp(), randn(7, 2));
            assertGrad(in -> in[0].slice(-1, 1, 100, 3).exp(), randn(2, 8));
            assertGrad(in -> in[0].narrow(0, 1, 2).exp(), randn(4, 3));
            assertGrad(in -> in[0].select(1, 2).exp(), randn(2, 4, 3));
            assertGrad(in -> in[0].select(-1, -1).exp(), randn(2, 4, 3));
            assertGrad(in -> in[0].get(1).exp(), randn(2, 4, 3));
            assertGrad(in -> in[0].get(1, -2).exp(), randn(2, 4, 3));
            assertGrad(in -> in[0].get(0, 1, 2).exp(), randn(2, 4, 3));
        }

        @Test void overlappingSlicesAdd() {
            // rows 1..2 are read by both slices: their gradients add
            assertGrad(in -> in[0].slice(0, 0, 3).mul(in[0].slice(0, 1, 4)), randn(4, 2));
        }

        @Test void contiguous() {
            assertGrad(in -> in[0].t().contiguous().exp(), randn(3, 4));
            assertGrad(in -> in[0].contiguous().exp(), randn(3, 4));
        }

        @Test void chainOfViews() {
            assertGrad(in -> in[0].permute(2, 0, 1).slice(0, 1, 4, 2).reshape(2, -1).t().get(3).exp(), randn(2, 3, 4));
        }
    }

    // ------------------------------------------------------------------ joins and indexing

    @Nested
    class JoinsAndIndexing {
        @Test void cat() {
            assertGrad(in -> Tensor.cat(List.of(in[0], in[1].exp(), in[0]), 0), randn(2, 3), randn(1, 3));
            assertGrad(in -> Tensor.cat(List.of(in[0], in[1]), -1), randn(2, 3), randn(2, 2));
            assertGrad(in -> Tensor.cat(List.of(in[0].t(), in[1]), 1), randn(2, 3), randn(3, 4));
        }

        @Test void stack() {
            assertGrad(in -> Tensor.stack(List.of(in[0], in[1].tanh()), 0), randn(2, 3), randn(2, 3));
            assertGrad(in -> Tensor.stack(List.of(in[0], in[1]), 1), randn(2, 3), randn(2, 3));
            assertGrad(in -> Tensor.stack(List.of(in[0], in[1], in[0]), -1), randn(2, 3), randn(2, 3));
        }

        @Test void split() {
            assertGrad(in -> {
                var parts = in[0].split(2, 1); // sizes 2, 2, 1
                return Tensor.cat(List.of(parts.get(0).exp(), parts.get(1).mul(3f), parts.get(2).square()), 1);
            }, randn(3, 5));
            assertGrad(in -> {
                var parts = in[0].split(new int[] {1, 3}, 0);
                return parts.get(1).sum(0).mul(parts.get(0).squeeze(0));
            }, randn(4, 2));
        }

        @Test void chunk() {
            assertGrad(in -> {
                var parts = in[0].chunk(3, -1); // sizes 2, 2, 1
                return parts.get(0).mul(parts.get(1)).sum(1).add(parts.get(2).squeeze(1).exp());
            }, randn(3, 5));
        }

        @Test void gather() {
            var index = Tensor.of(new float[][] {{0, 2}, {1, 1}, {2, 0}});
            assertGrad(in -> in[0].gather(1, index), randn(3, 3));
            var rows = Tensor.of(new float[][] {{0, 1, 0}, {0, 0, 0}});
            assertGrad(in -> in[0].gather(0, rows), randn(2, 3));
            assertGrad(in -> in[0].gather(-1, Tensor.of(-1f, 0f, 0f)), randn(4)); // negative index counts from the end
        }

        @Test void gatherOfTransposedView() {
            var index = Tensor.of(new float[][] {{0, 2}, {1, 1}, {2, 0}, {1, 2}});
            assertGrad(in -> in[0].t().gather(1, index), randn(3, 4));
        }

        @Test void indexSelect() {
            assertGrad(in -> in[0].indexSelect(0, indices(2, 0, 2, 2)), randn(3, 4));
            assertGrad(in -> in[0].indexSelect(1, indices(3, 1, 1)), randn(2, 4, 2));
            assertGrad(in -> in[0].indexSelect(-1, indices(0, 0)), randn(2, 3));
        }

        @Test void repeatedIndicesAddTheirGradients() {
            // an embedding lookup where token 0 appears twice and token 1 never
            var table = Tensor.ones(3, 2).requiresGrad(true);
            table.indexSelect(0, indices(0, 2, 0)).sum().backward();
            assertArrayEquals(new float[] {2, 2, 0, 0, 1, 1}, table.grad().toArray());

            var x = Tensor.ones(2, 3).requiresGrad(true);
            x.gather(1, Tensor.of(new float[][] {{0, 0, 0}, {2, 1, 2}})).sum().backward();
            assertArrayEquals(new float[] {3, 0, 0, 0, 1, 2}, x.grad().toArray());
        }
    }
}
