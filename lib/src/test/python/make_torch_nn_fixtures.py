#!/usr/bin/python3
"""Writes PyTorch reference values for Lectern's layers, losses, optimizers and schedulers.

What it writes
    lib/src/test/resources/fixtures/nn/<family>.txt   conv, pool, linear, batchnorm, loss, act, optim, sched, clip
    lib/src/test/resources/fixtures/nn/INDEX          the family files, one per line

    The file format, the input generators, the float64-reference / float32-check scheme and the tolerance
    rule are those of make_torch_fixtures.py (imported from beside this file; read its docstring). Only
    the expressions differ: besides plain torch / F calls they use the helpers defined below (bn_train,
    train5, lr_sequence, clip_norm, ...), so the `torch` line of a case names the exact PyTorch code that
    produced it. TorchNnReferenceTest (lib/src/test/java/org/lectern) replays each case in Lectern, with the
    layers' parameters set to the fixture's values, and compares. The tests read only these files.

    Cases without gradients (optimizer trajectories, schedules, clipping) have no weight or grad lines;
    their outputs are compared like any other (optimizer cases with the norm-wise floor).

How to rerun (needs torch and numpy; Debian's python has them):
    cd lib && /usr/bin/python3 src/test/python/make_torch_nn_fixtures.py
    Deterministic: rerunning without changing a case gives byte-identical files.
"""
import math
import os
import sys
import zlib

import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import make_torch_fixtures as base  # noqa: E402  (same conventions: generators, tolerance, formatting)
from make_torch_fixtures import randn, uniform, away, large, const, index  # noqa: E402

OUT_DIR = os.path.normpath(os.path.join(HERE, "..", "resources", "fixtures", "nn"))
FLOOR_ELEMENTWISE, FLOOR_NORMWISE = base.FLOOR_ELEMENTWISE, base.FLOOR_NORMWISE


# ------------------------------------------------------------------ helpers named in the `torch` lines

def bn_train(*args):
    """bn_train(x, [x2, ...,] w, b): BatchNorm in training mode (what nn.BatchNorm1d/2d's forward does),
    running stats starting at 0 / 1, momentum 0.1, eps 1e-5, one step per batch x, x2, ... Returns every
    step's output, then running_mean and running_var after the last step."""
    xs, (w, b) = args[:-2], args[-2:]
    c = xs[0].shape[1]
    rm, rv = torch.zeros(c), torch.ones(c)
    ys = [F.batch_norm(xi, rm, rv, w, b, training=True, momentum=0.1, eps=1e-5) for xi in xs]
    return ys + [rm, rv]


def bn_eval(x, w, b, rm, rv):
    """BatchNorm in eval mode with the given running statistics (not trained, so detached)."""
    return F.batch_norm(x, rm.detach(), rv.detach(), w, b, training=False, eps=1e-5)


def train5(opt, w, c, x, y, **kw):
    """5 optimizer steps from (w, c) on the small network loss mean((tanh(x @ w.T + c) - y)^2).
    Returns w and c after the 5 steps and the 5 losses (before each step)."""
    w = w.detach().clone().requires_grad_(True)
    c = c.detach().clone().requires_grad_(True)
    o = opt([w, c], **kw)
    losses = []
    for _ in range(5):
        o.zero_grad()
        loss = ((x.detach() @ w.T + c).tanh() - y.detach()).square().mean()
        losses.append(loss.detach())
        loss.backward()
        o.step()
    return [w.detach(), c.detach(), torch.stack(losses)]


def lr_sequence(sched, epochs, lr=0.1, **kw):
    """The learning rate at the start (epoch 0) and after each of `epochs` scheduler steps."""
    p = torch.zeros(1, requires_grad=True)
    o = torch.optim.SGD([p], lr=lr)
    s = sched(o, **kw)
    lrs = [o.param_groups[0]["lr"]]
    for _ in range(epochs):
        o.step()  # no gradient: nothing changes, but the scheduler sees the usual call order
        s.step()
        lrs.append(o.param_groups[0]["lr"])
    return torch.tensor(lrs)


def with_grads(grads):
    params = []
    for g in grads:
        p = torch.zeros(g.shape, requires_grad=True)
        p.grad = g.detach().clone()
        params.append(p)
    return params


def clip_norm(g1, g2, max_norm):
    """torch.nn.utils.clip_grad_norm_ on two parameters whose gradients are g1, g2: the returned total
    norm, then the clipped gradients."""
    ps = with_grads([g1, g2])
    norm = torch.nn.utils.clip_grad_norm_(ps, max_norm)
    return [norm.detach(), ps[0].grad, ps[1].grad]


def clip_value(g1, g2, clip):
    ps = with_grads([g1, g2])
    torch.nn.utils.clip_grad_value_(ps, clip)
    return [ps[0].grad, ps[1].grad]


NAMESPACE = {"torch": torch, "F": F, "nn": nn, "bn_train": bn_train, "bn_eval": bn_eval, "train5": train5,
             "lr_sequence": lr_sequence, "clip_norm": clip_norm, "clip_value": clip_value}


# ------------------------------------------------------------------ cases

CASES = []


def case(name, expr, norm=False, grads=True, f32_exempt=None, **inputs):
    """grads=False: no weights and no gradients (the outputs are not functions to differentiate)."""
    assert all(c.name != name for c in CASES), name
    CASES.append(Case(name, expr, FLOOR_NORMWISE if norm else FLOOR_ELEMENTWISE, inputs, grads, f32_exempt))


class Case:
    def __init__(self, name, expr, floor, inputs, grads, f32_exempt):
        self.name, self.expr, self.floor, self.inputs, self.grads, self.f32_exempt = name, expr, floor, inputs, grads, f32_exempt


def probs(*shape):
    """Rows of class probabilities (softmax of normal logits)."""
    return lambda g: torch.randn(shape, generator=g).softmax(dim=-1).float()


def logits(*shape, scale=1.0):
    return lambda g: (torch.randn(shape, generator=g) * scale).float()


# --- conv2d: x [N, C, H, W], w [O, C, KH, KW], b [O]; every sum is norm-wise
case("conv.basic", "F.conv2d(x, w, b)", norm=True, x=randn(2, 3, 6, 6), w=randn(4, 3, 3, 3), b=randn(4))
case("conv.stride2", "F.conv2d(x, w, b, stride=2)", norm=True, x=randn(2, 2, 8, 8), w=randn(3, 2, 3, 3), b=randn(3))
case("conv.padding1", "F.conv2d(x, w, b, padding=1)", norm=True, x=randn(2, 2, 5, 5), w=randn(3, 2, 3, 3), b=randn(3))
case("conv.padding2_kernel5", "F.conv2d(x, w, b, padding=2)", norm=True, x=randn(1, 2, 7, 7), w=randn(2, 2, 5, 5), b=randn(2))
case("conv.stride2_padding1", "F.conv2d(x, w, b, stride=2, padding=1)", norm=True, x=randn(2, 3, 7, 7), w=randn(4, 3, 3, 3), b=randn(4))
case("conv.dilation2", "F.conv2d(x, w, b, dilation=2)", norm=True, x=randn(1, 2, 9, 9), w=randn(3, 2, 3, 3), b=randn(3))
case("conv.dilation2_padding2", "F.conv2d(x, w, b, padding=2, dilation=2)", norm=True, x=randn(2, 2, 6, 7), w=randn(2, 2, 3, 3), b=randn(2))
case("conv.nonsquare_input", "F.conv2d(x, w, b, padding=1)", norm=True, x=randn(2, 3, 5, 9), w=randn(2, 3, 3, 3), b=randn(2))
case("conv.nonsquare_input_stride2", "F.conv2d(x, w, b, stride=2)", norm=True, x=randn(1, 2, 9, 6), w=randn(3, 2, 3, 3), b=randn(3))
case("conv.nonsquare_kernel", "F.conv2d(x, w, b, stride=(2, 1), padding=(1, 0))", norm=True, x=randn(2, 2, 7, 6), w=randn(3, 2, 3, 2), b=randn(3))
case("conv.kernel1x1", "F.conv2d(x, w, b)", norm=True, x=randn(2, 4, 3, 5), w=randn(5, 4, 1, 1), b=randn(5))
case("conv.kernel1x1_stride2", "F.conv2d(x, w, b, stride=2)", norm=True, x=randn(1, 3, 5, 5), w=randn(2, 3, 1, 1), b=randn(2))
case("conv.many_channels", "F.conv2d(x, w, b, padding=1)", norm=True, x=randn(2, 8, 5, 5), w=randn(6, 8, 3, 3), b=randn(6))
case("conv.one_channel_lenet", "F.conv2d(x, w, b, padding=2)", norm=True, x=randn(2, 1, 8, 8), w=randn(6, 1, 5, 5), b=randn(6))
case("conv.no_bias", "F.conv2d(x, w)", norm=True, x=randn(2, 3, 6, 6), w=randn(4, 3, 3, 3))
case("conv.no_bias_stride2_padding1", "F.conv2d(x, w, None, stride=2, padding=1)", norm=True, x=randn(1, 2, 6, 5), w=randn(3, 2, 3, 3))

# --- pooling (inputs are distinct normal values, so max has no ties)
case("pool.max_k2s2", "F.max_pool2d(x, 2, 2)", x=randn(2, 3, 6, 6))
case("pool.max_k2s2_odd", "F.max_pool2d(x, 2, 2)", x=randn(1, 2, 5, 7))
case("pool.max_k3s2p1", "F.max_pool2d(x, 3, 2, 1)", x=randn(2, 2, 7, 7))
case("pool.max_k3s2p1_even", "F.max_pool2d(x, 3, 2, 1)", x=randn(1, 2, 6, 6))
case("pool.max_nonsquare", "F.max_pool2d(x, 2, 2)", x=randn(2, 2, 4, 8))
case("pool.max_k3s2p1_nonsquare", "F.max_pool2d(x, 3, 2, 1)", x=randn(1, 3, 5, 9))
case("pool.max_overlap_k3s1", "F.max_pool2d(x, 3, 1)", norm=True, x=randn(1, 2, 5, 5))
case("pool.avg_k2s2", "F.avg_pool2d(x, 2, 2)", norm=True, x=randn(2, 3, 6, 6))
case("pool.avg_k2s2_odd", "F.avg_pool2d(x, 2, 2)", norm=True, x=randn(1, 2, 5, 7))
case("pool.avg_k3s2p1", "F.avg_pool2d(x, 3, 2, 1)", norm=True, x=randn(2, 2, 7, 7))
case("pool.avg_k3s2p1_even", "F.avg_pool2d(x, 3, 2, 1)", norm=True, x=randn(1, 2, 6, 6))
case("pool.avg_nonsquare", "F.avg_pool2d(x, 2, 2)", norm=True, x=randn(2, 2, 4, 8))
case("pool.avg_k3s2p1_nonsquare", "F.avg_pool2d(x, 3, 2, 1)", norm=True, x=randn(1, 3, 5, 9))

# --- linear
case("linear.basic", "F.linear(x, w, b)", norm=True, x=randn(4, 5), w=randn(3, 5), b=randn(3))
case("linear.no_bias", "F.linear(x, w)", norm=True, x=randn(4, 5), w=randn(3, 5))
case("linear.batched_3d", "F.linear(x, w, b)", norm=True, x=randn(2, 3, 5), w=randn(4, 5), b=randn(4))
case("linear.single_vector", "F.linear(x, w, b)", norm=True, x=randn(6), w=randn(2, 6), b=randn(2))
case("linear.wide", "F.linear(x, w, b)", norm=True, x=randn(3, 40), w=randn(20, 40), b=randn(20))

# --- batch norm: outputs are each step's y, then running_mean and running_var
case("batchnorm.bn1d_train", "bn_train(x, w, b)", norm=True, x=randn(6, 4, shift=0.5), w=randn(4), b=randn(4))
case("batchnorm.bn1d_train_two_steps", "bn_train(x, x2, w, b)", norm=True,
     x=randn(6, 4, scale=2.0, shift=1.0), x2=randn(5, 4, shift=-0.5), w=randn(4), b=randn(4))
case("batchnorm.bn1d_3d_train", "bn_train(x, w, b)", norm=True, x=randn(3, 2, 5), w=randn(2), b=randn(2))
case("batchnorm.bn2d_train", "bn_train(x, w, b)", norm=True, x=randn(3, 2, 4, 5, scale=1.5, shift=0.3), w=randn(2), b=randn(2))
case("batchnorm.bn2d_train_two_steps", "bn_train(x, x2, w, b)", norm=True,
     x=randn(2, 3, 3, 3), x2=randn(3, 3, 2, 4, scale=0.5, shift=2.0), w=randn(3), b=randn(3))
case("batchnorm.bn1d_eval", "bn_eval(x, w, b, rm, rv)", norm=True, x=randn(5, 3), w=randn(3), b=randn(3), rm=randn(3), rv=uniform(3))
case("batchnorm.bn2d_eval", "bn_eval(x, w, b, rm, rv)", norm=True, x=randn(2, 3, 3, 4), w=randn(3), b=randn(3), rm=randn(3), rv=uniform(3))

# --- losses; a: logits or predictions, t: float targets, i: class indices
for red in ("mean", "sum", "none"):
    case(f"loss.cross_entropy_indices_{red}", f"F.cross_entropy(a, i, reduction='{red}')", norm=True, a=logits(5, 4), i=index(4, 5))
    case(f"loss.cross_entropy_probs_{red}", f"F.cross_entropy(a, t, reduction='{red}')", norm=True, a=logits(5, 4), t=probs(5, 4))
    case(f"loss.nll_{red}", f"F.nll_loss(a, i, reduction='{red}')", norm=True, a=logits(6, 3), i=index(3, 6))
    case(f"loss.mse_{red}", f"F.mse_loss(a, t, reduction='{red}')", norm=True, a=randn(4, 3), t=randn(4, 3))
    case(f"loss.bce_with_logits_{red}", f"F.binary_cross_entropy_with_logits(a, t, reduction='{red}')", norm=True,
         a=logits(4, 3, scale=2.0), t=uniform(4, 3, lo=0.0, hi=1.0))
case("loss.cross_entropy_large_logits", "F.cross_entropy(a, i)", norm=True, a=large(4, 5), i=index(5, 4))
case("loss.cross_entropy_large_logits_none", "F.cross_entropy(a, i, reduction='none')", norm=True, a=large(4, 5), i=index(5, 4))
case("loss.cross_entropy_probs_large_logits", "F.cross_entropy(a, t)", norm=True, a=large(3, 4), t=probs(3, 4))
case("loss.nll_of_log_softmax", "F.nll_loss(a.log_softmax(dim=1), i)", norm=True, a=logits(5, 4), i=index(4, 5))
case("loss.bce_with_logits_large", "F.binary_cross_entropy_with_logits(a, t, reduction='sum')", norm=True,
     a=const([[60.0, -45.0, 80.0], [-90.0, 35.0, -25.0]]), t=uniform(2, 3, lo=0.0, hi=1.0))
case("loss.bce_with_logits_hard_targets", "F.binary_cross_entropy_with_logits(a, t)", norm=True,
     a=logits(3, 4, scale=3.0), t=lambda g: (torch.rand((3, 4), generator=g) < 0.5).float())

# --- activation layers
GELU_F32 = base.GELU_F32
case("act.gelu", "nn.GELU()(a)", a=uniform(3, 5, lo=-3.0, hi=3.0), f32_exempt=GELU_F32)
case("act.leaky_relu_default", "nn.LeakyReLU()(a)", a=away(3, 5))
case("act.leaky_relu_0_2", "nn.LeakyReLU(0.2)(a)", a=away(3, 5))
case("act.relu", "nn.ReLU()(a)", a=away(3, 5))
case("act.sigmoid", "nn.Sigmoid()(a)", a=uniform(3, 5, lo=-3.0, hi=3.0))
case("act.tanh", "nn.Tanh()(a)", a=uniform(3, 5, lo=-2.5, hi=2.5))
case("act.softmax", "nn.Softmax(dim=1)(a)", norm=True, a=randn(3, 5))
case("act.log_softmax", "nn.LogSoftmax(dim=1)(a)", norm=True, a=randn(3, 5))
case("act.flatten", "nn.Flatten()(a).tanh()", a=randn(2, 3, 2, 2))

# --- optimizers: 5 steps on mean((tanh(x @ w.T + c) - y)^2); outputs w, c, and the 5 losses
NET = dict(w=randn(3, 4, scale=0.5), c=randn(3, scale=0.5), x=randn(6, 4), y=randn(6, 3, scale=0.5))
SGD, ADAM, ADAMW = "torch.optim.SGD", "torch.optim.Adam", "torch.optim.AdamW"
case("optim.sgd", f"train5({SGD}, w, c, x, y, lr=0.1)", norm=True, grads=False, **NET)
case("optim.sgd_momentum", f"train5({SGD}, w, c, x, y, lr=0.1, momentum=0.9)", norm=True, grads=False, **NET)
case("optim.sgd_nesterov", f"train5({SGD}, w, c, x, y, lr=0.1, momentum=0.9, nesterov=True)", norm=True, grads=False, **NET)
case("optim.sgd_weight_decay", f"train5({SGD}, w, c, x, y, lr=0.1, weight_decay=0.1)", norm=True, grads=False, **NET)
case("optim.sgd_momentum_weight_decay", f"train5({SGD}, w, c, x, y, lr=0.05, momentum=0.8, weight_decay=0.05)",
     norm=True, grads=False, **NET)
case("optim.sgd_nesterov_weight_decay", f"train5({SGD}, w, c, x, y, lr=0.05, momentum=0.5, weight_decay=0.2, nesterov=True)",
     norm=True, grads=False, **NET)
case("optim.adam", f"train5({ADAM}, w, c, x, y, lr=0.05)", norm=True, grads=False, **NET)
case("optim.adam_betas", f"train5({ADAM}, w, c, x, y, lr=0.02, betas=(0.8, 0.99), eps=1e-6)", norm=True, grads=False, **NET)
case("optim.adam_weight_decay", f"train5({ADAM}, w, c, x, y, lr=0.05, weight_decay=0.1)", norm=True, grads=False, **NET)
case("optim.adamw", f"train5({ADAMW}, w, c, x, y, lr=0.05)", norm=True, grads=False, **NET)
case("optim.adamw_weight_decay", f"train5({ADAMW}, w, c, x, y, lr=0.05, weight_decay=0.5)", norm=True, grads=False, **NET)

# --- learning-rate schedules (within tMax for the cosine: see TorchNnReferenceTest)
case("sched.step_lr", "lr_sequence(torch.optim.lr_scheduler.StepLR, 7, lr=0.1, step_size=2, gamma=0.5)", grads=False)
case("sched.step_lr_step3", "lr_sequence(torch.optim.lr_scheduler.StepLR, 9, lr=0.3, step_size=3, gamma=0.1)", grads=False)
case("sched.cosine", "lr_sequence(torch.optim.lr_scheduler.CosineAnnealingLR, 6, lr=0.1, T_max=6)", grads=False)
case("sched.cosine_eta_min", "lr_sequence(torch.optim.lr_scheduler.CosineAnnealingLR, 10, lr=0.5, T_max=10, eta_min=0.01)", grads=False)

# --- gradient clipping: outputs are the returned norm (clip_norm only) and the clipped gradients
case("clip.grad_norm_active", "clip_norm(g1, g2, 1.0)", norm=True, grads=False, g1=randn(3, 4), g2=randn(5))
case("clip.grad_norm_inactive", "clip_norm(g1, g2, 100.0)", norm=True, grads=False, g1=randn(3, 4), g2=randn(5))
case("clip.grad_norm_small", "clip_norm(g1, g2, 0.1)", norm=True, grads=False, g1=randn(2, 2, scale=3.0), g2=randn(3))
case("clip.grad_value", "clip_value(g1, g2, 0.5)", grads=False, g1=randn(3, 4), g2=randn(5))


# ------------------------------------------------------------------ evaluation (as make_torch_fixtures.py)

def run(c, inputs, weights, dtype):
    torch.set_default_dtype(dtype)
    try:
        env = {}
        for k, v in inputs.items():
            env[k] = v.to(dtype).requires_grad_(c.grads) if v.is_floating_point() else v
        out = eval(c.expr, NAMESPACE, dict(env))
        outs = list(out) if isinstance(out, (tuple, list)) else [out]
        grads = {}
        floats = [o for o in outs if o.is_floating_point()]
        if weights is not None and any(o.requires_grad for o in floats):
            loss = sum((o * w.to(dtype)).sum() for o, w in zip(floats, weights) if o.requires_grad)
            loss.backward()
            for k, v in env.items():
                if v.is_floating_point() and v.grad is not None:
                    grads[k] = v.grad.detach()
        return [o.detach() for o in outs], grads
    finally:
        torch.set_default_dtype(torch.float32)


def build(c):
    g = torch.Generator().manual_seed(zlib.crc32(c.name.encode()))
    inputs = {k: make(g) for k, make in c.inputs.items()}
    ref_outs, _ = run(c, inputs, None, torch.float64)
    float_outs = [o for o in ref_outs if o.is_floating_point()]
    weights = [torch.randn(o.shape, generator=g).float() for o in float_outs] if c.grads else None
    ref_outs, ref_grads = run(c, inputs, weights, torch.float64)
    f32_outs, f32_grads = run(c, inputs, weights, torch.float32)
    check = c.f32_exempt is None
    for k, (r, f) in enumerate(zip(ref_outs, f32_outs)):
        if r.is_floating_point():
            assert not check or base.within_tolerance(f, r, c.floor), f"{c.name}: float32 output {k} misses the tolerance"
        else:
            assert torch.equal(r, f), f"{c.name}: integer output {k} differs between float32 and float64"
    assert ref_grads.keys() == f32_grads.keys(), c.name
    for k in ref_grads:
        assert not check or base.within_tolerance(f32_grads[k], ref_grads[k], c.floor), f"{c.name}: float32 grad {k} misses the tolerance"
    return inputs, ref_outs, weights, ref_grads


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    families, failures = {}, []
    for c in CASES:
        try:
            families.setdefault(c.name.split(".")[0], []).append(base.write_case(c, *build(c)))
        except AssertionError as e:
            failures.append(str(e))
    if failures:
        raise SystemExit("nothing written:\n  " + "\n  ".join(failures))
    header = ("# Generated by lib/src/test/python/make_torch_nn_fixtures.py (torch {}); do not edit by hand.\n"
              "# Reference: float64 evaluation of float32 inputs, rounded to float32. Format: see make_torch_fixtures.py.\n")
    for family, texts in families.items():
        with open(os.path.join(OUT_DIR, family + ".txt"), "w") as f:
            f.write(header.format(torch.__version__.split("+")[0]))
            f.write("\n".join(texts))
    with open(os.path.join(OUT_DIR, "INDEX"), "w") as f:
        f.write("".join(family + ".txt\n" for family in families))
    size = sum(os.path.getsize(os.path.join(OUT_DIR, fam + ".txt")) for fam in families)
    print(f"{len(CASES)} cases in {len(families)} files, {size} bytes, under {OUT_DIR}")


if __name__ == "__main__":
    main()
