package org.lectern.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.lectern.Lectern;
import org.lectern.Tensor;
import org.lectern.optim.Adam;
import org.lectern.optim.Optimizer;
import org.lectern.optim.SGD;

/** Module bookkeeping (registration, counts, freezing, modes, state dicts), layer modes and error messages. */
class ModuleTest {
    @BeforeEach
    void seed() {
        Lectern.seed(3);
    }

    /** LeNet-5 as in the lectures: 28×28 grey images, padding 2 on the first convolution. */
    static Sequential lenet() {
        return new Sequential(
                new Conv2d(1, 6, 5, 1, 2), new ReLU(), new MaxPool2d(2),
                new Conv2d(6, 16, 5), new ReLU(), new MaxPool2d(2),
                new Flatten(),
                new Linear(400, 120), new ReLU(),
                new Linear(120, 84), new ReLU(),
                new Linear(84, 10));
    }

    static void assertValuesEqual(Tensor expected, Tensor actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        assertArrayEquals(expected.toArray(), actual.toArray(), what);
    }

    // ------------------------------------------------------------------ registration

    @Nested
    class Registration {
        @Test
        void sequentialNamesParametersByPosition() {
            Sequential net = new Sequential(new Linear(3, 4), new ReLU(), new Linear(4, 2, false));
            assertEquals(List.of("0.weight", "0.bias", "2.weight"), List.copyOf(net.namedParameters().keySet()));
            assertEquals(List.of("0", "1", "2"), List.copyOf(net.namedChildren().keySet()));
            assertEquals(3, net.children().size());
            assertEquals(3, net.size());
            assertSame(((Linear) net.get(0)).weight, net.namedParameters().get("0.weight"));
            assertEquals(3 * 4 + 4 + 4 * 2, net.numParameters(false));
            assertEquals(3, net.parameters().size());
            assertTrue(net.ownParameters().isEmpty());
            assertEquals("0", net.get(0).name());
        }

        @Test
        void nestedModulesGiveDottedPaths() {
            Sequential features = new Sequential(new Conv2d(1, 2, 3), new BatchNorm2d(2));
            Sequential net = new Sequential().add("features", features).add("head", new Linear(8, 3));
            assertEquals(List.of("features.0.weight", "features.0.bias", "features.1.weight", "features.1.bias", "head.weight", "head.bias"),
                    List.copyOf(net.namedParameters().keySet()));
            assertEquals(List.of("features.1.runningMean", "features.1.runningVar"), List.copyOf(net.namedBuffers().keySet()));
            assertEquals(List.of("features", "head"), List.copyOf(net.namedChildren().keySet()));
        }

        @Test
        void customModulesRegisterFieldsByName() {
            class TwoLayer extends Module {
                final Linear fc1 = module("fc1", new Linear(4, 5));
                final Linear fc2 = module("fc2", new Linear(5, 2));
                final Tensor scale = param("scale", Tensor.ones(2));

                @Override
                public Tensor forward(Tensor x) {
                    return fc2.forward(fc1.forward(x).relu()).mul(scale);
                }
            }
            TwoLayer m = new TwoLayer();
            assertEquals(List.of("scale", "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"), List.copyOf(m.namedParameters().keySet()));
            assertTrue(m.scale.requiresGrad(), "a registered parameter requires grad");
            assertEquals(2 + 20 + 5 + 10 + 2, m.numParameters(true));
        }

        @Test
        void invalidAndDuplicateNamesAreRefused() {
            assertThrows(IllegalArgumentException.class, () -> new Sequential().add("a.b", new ReLU()));
            assertThrows(IllegalArgumentException.class, () -> new Sequential().add("", new ReLU()));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new Sequential().add("x", new ReLU()).add("x", new Tanh()));
            assertTrue(e.getMessage().contains("'x'"), e.getMessage());
        }

        @Test
        void lenetHas61706Parameters() {
            Sequential net = lenet();
            assertEquals(61_706, net.numParameters(false));
            assertEquals(61_706, net.numParameters(true));
            assertEquals(List.of("0.weight", "0.bias", "3.weight", "3.bias", "7.weight", "7.bias", "9.weight", "9.bias", "11.weight", "11.bias"),
                    List.copyOf(net.namedParameters().keySet()));
            Tensor out = net.forward(Tensor.randn(2, 1, 28, 28));
            assertArrayEquals(new int[] {2, 10}, out.shape());
        }

        @Test
        void toStringListsTheLayers() {
            String s = new Sequential(new Linear(3, 4), new ReLU()).toString();
            assertTrue(s.startsWith("Sequential("), s);
            assertTrue(s.contains("(0): Linear(inFeatures=3, outFeatures=4, bias=true)"), s);
            assertTrue(s.contains("(1): ReLU()"), s);
        }
    }

    // ------------------------------------------------------------------ freezing

    @Nested
    class Freezing {
        @Test
        void frozenParametersGetNoGradientAndTheOptimizerSkipsThem() {
            Sequential net = new Sequential(new Linear(4, 6), new Tanh(), new Linear(6, 3));
            Tensor x = Tensor.randn(5, 4), y = Tensor.of(0, 2, 1, 1, 0);
            Optimizer opt = new SGD(net.parameters(), 0.1f, 0.9f, 0.01f, false); // momentum and decay: must not move frozen ones
            // one ordinary step first, so the frozen layer also has momentum state
            F.crossEntropy(net.forward(x), y).backward();
            opt.step();
            opt.zeroGrad();

            net.get(0).freeze();
            Linear first = (Linear) net.get(0), last = (Linear) net.get(2);
            assertFalse(first.weight.requiresGrad());
            assertEquals(6 * 3 + 3, net.numParameters(true));
            assertEquals(4 * 6 + 6 + 6 * 3 + 3, net.numParameters(false));
            Tensor w0 = first.weight.copy(), b0 = first.bias.copy(), w2 = last.weight.copy();
            for (int step = 0; step < 3; step++) {
                opt.zeroGrad();
                F.crossEntropy(net.forward(x), y).backward();
                assertNull(first.weight.grad(), "a frozen weight gets no gradient");
                assertNull(first.bias.grad(), "a frozen bias gets no gradient");
                assertNotNull(last.weight.grad(), "the rest still trains");
                opt.step();
            }
            assertValuesEqual(w0, first.weight, "frozen weight after steps");
            assertValuesEqual(b0, first.bias, "frozen bias after steps");
            assertFalse(java.util.Arrays.equals(w2.toArray(), last.weight.toArray()), "the unfrozen layer moved");

            net.get(0).unfreeze();
            assertTrue(first.weight.requiresGrad());
            F.crossEntropy(net.forward(x), y).backward();
            assertNotNull(first.weight.grad());
        }

        @Test
        void freezeDropsExistingGradients() {
            Linear fc = new Linear(3, 2);
            fc.forward(Tensor.randn(4, 3)).sum().backward();
            assertNotNull(fc.weight.grad());
            fc.freeze();
            assertNull(fc.weight.grad());
            assertNull(fc.bias.grad());
            assertEquals(0, fc.numParameters(true));
        }

        @Test
        void adamLeavesFrozenParametersAlone() {
            Sequential net = new Sequential(new Linear(3, 3), new Linear(3, 2));
            net.get(1).freeze();
            Optimizer opt = new Adam(net.parameters(), 0.1f, 0.9f, 0.999f, 1e-8f, 0.1f);
            Tensor frozen = ((Linear) net.get(1)).weight.copy();
            net.forward(Tensor.randn(4, 3)).square().sum().backward();
            opt.step();
            assertValuesEqual(frozen, ((Linear) net.get(1)).weight, "frozen layer under Adam with weight decay");
        }
    }

    // ------------------------------------------------------------------ modes

    @Nested
    class Modes {
        @Test
        void trainAndEvalPropagateToAllDescendants() {
            Sequential inner = new Sequential(new Dropout(0.5f), new BatchNorm1d(3));
            Sequential net = new Sequential(new Linear(3, 3), inner, new Dropout(0.2f));
            assertTrue(net.isTraining());
            assertSame(net, net.eval());
            for (Module m : List.of(net, net.get(0), inner, inner.get(0), inner.get(1), net.get(2))) assertFalse(m.isTraining(), m.toString());
            net.train();
            for (Module m : List.of(net, net.get(0), inner, inner.get(0), inner.get(1), net.get(2))) assertTrue(m.isTraining(), m.toString());
            net.train(false);
            assertFalse(inner.get(1).isTraining());
        }

        @Test
        void dropoutZeroesAboutPAndRescalesInTraining() {
            Dropout d = new Dropout(0.3f);
            int n = 100_000;
            float[] y = d.forward(Tensor.ones(n)).toArray();
            int zeros = 0;
            double sum = 0;
            for (float v : y) {
                if (v == 0f) zeros++;
                else assertEquals(1f / 0.7f, v, 1e-6f, "kept values are scaled by 1/(1-p)");
                sum += v;
            }
            assertEquals(0.3, zeros / (double) n, 0.01, "fraction dropped");
            assertEquals(1.0, sum / n, 0.02, "the expected activation is unchanged");
        }

        @Test
        void dropoutGradientFollowsTheMask() {
            Dropout d = new Dropout(0.5f);
            Tensor x = Tensor.ones(1000).requiresGrad(true);
            Tensor y = d.forward(x);
            y.sum().backward();
            assertArrayEquals(y.toArray(), x.grad().toArray(), "dy/dx is the same mask times 1/(1-p)");
        }

        @Test
        void dropoutIsTheIdentityInEval() {
            Dropout d = new Dropout(0.9f);
            d.eval();
            Tensor x = Tensor.randn(50);
            assertValuesEqual(x, d.forward(x), "eval dropout");
            assertThrows(IllegalArgumentException.class, () -> new Dropout(1f));
            assertThrows(IllegalArgumentException.class, () -> new Dropout(-0.1f));
        }

        @Test
        void batchNormUsesBatchStatisticsInTrainingAndRunningOnesInEval() {
            BatchNorm1d bn = new BatchNorm1d(2);
            Tensor x = Tensor.of(new float[][] {{1, 10}, {3, 20}, {5, 60}});
            Tensor y = bn.forward(x);
            // training: each column normalised by its own mean and biased variance
            float[] yv = y.toArray();
            double m0 = 3, v0 = 8 / 3.0;
            assertEquals((1 - m0) / Math.sqrt(v0 + 1e-5), yv[0], 1e-5);
            // running statistics: momentum 0.1 from 0 / 1, unbiased variance
            assertArrayEquals(new float[] {0.3f, 3f}, bn.runningMean.toArray(), 1e-5f);
            assertArrayEquals(new float[] {0.9f + 0.1f * 4f, 0.9f + 0.1f * 700f}, bn.runningVar.toArray(), 1e-3f);

            bn.eval();
            Tensor one = Tensor.of(new float[][] {{2, 5}});
            float[] e = bn.forward(one).toArray(); // a single example is fine in eval
            assertEquals((2 - 0.3) / Math.sqrt(1.3 + 1e-5), e[0], 1e-5);
            assertEquals((5 - 3) / Math.sqrt(70.9 + 1e-5), e[1], 1e-5);
            float[] mean = bn.runningMean.toArray();
            bn.forward(Tensor.randn(4, 2));
            assertArrayEquals(mean, bn.runningMean.toArray(), "eval does not update the running statistics");
        }

        @Test
        void batchNormTrainingNeedsMoreThanOneValuePerFeature() {
            BatchNorm1d bn = new BatchNorm1d(3);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bn.forward(Tensor.randn(1, 3)));
            assertTrue(e.getMessage().startsWith("BatchNorm1d"), e.getMessage());
        }
    }

    // ------------------------------------------------------------------ state dicts

    @Nested
    class StateDicts {
        Sequential small() {
            return new Sequential(new Linear(3, 4), new BatchNorm1d(4), new ReLU(), new Linear(4, 2));
        }

        @Test
        void roundTripMakesAnIdenticalModel() {
            Sequential a = small(), b = small();
            a.forward(Tensor.randn(5, 3)); // changes a's running statistics
            Map<String, Tensor> state = a.stateDict();
            assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "3.weight", "3.bias", "1.runningMean", "1.runningVar"),
                    List.copyOf(state.keySet()));
            b.loadStateDict(state);
            a.eval();
            b.eval();
            Tensor x = Tensor.randn(6, 3);
            assertValuesEqual(a.forward(x), b.forward(x), "outputs after loading");
            b.stateDict().forEach((k, v) -> assertValuesEqual(state.get(k), v, k));
        }

        @Test
        void stateDictHoldsCopies() {
            Sequential a = small();
            Map<String, Tensor> state = a.stateDict();
            float before = state.get("0.weight").item(0, 0);
            try (var off = Lectern.noGrad()) {
                ((Linear) a.get(0)).weight.fill_(7f);
            }
            assertEquals(before, state.get("0.weight").item(0, 0));
        }

        @Test
        void loadingKeepsTheParameterTensors() {
            Sequential a = small(), b = small();
            Tensor w = ((Linear) b.get(0)).weight;
            Optimizer opt = new SGD(b.parameters(), 0.1f);
            b.loadStateDict(a.stateDict());
            assertSame(w, b.namedParameters().get("0.weight"), "an optimizer built before loading still holds the parameters");
            assertTrue(w.requiresGrad());
            assertNotNull(opt);
        }

        @Test
        void wrongShapeNamesTheParameterAndChangesNothing() {
            Sequential a = small(), b = new Sequential(new Linear(3, 5), new BatchNorm1d(5), new ReLU(), new Linear(5, 2));
            Map<String, Tensor> before = a.stateDict();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.loadStateDict(b.stateDict()));
            assertTrue(e.getMessage().contains("'0.weight'"), e.getMessage());
            assertTrue(e.getMessage().contains("[5, 3]") && e.getMessage().contains("[4, 3]"), e.getMessage());
            a.stateDict().forEach((k, v) -> assertValuesEqual(before.get(k), v, k + " unchanged after a failed load"));
        }

        @Test
        void missingAndUnexpectedEntriesAreNamed() {
            Sequential a = small();
            Map<String, Tensor> state = new LinkedHashMap<>(a.stateDict());
            state.remove("3.bias");
            IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> a.loadStateDict(state));
            assertTrue(missing.getMessage().contains("'3.bias'"), missing.getMessage());

            Map<String, Tensor> extra = new HashMap<>(a.stateDict());
            extra.put("4.weight", Tensor.zeros(2));
            IllegalArgumentException unexpected = assertThrows(IllegalArgumentException.class, () -> a.loadStateDict(extra));
            assertTrue(unexpected.getMessage().contains("'4.weight'"), unexpected.getMessage());
        }
    }

    // ------------------------------------------------------------------ error messages name the layer

    @Nested
    class ErrorMessages {
        @Test
        void conv2dNamesItselfAndTheExpectedShape() {
            Sequential net = lenet();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.forward(Tensor.randn(2, 3, 28, 28)));
            assertTrue(e.getMessage().startsWith("Conv2d(0): expected input [N, 1, H, W]"), e.getMessage());
            assertTrue(e.getMessage().contains("[2, 3, 28, 28]"), e.getMessage());
            IllegalArgumentException flat = assertThrows(IllegalArgumentException.class, () -> net.forward(Tensor.randn(2, 784)));
            assertTrue(flat.getMessage().startsWith("Conv2d(0)"), flat.getMessage());
        }

        @Test
        void linearNamesItselfAndTheExpectedFeatures() {
            Sequential net = lenet();
            // 32×32 inputs give 16·6·6 = 576 features where Linear(7) expects 400
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.forward(Tensor.randn(1, 1, 32, 32)));
            assertTrue(e.getMessage().startsWith("Linear(7): expected input with last dimension 400"), e.getMessage());
            assertTrue(e.getMessage().contains("[1, 576]"), e.getMessage());
            IllegalArgumentException top = assertThrows(IllegalArgumentException.class, () -> new Linear(3, 2).forward(Tensor.randn(4, 5)));
            assertTrue(top.getMessage().startsWith("Linear: expected input with last dimension 3"), top.getMessage());
        }

        @Test
        void batchNormNamesItself() {
            Sequential net = new Sequential().add("bn", new BatchNorm2d(3));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.forward(Tensor.randn(2, 4, 5, 5)));
            assertTrue(e.getMessage().startsWith("BatchNorm2d(bn): expected input [N, 3, H, W]"), e.getMessage());
            IllegalArgumentException e1 = assertThrows(IllegalArgumentException.class, () -> new BatchNorm1d(3).forward(Tensor.randn(2, 4)));
            assertTrue(e1.getMessage().startsWith("BatchNorm1d: expected input [N, 3]"), e1.getMessage());
        }

        @Test
        void lossesNameTheShapes() {
            IllegalArgumentException ce = assertThrows(IllegalArgumentException.class, () -> F.crossEntropy(Tensor.randn(2, 3, 4), Tensor.of(0, 1)));
            assertTrue(ce.getMessage().startsWith("crossEntropy: expected logits [N, C]"), ce.getMessage());
            IllegalArgumentException nll = assertThrows(IllegalArgumentException.class, () -> F.crossEntropy(Tensor.randn(2, 3), Tensor.of(0, 3)));
            assertTrue(nll.getMessage().contains("target 3.0 at position 1"), nll.getMessage());
            IllegalArgumentException mse = assertThrows(IllegalArgumentException.class, () -> F.mseLoss(Tensor.randn(3), Tensor.randn(3, 1)));
            assertTrue(mse.getMessage().startsWith("mseLoss: input and target must have the same shape"), mse.getMessage());
        }

        @Test
        void poolsExplainAWindowThatDoesNotFit() {
            // window 3 > input 2: (2 − 3) / 3 + 1 truncates to 1 in Java, yet no window fits
            for (Module pool : List.of(new MaxPool2d(3), new AvgPool2d(3), new MaxPool2d(3, 2), new AvgPool2d(5, 2, 1))) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pool.forward(Tensor.randn(1, 1, 2, 2)),
                        pool.toString());
                assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
            }
            assertArrayEquals(new int[] {1, 1, 1, 1}, new MaxPool2d(2).forward(Tensor.randn(1, 1, 2, 3)).shape());
        }

        @Test
        void conv2dExplainsAKernelThatDoesNotFit() {
            // 3×3 kernel, stride 2, on 2×2: (2 − 3) / 2 + 1 truncates to 1 in Java, yet the kernel does not fit
            for (Conv2d conv : List.of(new Conv2d(1, 1, 3, 2), new Conv2d(1, 1, 3, 1), new Conv2d(1, 1, 5, 3, 1),
                    new Conv2d(1, 1, 3, 2, 0, 2, true))) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> conv.forward(Tensor.randn(1, 1, 2, 2)),
                        conv.toString());
                assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
            }
            assertArrayEquals(new int[] {1, 1, 1, 1}, new Conv2d(1, 1, 3, 2).forward(Tensor.randn(1, 1, 3, 4)).shape());
        }
    }
}
