package org.lectern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.lectern.nn.AvgPool2d;
import org.lectern.nn.BCEWithLogitsLoss;
import org.lectern.nn.BatchNorm1d;
import org.lectern.nn.BatchNorm2d;
import org.lectern.nn.Conv2d;
import org.lectern.nn.CrossEntropyLoss;
import org.lectern.nn.F;
import org.lectern.nn.Flatten;
import org.lectern.nn.GELU;
import org.lectern.nn.LeakyReLU;
import org.lectern.nn.Linear;
import org.lectern.nn.LogSoftmax;
import org.lectern.nn.MSELoss;
import org.lectern.nn.MaxPool2d;
import org.lectern.nn.Module;
import org.lectern.nn.NLLLoss;
import org.lectern.nn.ReLU;
import org.lectern.nn.Reduction;
import org.lectern.nn.Sigmoid;
import org.lectern.nn.Softmax;
import org.lectern.nn.Tanh;
import org.lectern.optim.Adam;
import org.lectern.optim.AdamW;
import org.lectern.optim.ClipGrad;
import org.lectern.optim.CosineAnnealingLR;
import org.lectern.optim.LRScheduler;
import org.lectern.optim.Optimizer;
import org.lectern.optim.SGD;
import org.lectern.optim.StepLR;

/**
 * Lectern's layers, losses, optimizers, schedulers and gradient clipping against PyTorch: every case of
 * {@code src/test/resources/fixtures/nn/} (made by {@code src/test/python/make_torch_nn_fixtures.py}) is
 * replayed through its Java twin below. Layers are built with Lectern's constructors and their parameters
 * are set to the fixture's values ({@link Env#into}, a {@code copy_} inside {@code Lectern.noGrad()}), so
 * the gradient PyTorch reports for input "w" is compared with the gradient of the layer's weight.
 *
 * <p>Tolerance and fixture format are those of {@link TorchReferenceTest}: the reference is PyTorch's
 * float64 evaluation rounded once to float32, and an element passes when
 * {@code |got - ref| <= 1e-5 * max(|ref|, floor * max|ref|)} (floor 1 for everything that sums: conv,
 * linear, batch norm, losses, optimizer trajectories).
 *
 * <p>CosineAnnealingLR follows PyTorch's closed form also past T_max (the rate climbs back to the initial
 * one at 2·T_max); the fixtures cover epochs 0..T_max.
 */
class TorchNnReferenceTest {

    /** The fixture's inputs of one case, and where Lectern keeps the gradient that PyTorch reports for each. */
    static final class Env {
        final Map<String, Tensor> inputs = new LinkedHashMap<>();
        final Map<String, Tensor> gradHolder = new LinkedHashMap<>();

        Tensor t(String name) {
            Tensor v = inputs.get(name);
            if (v == null) throw new IllegalArgumentException("the fixture has no input " + name);
            return v;
        }

        /** Sets parameter (or buffer) p to input name's values; PyTorch's gradient of name is compared with p's. */
        Tensor into(Tensor p, String name) {
            try (var off = Lectern.noGrad()) {
                p.copy_(t(name));
            }
            gradHolder.put(name, p);
            return p;
        }
    }

    interface Expr {
        Object eval(Env env);
    }

    record JavaCase(String torch, Expr expr) {}

    static final Map<String, JavaCase> CASES = new LinkedHashMap<>();

    private static void c(String name, String torch, Expr expr) {
        if (CASES.put(name, new JavaCase(torch, expr)) != null) throw new IllegalStateException("duplicate case " + name);
    }

    private static int[] p(int a, int b) {
        return new int[] {a, b};
    }

    /** A Conv2d layer shaped by the fixture's weight, with the fixture's weight and bias (if any). */
    private static Tensor conv(Env e, int[] stride, int[] padding, int[] dilation) {
        int[] w = e.t("w").shape();
        boolean bias = e.inputs.containsKey("b");
        Conv2d layer = new Conv2d(w[1], w[0], p(w[2], w[3]), stride, padding, dilation, bias);
        e.into(layer.weight, "w");
        if (bias) e.into(layer.bias, "b");
        return layer.forward(e.t("x"));
    }

    private static Tensor conv(Env e, int stride, int padding, int dilation) {
        return conv(e, p(stride, stride), p(padding, padding), p(dilation, dilation));
    }

    private static Tensor linear(Env e) {
        int[] w = e.t("w").shape();
        boolean bias = e.inputs.containsKey("b");
        Linear layer = new Linear(w[1], w[0], bias);
        e.into(layer.weight, "w");
        if (bias) e.into(layer.bias, "b");
        return layer.forward(e.t("x"));
    }

    /** bn_train(x, [x2,] w, b): one training step per batch; every output, then the running statistics. */
    private static List<Tensor> bnTrain(Env e, Module bn, Tensor weight, Tensor bias, String... xs) {
        e.into(weight, "w");
        e.into(bias, "b");
        List<Tensor> out = new ArrayList<>();
        for (String x : xs) out.add(bn.forward(e.t(x)));
        Map<String, Tensor> buffers = bn.namedBuffers();
        out.add(buffers.get("runningMean"));
        out.add(buffers.get("runningVar"));
        return out;
    }

    private static Tensor bnEval(Env e, Module bn, Tensor weight, Tensor bias) {
        e.into(weight, "w");
        e.into(bias, "b");
        Map<String, Tensor> buffers = bn.namedBuffers();
        try (var off = Lectern.noGrad()) {
            buffers.get("runningMean").copy_(e.t("rm"));
            buffers.get("runningVar").copy_(e.t("rv"));
        }
        bn.eval();
        return bn.forward(e.t("x"));
    }

    /** train5: 5 steps on mean((tanh(x @ w.T + c) - y)^2) from the fixture's w, c; returns w, c and the losses. */
    private static List<Tensor> train5(Env e, Function<List<Tensor>, Optimizer> make) {
        Tensor w = e.t("w").copy().requiresGrad(true), c = e.t("c").copy().requiresGrad(true);
        Tensor x = e.t("x"), y = e.t("y");
        Optimizer opt = make.apply(List.of(w, c));
        float[] losses = new float[5];
        for (int k = 0; k < 5; k++) {
            opt.zeroGrad();
            Tensor loss = x.matmul(w.t()).add(c).tanh().sub(y).square().mean();
            losses[k] = loss.item();
            loss.backward();
            opt.step();
        }
        return List.of(w, c, Tensor.of(losses));
    }

    private static Tensor lrSequence(float lr, int epochs, Function<Optimizer, LRScheduler> make) {
        Optimizer opt = new SGD(List.of(Tensor.zeros(1).requiresGrad(true)), lr);
        LRScheduler s = make.apply(opt);
        float[] lrs = new float[epochs + 1];
        lrs[0] = opt.lr();
        for (int k = 1; k <= epochs; k++) {
            opt.step();
            s.step();
            lrs[k] = opt.lr();
            assertEquals(lrs[k], s.lastLr(), "lastLr() after step " + k);
        }
        return Tensor.of(lrs);
    }

    /** Two parameters whose gradients are the fixture's g1, g2 (made by backward of Σ p·g). */
    private static List<Tensor> withGrads(Env e) {
        List<Tensor> ps = new ArrayList<>();
        for (String n : List.of("g1", "g2")) {
            Tensor g = e.t(n);
            Tensor param = Tensor.zeros(g.shape()).requiresGrad(true);
            param.mul(g).sum().backward();
            ps.add(param);
        }
        return ps;
    }

    private static final String SGD_ = "torch.optim.SGD", ADAM_ = "torch.optim.Adam", ADAMW_ = "torch.optim.AdamW";

    static {
        // ---------------------------------------------------------------- conv2d (Conv2d layer unless noted)
        c("conv.basic",                    "F.conv2d(x, w, b)",                           e -> e.t("x").conv2d(e.t("w"), e.t("b"), 1, 0));
        c("conv.stride2",                  "F.conv2d(x, w, b, stride=2)",                 e -> conv(e, 2, 0, 1));
        c("conv.padding1",                 "F.conv2d(x, w, b, padding=1)",                e -> conv(e, 1, 1, 1));
        c("conv.padding2_kernel5",         "F.conv2d(x, w, b, padding=2)",                e -> conv(e, 1, 2, 1));
        c("conv.stride2_padding1",         "F.conv2d(x, w, b, stride=2, padding=1)",      e -> conv(e, 2, 1, 1));
        c("conv.dilation2",                "F.conv2d(x, w, b, dilation=2)",               e -> conv(e, 1, 0, 2));
        c("conv.dilation2_padding2",       "F.conv2d(x, w, b, padding=2, dilation=2)",    e -> conv(e, 1, 2, 2));
        c("conv.nonsquare_input",          "F.conv2d(x, w, b, padding=1)",                e -> conv(e, 1, 1, 1));
        c("conv.nonsquare_input_stride2",  "F.conv2d(x, w, b, stride=2)",                 e -> conv(e, 2, 0, 1));
        c("conv.nonsquare_kernel",         "F.conv2d(x, w, b, stride=(2, 1), padding=(1, 0))", e -> conv(e, p(2, 1), p(1, 0), p(1, 1)));
        c("conv.kernel1x1",                "F.conv2d(x, w, b)",                           e -> conv(e, 1, 0, 1));
        c("conv.kernel1x1_stride2",        "F.conv2d(x, w, b, stride=2)",                 e -> conv(e, 2, 0, 1));
        c("conv.many_channels",            "F.conv2d(x, w, b, padding=1)",                e -> conv(e, 1, 1, 1));
        c("conv.one_channel_lenet",        "F.conv2d(x, w, b, padding=2)",                e -> conv(e, 1, 2, 1));
        c("conv.no_bias",                  "F.conv2d(x, w)",                              e -> e.t("x").conv2d(e.t("w")));
        c("conv.no_bias_stride2_padding1", "F.conv2d(x, w, None, stride=2, padding=1)",   e -> conv(e, 2, 1, 1));

        // ---------------------------------------------------------------- pooling layers
        c("pool.max_k2s2",              "F.max_pool2d(x, 2, 2)",    e -> new MaxPool2d(2).forward(e.t("x")));
        c("pool.max_k2s2_odd",          "F.max_pool2d(x, 2, 2)",    e -> new MaxPool2d(2, 2).forward(e.t("x")));
        c("pool.max_k3s2p1",            "F.max_pool2d(x, 3, 2, 1)", e -> new MaxPool2d(3, 2, 1).forward(e.t("x")));
        c("pool.max_k3s2p1_even",       "F.max_pool2d(x, 3, 2, 1)", e -> new MaxPool2d(3, 2, 1).forward(e.t("x")));
        c("pool.max_nonsquare",         "F.max_pool2d(x, 2, 2)",    e -> new MaxPool2d(2).forward(e.t("x")));
        c("pool.max_k3s2p1_nonsquare",  "F.max_pool2d(x, 3, 2, 1)", e -> new MaxPool2d(3, 2, 1).forward(e.t("x")));
        c("pool.max_overlap_k3s1",      "F.max_pool2d(x, 3, 1)",    e -> new MaxPool2d(3, 1).forward(e.t("x")));
        c("pool.avg_k2s2",              "F.avg_pool2d(x, 2, 2)",    e -> new AvgPool2d(2).forward(e.t("x")));
        c("pool.avg_k2s2_odd",          "F.avg_pool2d(x, 2, 2)",    e -> new AvgPool2d(2, 2).forward(e.t("x")));
        c("pool.avg_k3s2p1",            "F.avg_pool2d(x, 3, 2, 1)", e -> new AvgPool2d(3, 2, 1).forward(e.t("x")));
        c("pool.avg_k3s2p1_even",       "F.avg_pool2d(x, 3, 2, 1)", e -> new AvgPool2d(3, 2, 1).forward(e.t("x")));
        c("pool.avg_nonsquare",         "F.avg_pool2d(x, 2, 2)",    e -> new AvgPool2d(2).forward(e.t("x")));
        c("pool.avg_k3s2p1_nonsquare",  "F.avg_pool2d(x, 3, 2, 1)", e -> new AvgPool2d(3, 2, 1).forward(e.t("x")));

        // ---------------------------------------------------------------- linear
        c("linear.basic",         "F.linear(x, w, b)", TorchNnReferenceTest::linear);
        c("linear.no_bias",       "F.linear(x, w)",    TorchNnReferenceTest::linear);
        c("linear.batched_3d",    "F.linear(x, w, b)", TorchNnReferenceTest::linear);
        c("linear.single_vector", "F.linear(x, w, b)", TorchNnReferenceTest::linear);
        c("linear.wide",          "F.linear(x, w, b)", TorchNnReferenceTest::linear);

        // ---------------------------------------------------------------- batch norm
        c("batchnorm.bn1d_train", "bn_train(x, w, b)", e -> {
            var bn = new BatchNorm1d(4);
            return bnTrain(e, bn, bn.weight, bn.bias, "x");
        });
        c("batchnorm.bn1d_train_two_steps", "bn_train(x, x2, w, b)", e -> {
            var bn = new BatchNorm1d(4);
            return bnTrain(e, bn, bn.weight, bn.bias, "x", "x2");
        });
        c("batchnorm.bn1d_3d_train", "bn_train(x, w, b)", e -> {
            var bn = new BatchNorm1d(2);
            return bnTrain(e, bn, bn.weight, bn.bias, "x");
        });
        c("batchnorm.bn2d_train", "bn_train(x, w, b)", e -> {
            var bn = new BatchNorm2d(2);
            return bnTrain(e, bn, bn.weight, bn.bias, "x");
        });
        c("batchnorm.bn2d_train_two_steps", "bn_train(x, x2, w, b)", e -> {
            var bn = new BatchNorm2d(3);
            return bnTrain(e, bn, bn.weight, bn.bias, "x", "x2");
        });
        c("batchnorm.bn1d_eval", "bn_eval(x, w, b, rm, rv)", e -> {
            var bn = new BatchNorm1d(3);
            return bnEval(e, bn, bn.weight, bn.bias);
        });
        c("batchnorm.bn2d_eval", "bn_eval(x, w, b, rm, rv)", e -> {
            var bn = new BatchNorm2d(3);
            return bnEval(e, bn, bn.weight, bn.bias);
        });

        // ---------------------------------------------------------------- losses (Loss classes and F, alternately)
        for (Reduction r : Reduction.values()) {
            String red = r.name().toLowerCase();
            c("loss.cross_entropy_indices_" + red, "F.cross_entropy(a, i, reduction='" + red + "')",
                    e -> new CrossEntropyLoss(r).forward(e.t("a"), e.t("i")));
            c("loss.cross_entropy_probs_" + red, "F.cross_entropy(a, t, reduction='" + red + "')",
                    e -> F.crossEntropy(e.t("a"), e.t("t"), r));
            c("loss.nll_" + red, "F.nll_loss(a, i, reduction='" + red + "')",
                    e -> new NLLLoss(r).forward(e.t("a"), e.t("i")));
            c("loss.mse_" + red, "F.mse_loss(a, t, reduction='" + red + "')",
                    e -> new MSELoss(r).forward(e.t("a"), e.t("t")));
            c("loss.bce_with_logits_" + red, "F.binary_cross_entropy_with_logits(a, t, reduction='" + red + "')",
                    e -> new BCEWithLogitsLoss(r).forward(e.t("a"), e.t("t")));
        }
        c("loss.cross_entropy_large_logits",      "F.cross_entropy(a, i)",                      e -> F.crossEntropy(e.t("a"), e.t("i")));
        c("loss.cross_entropy_large_logits_none", "F.cross_entropy(a, i, reduction='none')",    e -> F.crossEntropy(e.t("a"), e.t("i"), Reduction.NONE));
        c("loss.cross_entropy_probs_large_logits", "F.cross_entropy(a, t)",                     e -> new CrossEntropyLoss().forward(e.t("a"), e.t("t")));
        c("loss.nll_of_log_softmax",              "F.nll_loss(a.log_softmax(dim=1), i)",        e -> F.nllLoss(e.t("a").logSoftmax(1), e.t("i")));
        c("loss.bce_with_logits_large",           "F.binary_cross_entropy_with_logits(a, t, reduction='sum')",
                e -> F.bceWithLogits(e.t("a"), e.t("t"), Reduction.SUM));
        c("loss.bce_with_logits_hard_targets",    "F.binary_cross_entropy_with_logits(a, t)",   e -> F.bceWithLogits(e.t("a"), e.t("t")));

        // ---------------------------------------------------------------- activation layers
        c("act.gelu",               "nn.GELU()(a)",             e -> new GELU().forward(e.t("a")));
        c("act.leaky_relu_default", "nn.LeakyReLU()(a)",        e -> new LeakyReLU().forward(e.t("a")));
        c("act.leaky_relu_0_2",     "nn.LeakyReLU(0.2)(a)",     e -> new LeakyReLU(0.2f).forward(e.t("a")));
        c("act.relu",               "nn.ReLU()(a)",             e -> new ReLU().forward(e.t("a")));
        c("act.sigmoid",            "nn.Sigmoid()(a)",          e -> new Sigmoid().forward(e.t("a")));
        c("act.tanh",               "nn.Tanh()(a)",             e -> new Tanh().forward(e.t("a")));
        c("act.softmax",            "nn.Softmax(dim=1)(a)",     e -> new Softmax(1).forward(e.t("a")));
        c("act.log_softmax",        "nn.LogSoftmax(dim=1)(a)",  e -> new LogSoftmax(1).forward(e.t("a")));
        c("act.flatten",            "nn.Flatten()(a).tanh()",   e -> new Flatten().forward(e.t("a")).tanh());

        // ---------------------------------------------------------------- optimizer trajectories
        c("optim.sgd", "train5(" + SGD_ + ", w, c, x, y, lr=0.1)", e -> train5(e, ps -> new SGD(ps, 0.1f)));
        c("optim.sgd_momentum", "train5(" + SGD_ + ", w, c, x, y, lr=0.1, momentum=0.9)", e -> train5(e, ps -> new SGD(ps, 0.1f, 0.9f)));
        c("optim.sgd_nesterov", "train5(" + SGD_ + ", w, c, x, y, lr=0.1, momentum=0.9, nesterov=True)",
                e -> train5(e, ps -> new SGD(ps, 0.1f, 0.9f, 0f, true)));
        c("optim.sgd_weight_decay", "train5(" + SGD_ + ", w, c, x, y, lr=0.1, weight_decay=0.1)",
                e -> train5(e, ps -> new SGD(ps, 0.1f, 0f, 0.1f, false)));
        c("optim.sgd_momentum_weight_decay", "train5(" + SGD_ + ", w, c, x, y, lr=0.05, momentum=0.8, weight_decay=0.05)",
                e -> train5(e, ps -> new SGD(ps, 0.05f, 0.8f, 0.05f, false)));
        c("optim.sgd_nesterov_weight_decay", "train5(" + SGD_ + ", w, c, x, y, lr=0.05, momentum=0.5, weight_decay=0.2, nesterov=True)",
                e -> train5(e, ps -> new SGD(ps, 0.05f, 0.5f, 0.2f, true)));
        c("optim.adam", "train5(" + ADAM_ + ", w, c, x, y, lr=0.05)", e -> train5(e, ps -> new Adam(ps, 0.05f)));
        c("optim.adam_betas", "train5(" + ADAM_ + ", w, c, x, y, lr=0.02, betas=(0.8, 0.99), eps=1e-6)",
                e -> train5(e, ps -> new Adam(ps, 0.02f, 0.8f, 0.99f, 1e-6f, 0f)));
        c("optim.adam_weight_decay", "train5(" + ADAM_ + ", w, c, x, y, lr=0.05, weight_decay=0.1)",
                e -> train5(e, ps -> new Adam(ps, 0.05f, 0.9f, 0.999f, 1e-8f, 0.1f)));
        c("optim.adamw", "train5(" + ADAMW_ + ", w, c, x, y, lr=0.05)", e -> train5(e, ps -> new AdamW(ps, 0.05f)));
        c("optim.adamw_weight_decay", "train5(" + ADAMW_ + ", w, c, x, y, lr=0.05, weight_decay=0.5)",
                e -> train5(e, ps -> new AdamW(ps, 0.05f, 0.9f, 0.999f, 1e-8f, 0.5f)));

        // ---------------------------------------------------------------- schedules
        c("sched.step_lr", "lr_sequence(torch.optim.lr_scheduler.StepLR, 7, lr=0.1, step_size=2, gamma=0.5)",
                e -> lrSequence(0.1f, 7, o -> new StepLR(o, 2, 0.5f)));
        c("sched.step_lr_step3", "lr_sequence(torch.optim.lr_scheduler.StepLR, 9, lr=0.3, step_size=3, gamma=0.1)",
                e -> lrSequence(0.3f, 9, o -> new StepLR(o, 3, 0.1f)));
        c("sched.cosine", "lr_sequence(torch.optim.lr_scheduler.CosineAnnealingLR, 6, lr=0.1, T_max=6)",
                e -> lrSequence(0.1f, 6, o -> new CosineAnnealingLR(o, 6)));
        c("sched.cosine_eta_min", "lr_sequence(torch.optim.lr_scheduler.CosineAnnealingLR, 10, lr=0.5, T_max=10, eta_min=0.01)",
                e -> lrSequence(0.5f, 10, o -> new CosineAnnealingLR(o, 10, 0.01f)));

        // ---------------------------------------------------------------- gradient clipping
        c("clip.grad_norm_active", "clip_norm(g1, g2, 1.0)", e -> clipNorm(e, 1f));
        c("clip.grad_norm_inactive", "clip_norm(g1, g2, 100.0)", e -> clipNorm(e, 100f));
        c("clip.grad_norm_small", "clip_norm(g1, g2, 0.1)", e -> clipNorm(e, 0.1f));
        c("clip.grad_value", "clip_value(g1, g2, 0.5)", e -> {
            List<Tensor> ps = withGrads(e);
            ClipGrad.clipGradValue(ps, 0.5f);
            return List.of(ps.get(0).grad(), ps.get(1).grad());
        });
    }

    private static List<Tensor> clipNorm(Env e, float maxNorm) {
        List<Tensor> ps = withGrads(e);
        float norm = ClipGrad.clipGradNorm(ps, maxNorm);
        return List.of(Tensor.scalar(norm), ps.get(0).grad(), ps.get(1).grad());
    }

    // -------------------------------------------------------------------- the tests

    private static final List<TorchFixtures.Case> FIXTURES = TorchFixtures.load("nn");

    @TestFactory
    Stream<DynamicNode> matchesPyTorch() {
        Map<String, List<DynamicNode>> families = new LinkedHashMap<>();
        for (TorchFixtures.Case fx : FIXTURES) {
            JavaCase java = CASES.get(fx.name());
            String display = fx.name().substring(fx.name().indexOf('.') + 1) + ": " + fx.torch();
            families.computeIfAbsent(family(fx.name()), f -> new ArrayList<>()).add(DynamicTest.dynamicTest(display, () -> {
                if (java == null) fail("fixture case " + fx.name() + " (" + fx.source() + ") has no Java counterpart in TorchNnReferenceTest");
                try {
                    check(fx, java);
                } catch (RuntimeException e) {
                    throw new AssertionError(fx.name() + " [" + fx.torch() + "]: Lectern threw " + e, e);
                }
            }));
        }
        return families.entrySet().stream().map(e -> DynamicContainer.dynamicContainer(e.getKey(), e.getValue()));
    }

    @Test
    void everyFixtureCaseHasAJavaTwinAndViceVersa() {
        Set<String> fixtures = new LinkedHashSet<>();
        for (TorchFixtures.Case fx : FIXTURES) assertTrue(fixtures.add(fx.name()), "fixture case " + fx.name() + " appears twice");
        Set<String> onlyFixtures = new LinkedHashSet<>(fixtures);
        onlyFixtures.removeAll(CASES.keySet());
        Set<String> onlyJava = new LinkedHashSet<>(CASES.keySet());
        onlyJava.removeAll(fixtures);
        assertTrue(onlyFixtures.isEmpty() && onlyJava.isEmpty(),
                "fixture cases without Java twin: " + onlyFixtures + "; Java cases without fixture: " + onlyJava);
        assertTrue(fixtures.size() >= 80, "expected the full nn fixture set, found " + fixtures.size() + " cases");
    }

    private static String family(String name) {
        return name.substring(0, name.indexOf('.'));
    }

    static void check(TorchFixtures.Case fx, JavaCase java) {
        assertEquals(fx.torch(), java.torch(), fx.name() + ": the Java case mirrors a different PyTorch expression than the fixture");
        boolean differentiable = !fx.weights().isEmpty();
        Env env = new Env();
        fx.inputs().forEach((name, ref) -> {
            Tensor t = ref.toTensor();
            if (!ref.integer() && differentiable) t.requiresGrad(true);
            env.inputs.put(name, t);
        });

        List<Tensor> outs = TorchReferenceTest.outputs(java.expr().eval(env));
        assertEquals(fx.outputs().size(), outs.size(), fx.name() + ": number of outputs");
        Tensor loss = null;
        for (int k = 0; k < outs.size(); k++) {
            TorchFixtures.Ref ref = fx.outputs().get(k);
            Tensor got = outs.get(k);
            String what = fx.name() + " output " + k;
            if (ref.integer()) TorchReferenceTest.assertExact(what, got, ref);
            else TorchReferenceTest.assertClose(what, got, ref, fx.floor());
            TorchFixtures.Ref w = fx.weights().get(k);
            if (w != null && got.requiresGrad()) {
                Tensor term = got.mul(w.toTensor()).sum();
                loss = loss == null ? term : loss.add(term);
            }
        }
        if (!fx.grads().isEmpty()) {
            assertNotNull(loss, fx.name() + ": PyTorch has gradients but no Lectern output requires grad");
            loss.backward();
        }
        for (var e : fx.inputs().entrySet()) {
            if (e.getValue().integer() || !differentiable) continue;
            String name = e.getKey();
            Tensor holder = env.gradHolder.getOrDefault(name, env.inputs.get(name));
            TorchFixtures.Ref ref = fx.grads().get(name);
            Tensor grad = holder.grad();
            String what = fx.name() + " grad " + name;
            if (ref != null) {
                assertNotNull(grad, what + ": Lectern computed no gradient");
                TorchReferenceTest.assertClose(what, grad, ref, fx.floor());
            } else if (grad != null) {
                for (float v : grad.toArray()) assertEquals(0f, v, what + ": PyTorch has none, Lectern's is non-zero " + Arrays.toString(grad.toArray()));
            }
        }
    }
}
