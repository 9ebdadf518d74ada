#!/usr/bin/python3
"""Writes PyTorch reference values for Lectern's tensor ops.

What it writes
    lib/src/test/resources/fixtures/<family>.txt   one file per op family (elementwise, reductions, ...)
    lib/src/test/resources/fixtures/INDEX          the family files, one per line

    For every case: the PyTorch expression, its inputs (random float32, fixed seed per case), the forward
    output(s), a random weight R per float output, and the gradient of L = sum_k sum(output_k * R_k)
    with respect to every float input. TorchReferenceTest (lib/src/test/java/org/lectern) replays each
    expression in Lectern and compares. The tests read only these files; they need no torch.

How to rerun (needs torch and numpy; Debian's python has them):
    cd lib && /usr/bin/python3 src/test/python/make_torch_fixtures.py
    (any working directory works; paths are relative to this file). Output is deterministic: rerunning
    without changing a case gives byte-identical files, so `git diff` shows exactly what moved.

How the reference is computed
    Inputs are drawn as float32. The expression is evaluated twice: once in float64 on the same (exactly
    representable) values, which is the reference written to the fixtures (rounded once to float32), and
    once in float32, which is checked against the reference with the very tolerance rule the Java test
    uses. So the tolerance is proven attainable by a float32 implementation (PyTorch's own) before Lectern
    is held to it, and integer outputs (argmax, max indices, comparisons) must agree between the two runs,
    which guards against near-ties.

File format (plain text, one token-separated line per item; readable with String.split):
    case <family>.<name>
    torch <python expression over the inputs a, b, c (float) and i, j, m (index / mask)>
    floor <f>             tolerance floor factor, see TorchReferenceTest
    input a [2,3,4] v...  float input; gradients are taken with respect to it
    index i [5] v...      integer or bool input (int64 / bool in PyTorch), no gradient
    output 0 [2,3] v...   float output number 0 (outputs of a tuple/list are numbered in order)
    indices 1 [2,3] v...  integer or bool output (exact), e.g. the indices of max(dim)
    weight 0 [2,3] v...   R for float output 0
    grad a [2,3,4] v...   dL/da
    end
    Shapes are [d0,d1,...], [] for a 0-d tensor; values in row-major order, shortest float32 repr.
"""
import os
import zlib

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_DIR = os.path.normpath(os.path.join(HERE, "..", "resources", "fixtures"))

# Same constants as TorchReferenceTest.
RTOL = 1e-5
MARGIN = 4  # PyTorch's float32 result must be within RTOL / MARGIN, so Lectern is not held to a coin flip
FLOOR_ELEMENTWISE = 1e-3  # floor = 1e-3 * max|ref| for ops without accumulation
FLOOR_NORMWISE = 1.0      # floor = max|ref| for sums over many terms (GEMM, reductions, broadcast gradients)


# ------------------------------------------------------------------ input generators
# Each returns a function of a torch.Generator, so every case draws from its own seeded stream.

def randn(*shape, scale=1.0, shift=0.0):
    return lambda g: (torch.randn(shape, generator=g) * scale + shift).float()


def uniform(*shape, lo=0.5, hi=2.0):
    """Positive values for log, sqrt, pow bases and divisors."""
    return lambda g: (torch.rand(shape, generator=g) * (hi - lo) + lo).float()


def away(*shape, kinks=(0.0,), margin=0.05, scale=1.0):
    """Normal values pushed at least margin away from every kink (relu, abs, clamp bounds)."""
    def make(g):
        x = torch.randn(shape, generator=g) * scale
        for k in kinks:
            d = x - k
            near = d.abs() < margin
            x = torch.where(near, k + torch.sign(d + (d == 0).float()) * (margin + d.abs()), x)
        return x.float()
    return make


def ties(*shape):
    """Multiples of 0.5 in [-1, 1], so comparisons see many equal pairs (no gradients involved)."""
    return lambda g: (torch.randint(-2, 3, shape, generator=g) * 0.5).float()


def large(*shape):
    """Logits around 1000: exp would overflow without the max shift."""
    return lambda g: (1000.0 + 4.0 * torch.randn(shape, generator=g)).float()


def index(high, *shape):
    """int64 indices in [0, high), with repeats."""
    return lambda g: torch.randint(0, high, shape, generator=g)


def const(values):
    return lambda g: torch.tensor(values)


def mask(*shape):
    return lambda g: torch.rand(shape, generator=g) < 0.5


# ------------------------------------------------------------------ cases

CASES = []


def case(name, expr, norm=False, f32_exempt=None, **inputs):
    """norm: the op sums many terms, so the tolerance floor is the largest reference value (see the Java test).
    f32_exempt: why PyTorch's own float32 result is not held to the tolerance (Lectern still is)."""
    assert all(c.name != name for c in CASES), name
    CASES.append(Case(name, expr, FLOOR_NORMWISE if norm else FLOOR_ELEMENTWISE, inputs, f32_exempt))


class Case:
    def __init__(self, name, expr, floor, inputs, f32_exempt):
        self.name, self.expr, self.floor, self.inputs, self.f32_exempt = name, expr, floor, inputs, f32_exempt


# --- factories (no inputs)
case("factories.zeros", "torch.zeros(2, 3)")
case("factories.ones", "torch.ones(3, 1, 2)")
case("factories.full", "torch.full((2, 3), 1.5)")
case("factories.arange_end", "torch.arange(5.0)")
case("factories.arange_start_end", "torch.arange(1.0, 4.0)")
case("factories.arange_step", "torch.arange(0.0, 1.0, 0.1)")
case("factories.arange_negative_step", "torch.arange(2.0, -1.0, -0.5)")
case("factories.linspace", "torch.linspace(-1.0, 1.0, 5)")
case("factories.eye", "torch.eye(3)")
case("factories.eye_rect", "torch.eye(2, 4)")

# --- elementwise arithmetic with broadcasting
case("elementwise.add_same_shape", "a + b", a=randn(3, 4), b=randn(3, 4))
case("elementwise.add_bcast_3d_2d", "a + b", norm=True, a=randn(2, 3, 4), b=randn(3, 1))
case("elementwise.add_bcast_1d_3d", "a + b", norm=True, a=randn(4), b=randn(2, 1, 4))
case("elementwise.add_bcast_both", "a + b", norm=True, a=randn(2, 1, 4), b=randn(3, 1))
case("elementwise.add_0d", "a + b", norm=True, a=randn(2, 3), b=randn())
case("elementwise.add_float", "a + 2.5", a=randn(2, 3))
case("elementwise.sub_bcast", "a - b", norm=True, a=randn(2, 3, 4), b=randn(4))
case("elementwise.sub_float", "a - 1.5", a=randn(3, 2))
case("elementwise.rsub_float", "3.0 - a", a=randn(3, 2))
case("elementwise.mul_same_shape", "a * b", a=randn(3, 4), b=randn(3, 4))
case("elementwise.mul_bcast_both", "a * b", norm=True, a=randn(2, 1, 4), b=randn(3, 1))
case("elementwise.mul_0d", "a * b", norm=True, a=randn(2, 3), b=randn())
case("elementwise.mul_float", "a * -1.75", a=randn(2, 3))
case("elementwise.div_same_shape", "a / b", a=randn(3, 4), b=uniform(3, 4))
case("elementwise.div_bcast", "a / b", norm=True, a=randn(2, 3, 4), b=uniform(3, 1))
case("elementwise.div_bcast_numerator", "a / b", norm=True, a=randn(4), b=uniform(2, 3, 4))
case("elementwise.div_float", "a / 4.0", a=randn(2, 3))
case("elementwise.neg", "-a", a=randn(2, 3))
case("elementwise.pow_tensor", "a ** b", a=uniform(3, 4), b=randn(3, 4))
case("elementwise.pow_tensor_bcast", "a ** b", norm=True, a=uniform(2, 3, 4), b=randn(4))
case("elementwise.pow_float_cube", "a ** 3.0", a=randn(2, 3))
case("elementwise.pow_float_half", "a ** 0.5", a=uniform(2, 3))
case("elementwise.pow_float_negative", "a ** -1.5", a=uniform(2, 3))
case("elementwise.pow_float_two", "a ** 2", a=randn(2, 3))
case("elementwise.maximum", "torch.maximum(a, b)", a=randn(3, 4), b=randn(3, 4))
case("elementwise.maximum_bcast", "torch.maximum(a, b)", norm=True, a=randn(2, 3, 4), b=randn(3, 1))
case("elementwise.minimum", "torch.minimum(a, b)", a=randn(3, 4), b=randn(3, 4))
case("elementwise.minimum_bcast", "torch.minimum(a, b)", norm=True, a=randn(4), b=randn(2, 1, 4))
case("elementwise.square", "a.square()", a=randn(2, 3))
case("elementwise.reciprocal", "a.reciprocal()", a=away(2, 3, margin=0.3))
case("elementwise.sign", "a.sign()", a=away(2, 3))
case("elementwise.reuse_input", "a * a + a.exp() - b * a", norm=True, a=randn(3, 4), b=randn(4))

# --- elementwise functions
case("functions.exp", "a.exp()", a=randn(3, 4))
case("functions.log", "a.log()", a=uniform(3, 4, lo=0.1, hi=5.0))
case("functions.sqrt", "a.sqrt()", a=uniform(3, 4, lo=0.1, hi=5.0))
case("functions.abs", "a.abs()", a=away(3, 4))
case("functions.tanh", "a.tanh()", a=uniform(3, 4, lo=-2.5, hi=2.5))  # not deep in saturation, see within_tolerance
case("functions.sigmoid", "a.sigmoid()", a=randn(3, 4, scale=3.0))
case("functions.relu", "a.relu()", a=away(3, 4))
case("functions.leaky_relu_default", "F.leaky_relu(a)", a=away(3, 4))
case("functions.leaky_relu_slope", "F.leaky_relu(a, 0.2)", a=away(3, 4))
GELU_F32 = ("PyTorch's float32 gelu forms 1 + erf(x/sqrt 2), which cancels for negative x (relative error 3e-6 "
            "at x = -2, 1e-3 at x = -4); Lectern uses erfc there")
case("functions.gelu", "F.gelu(a)", a=randn(3, 4, scale=2.0), f32_exempt=GELU_F32)
case("functions.clamp", "a.clamp(-0.5, 0.5)", a=away(3, 4, kinks=(-0.5, 0.5), margin=0.05))
case("functions.clamp_min", "a.clamp(min=0.25)", a=away(3, 4, kinks=(0.25,)))
case("functions.clamp_max", "a.clamp(max=-0.25)", a=away(3, 4, kinks=(-0.25,)))
case("functions.chain", "(a.tanh() * b.sigmoid()).exp().log()", a=randn(3, 4), b=randn(3, 4))

# --- comparisons, where, masked_fill
case("compare.eq", "a == b", a=ties(3, 4), b=ties(3, 4))
case("compare.ne", "a != b", a=ties(3, 4), b=ties(3, 4))
case("compare.lt_bcast", "a < b", a=ties(2, 3, 4), b=ties(3, 1))
case("compare.le", "a <= b", a=ties(3, 4), b=ties(3, 4))
case("compare.gt_bcast", "a > b", a=ties(4), b=ties(2, 1, 4))
case("compare.ge", "a >= b", a=ties(3, 4), b=ties(3, 4))
case("compare.eq_float", "a == 0.5", a=ties(3, 4))
case("compare.ne_float", "a != 0.5", a=ties(3, 4))
case("compare.lt_float", "a < 0.0", a=ties(3, 4))
case("compare.le_float", "a <= 0.0", a=ties(3, 4))
case("compare.gt_float", "a > -0.5", a=ties(3, 4))
case("compare.ge_float", "a >= -0.5", a=ties(3, 4))
case("where.mask_bcast", "torch.where(m, a, b)", norm=True, m=mask(3, 1), a=randn(2, 3, 4), b=randn(4))
case("where.from_comparison", "torch.where(a > 0, a, b * 2)", a=away(3, 4), b=randn(3, 4))
case("where.scalar_branch", "torch.where(a > b, a, torch.tensor(0.0))", a=randn(3, 4), b=randn(3, 1))
case("where.masked_fill", "a.masked_fill(m, -1.0)", m=mask(3, 4), a=randn(3, 4))
case("where.masked_fill_bcast", "a.masked_fill(m, 2.0)", m=mask(3, 1), a=randn(2, 3, 4))

# --- softmax family
case("softmax.last_dim", "a.softmax(dim=-1)", norm=True, a=randn(3, 5))
case("softmax.dim0_3d", "a.softmax(dim=0)", norm=True, a=randn(3, 4, 2))
case("softmax.middle_dim_3d", "a.softmax(dim=1)", norm=True, a=randn(2, 4, 3))
case("softmax.large_logits", "a.softmax(dim=-1)", norm=True, a=large(3, 5))
case("softmax.log_last_dim", "a.log_softmax(dim=-1)", norm=True, a=randn(3, 5))
case("softmax.log_dim0", "a.log_softmax(dim=0)", norm=True, a=randn(4, 3))
case("softmax.log_large_logits", "a.log_softmax(dim=1)", norm=True, a=large(2, 5, 2))
case("softmax.logsumexp", "a.logsumexp(dim=1)", norm=True, a=randn(3, 5))
case("softmax.logsumexp_keepdim", "a.logsumexp(dim=-1, keepdim=True)", norm=True, a=randn(2, 3, 4))
case("softmax.logsumexp_large", "a.logsumexp(dim=0)", norm=True, a=large(5, 3),
     f32_exempt="PyTorch's float32 backward forms exp(x - lse) with lse near 1000, whose rounding error "
                "(ulp(1000)/2 = 3e-5) becomes a relative error of 3e-5 in the gradient")

# --- reductions
case("reductions.sum_all", "a.sum()", norm=True, a=randn(3, 4))
case("reductions.sum_dim", "a.sum(dim=1)", norm=True, a=randn(2, 3, 4))
case("reductions.sum_dim_keepdim", "a.sum(dim=-1, keepdim=True)", norm=True, a=randn(2, 3, 4))
case("reductions.sum_dims", "a.sum(dim=(0, 2))", norm=True, a=randn(2, 3, 4))
case("reductions.sum_dims_keepdim", "a.sum(dim=(0, 2), keepdim=True)", norm=True, a=randn(2, 3, 4))
case("reductions.sum_dims_adjacent", "a.sum(dim=(1, 2))", norm=True, a=randn(2, 3, 4))
case("reductions.mean_all", "a.mean()", norm=True, a=randn(3, 4))
case("reductions.mean_dim", "a.mean(dim=0)", norm=True, a=randn(3, 4))
case("reductions.mean_dim_keepdim", "a.mean(dim=1, keepdim=True)", norm=True, a=randn(2, 3, 4))
case("reductions.mean_dims", "a.mean(dim=(0, 2))", norm=True, a=randn(2, 3, 4))
case("reductions.mean_dims_keepdim", "a.mean(dim=(0, -1), keepdim=True)", norm=True, a=randn(2, 3, 4))
case("reductions.var_all", "a.var()", norm=True, a=randn(3, 4))
case("reductions.var_dim", "a.var(dim=1)", norm=True, a=randn(3, 5))
case("reductions.var_dim_biased_keepdim", "a.var(dim=1, unbiased=False, keepdim=True)", norm=True, a=randn(2, 4, 3))
case("reductions.var_dims_unbiased", "a.var(dim=(0, 2), unbiased=True, keepdim=False)", norm=True, a=randn(2, 3, 4))
case("reductions.var_dims_biased_keepdim", "a.var(dim=(0, 2), unbiased=False, keepdim=True)", norm=True, a=randn(2, 3, 4))
case("reductions.var_offset_data", "a.var(dim=0)", norm=True, a=randn(6, 3, scale=0.1, shift=10.0))
case("reductions.std_all", "a.std()", norm=True, a=randn(3, 4))
case("reductions.std_dim", "a.std(dim=1)", norm=True, a=randn(3, 5))
case("reductions.max_all", "a.max()", a=randn(3, 4))
case("reductions.min_all", "a.min()", a=randn(3, 4))
case("reductions.max_dim", "a.max(dim=1)", a=randn(3, 5))
case("reductions.max_dim_keepdim", "a.max(dim=0, keepdim=True)", a=randn(4, 3))
case("reductions.max_dim_3d", "a.max(dim=-1)", a=randn(2, 3, 4))
case("reductions.min_dim", "a.min(dim=1)", a=randn(3, 5))
case("reductions.min_dim_keepdim", "a.min(dim=2, keepdim=True)", a=randn(2, 3, 4))
case("reductions.argmax_all", "a.argmax()", a=randn(3, 4))
case("reductions.argmax_dim", "a.argmax(dim=1)", a=randn(3, 5))
case("reductions.argmax_dim_keepdim", "a.argmax(dim=0, keepdim=True)", a=randn(4, 3))
case("reductions.argmin_all", "a.argmin()", a=randn(3, 4))
case("reductions.argmin_dim", "a.argmin(dim=-1)", a=randn(2, 3, 4))

# --- matmul
case("matmul.dot_1d_1d", "a @ b", norm=True, a=randn(5), b=randn(5))
case("matmul.vec_mat_1d_2d", "a @ b", norm=True, a=randn(4), b=randn(4, 3))
case("matmul.mat_vec_2d_1d", "a @ b", norm=True, a=randn(3, 4), b=randn(4))
case("matmul.mat_mat", "a @ b", norm=True, a=randn(3, 4), b=randn(4, 5))
case("matmul.batched_3d_2d", "a @ b", norm=True, a=randn(2, 3, 4), b=randn(4, 5))
case("matmul.batched_2d_3d", "a @ b", norm=True, a=randn(3, 4), b=randn(2, 4, 2))
case("matmul.batched_bcast_batch_dims", "a @ b", norm=True, a=randn(2, 1, 3, 4), b=randn(3, 4, 2))
case("matmul.batched_1d_3d", "torch.matmul(a, b)", norm=True, a=randn(4), b=randn(2, 4, 3))
case("matmul.batched_3d_1d", "torch.matmul(a, b)", norm=True, a=randn(2, 3, 4), b=randn(4))
case("matmul.transposed_operand", "a @ b.t()", norm=True, a=randn(3, 4), b=randn(5, 4))
case("matmul.transposed_batched", "a.mT @ b", norm=True, a=randn(2, 4, 3), b=randn(2, 4, 2))
case("matmul.gram_same_input", "a @ a.t()", norm=True, a=randn(3, 4))
case("matmul.mlp_layer", "(a @ b + c).tanh()", norm=True, a=randn(4, 3), b=randn(3, 5), c=randn(5))

# --- views followed by a computation
case("views.reshape", "a.reshape(4, -1) * b", norm=True, a=randn(2, 3, 4), b=randn(6))
case("views.view", "a.view(6, 4).tanh()", a=randn(2, 3, 4))
case("views.reshape_noncontiguous", "a.t().reshape(-1).exp()", a=randn(3, 4))
case("views.flatten", "a.flatten() * b", a=randn(2, 3), b=randn(6))
case("views.flatten_range", "a.flatten(1, 2).sigmoid()", a=randn(2, 3, 4))
case("views.transpose", "a.transpose(0, 2) * b", norm=True, a=randn(2, 3, 4), b=randn(3, 1))
case("views.t", "a.t() * b", norm=True, a=randn(3, 4), b=randn(3))
case("views.mT", "a.mT.exp()", a=randn(2, 3, 4))
case("views.permute", "a.permute(2, 0, 1).exp()", a=randn(2, 3, 4))
case("views.permute_then_reduce", "a.permute(1, 2, 0).sum(dim=-1)", norm=True, a=randn(2, 3, 4))
case("views.squeeze_all", "a.squeeze() * b", a=randn(2, 1, 3, 1), b=randn(2, 3))
case("views.squeeze_dim", "a.squeeze(1).exp()", a=randn(2, 1, 3))
case("views.unsqueeze", "a.unsqueeze(1) * b", norm=True, a=randn(2, 4), b=randn(3, 1))
case("views.unsqueeze_last", "a.unsqueeze(-1) * b", norm=True, a=randn(2, 3), b=randn(4))
case("views.expand", "a.expand(2, 3, 4) * b", norm=True, a=randn(3, 1), b=randn(2, 3, 4))
case("views.expand_keep", "a.expand(-1, 4).exp()", norm=True, a=randn(3, 1))
case("views.expand_as", "a.expand_as(b) + b.square()", norm=True, a=randn(4), b=randn(3, 4))
case("views.slice", "a[:, 1:3] * 2.0", a=randn(3, 5))
case("views.slice_step", "a[:, ::2].exp()", a=randn(3, 5))
case("views.slice_negative", "a[..., 1:-1].tanh()", a=randn(2, 3, 5))
case("views.slice_step_start", "a[1::2] * b", a=randn(5, 3), b=randn(2, 3))
case("views.narrow", "a.narrow(1, 1, 2).exp()", a=randn(3, 4))
case("views.select", "a.select(1, 2) * b", a=randn(2, 4, 3), b=randn(2, 3))
case("views.select_negative", "a[:, -1].exp()", a=randn(3, 4))
case("views.get_first", "a[1].sigmoid()", a=randn(3, 4))
case("views.get_two", "a[1, 2] * b", a=randn(2, 3, 4), b=randn(4))
case("views.contiguous", "a.t().contiguous() * b", a=randn(3, 4), b=randn(4, 3))
case("views.chain", "a.transpose(0, 1)[1:].reshape(-1, 2).sum(dim=0)", norm=True, a=randn(2, 3, 4))
case("views.overlapping_uses", "a[:, :3] * a[:, 1:]", a=randn(2, 4))

# --- joins and splits
case("joins.cat_dim0", "torch.cat([a, b], dim=0)", a=randn(2, 3), b=randn(1, 3))
case("joins.cat_dim1", "torch.cat([a, b, c], dim=1)", a=randn(2, 1, 4), b=randn(2, 3, 4), c=randn(2, 2, 4))
case("joins.cat_last", "torch.cat([a, b], dim=-1).exp()", a=randn(2, 3, 2), b=randn(2, 3, 3))
case("joins.cat_views", "torch.cat([a.t(), b], dim=1)", a=randn(2, 3), b=randn(3, 1))
case("joins.stack_dim0", "torch.stack([a, b], dim=0)", a=randn(2, 3), b=randn(2, 3))
case("joins.stack_dim1", "torch.stack([a, b, c], dim=1)", a=randn(2, 3), b=randn(2, 3), c=randn(2, 3))
case("joins.stack_last", "torch.stack([a, b], dim=-1).tanh()", a=randn(2, 3), b=randn(2, 3))
case("joins.split_size_dim1", "a.split(2, dim=1)", a=randn(3, 5))
case("joins.split_sizes_last", "a.split([1, 3], dim=-1)", a=randn(2, 3, 4))
case("joins.split_dim0", "a.split(2, dim=0)", a=randn(4, 3))
case("joins.split_then_compute", "a.split(2, dim=1)[1].exp()", a=randn(3, 5))
case("joins.chunk_dim1", "a.chunk(3, dim=1)", a=randn(2, 7))
case("joins.chunk_last", "a.chunk(2, dim=-1)", a=randn(2, 3, 4))
case("joins.chunk_uneven", "a.chunk(4, dim=1)", a=randn(2, 6))
case("joins.split_and_recombine", "torch.cat(a.chunk(2, dim=1)[::-1], dim=0).sigmoid()", a=randn(2, 4))

# --- indexing
case("indexing.gather_dim1_repeats", "a.gather(1, i)", a=randn(3, 4), i=const([[0, 0, 3, 1, 0], [2, 2, 2, 1, 3], [3, 0, 3, 3, 1]]))
case("indexing.gather_dim0", "a.gather(0, i)", a=randn(3, 4), i=const([[2, 0, 1, 2], [2, 2, 0, 0]]))
case("indexing.gather_smaller_index", "a.gather(1, i)", a=randn(3, 5), i=const([[4, 4], [0, 1]]))
case("indexing.gather_3d_last", "a.gather(-1, i)", a=randn(2, 3, 4), i=index(4, 2, 3, 5))
case("indexing.gather_3d_middle", "a.gather(1, i).exp()", a=randn(2, 3, 2), i=index(3, 2, 4, 2))
case("indexing.gather_of_view", "a.t().gather(1, i)", a=randn(4, 3), i=const([[1, 3], [0, 0], [2, 3]]))
case("indexing.index_select_dim0_repeats", "a.index_select(0, i)", a=randn(3, 4), i=const([0, 2, 0, 1, 2, 2]))
case("indexing.index_select_dim1", "a.index_select(1, i)", a=randn(3, 4), i=const([3, 1, 3]))
case("indexing.index_select_3d_last", "a.index_select(-1, i) * 2.0", a=randn(2, 3, 4), i=const([1, 1, 0]))
case("indexing.index_select_middle", "a.index_select(1, i).tanh()", a=randn(2, 4, 3), i=const([3, 0, 3, 2, 0]))
case("indexing.one_hot", "F.one_hot(i, 5)", i=const([0, 4, 2, 2, 1]))
case("indexing.one_hot_2d", "F.one_hot(i, 4)", i=const([[3, 0], [1, 1], [2, 3]]))
case("indexing.cross_entropy_like", "-(a.log_softmax(dim=1) * F.one_hot(i, 4)).sum(dim=1).mean()", norm=True,
     a=randn(3, 4), i=const([3, 0, 2]))

# --- wide: rows longer than two vectors of 16 lanes plus a tail, so the SIMD loops run their bodies and tails
case("wide.add_bcast_row", "a + b", norm=True, a=randn(3, 37), b=randn(37))
case("wide.mul_bcast_column", "a * b", norm=True, a=randn(37, 3), b=randn(37, 1))
case("wide.div_bcast_0d", "a / b", norm=True, a=randn(41), b=uniform())
case("wide.sub_bcast_both", "a - b", norm=True, a=randn(2, 1, 37), b=randn(3, 1))
case("wide.maximum", "torch.maximum(a, b)", a=randn(41), b=randn(41))
case("wide.minimum_bcast", "torch.minimum(a, b)", norm=True, a=randn(3, 37), b=randn(37))
case("wide.pow_tensor", "a ** b", a=uniform(41), b=randn(41))
case("wide.exp", "a.exp()", a=randn(41, scale=3.0))
case("wide.log", "a.log()", a=uniform(41, lo=0.01, hi=100.0))
case("wide.sqrt", "a.sqrt()", a=uniform(41, lo=0.01, hi=100.0))
case("wide.abs", "a.abs()", a=away(41))
case("wide.tanh", "a.tanh()", a=uniform(41, lo=-2.5, hi=2.5))
case("wide.sigmoid", "a.sigmoid()", a=uniform(41, lo=-4.0, hi=4.0))
case("wide.relu", "a.relu()", a=away(41))
case("wide.leaky_relu", "F.leaky_relu(a, 0.1)", a=away(41))
case("wide.gelu", "F.gelu(a)", a=uniform(41, lo=-3.0, hi=3.0), f32_exempt=GELU_F32)
case("wide.clamp", "a.clamp(-0.5, 0.5)", a=away(41, kinks=(-0.5, 0.5)))
case("wide.square", "a.square()", a=randn(41))
case("wide.reciprocal", "a.reciprocal()", a=away(41, margin=0.3))
case("wide.pow_float", "a ** 1.5", a=uniform(41))
case("wide.neg_add_mul_float", "(-a + 0.5) * 3.0", a=randn(41))
case("wide.compare_lt", "a < b", a=ties(41), b=ties(41))
case("wide.compare_eq_bcast", "a == b", a=ties(3, 37), b=ties(37))
case("wide.where", "torch.where(m, a, b)", norm=True, m=mask(3, 37), a=randn(3, 37), b=randn(37))
case("wide.sum_all", "a.sum()", norm=True, a=randn(5, 41))
case("wide.sum_rows", "a.sum(dim=1)", norm=True, a=randn(3, 67))
case("wide.sum_columns", "a.sum(dim=0)", norm=True, a=randn(5, 37))
case("wide.mean_middle", "a.mean(dim=1)", norm=True, a=randn(2, 5, 37))
case("wide.var_rows", "a.var(dim=1)", norm=True, a=randn(3, 67))
case("wide.max_all", "a.max()", a=randn(5, 41))
case("wide.max_rows", "a.max(dim=1)", a=randn(3, 67))
case("wide.min_columns", "a.min(dim=0)", a=randn(5, 37))
case("wide.softmax", "a.softmax(dim=-1)", norm=True, a=randn(2, 67, scale=3.0))
case("wide.log_softmax_large", "a.log_softmax(dim=-1)", norm=True, a=large(2, 67))
case("wide.logsumexp_columns", "a.logsumexp(dim=0)", norm=True, a=randn(5, 37))
case("wide.matmul", "a @ b", norm=True, a=randn(7, 37), b=randn(37, 19))
case("wide.matmul_transposed", "a.t() @ b.t()", norm=True, a=randn(33, 5), b=randn(9, 33))
case("wide.matmul_batched_bcast", "a @ b", norm=True, a=randn(2, 1, 5, 17), b=randn(3, 17, 6))
case("wide.matmul_vec", "a @ b", norm=True, a=randn(67), b=randn(67, 3))
case("wide.dot", "a @ b", norm=True, a=randn(67), b=randn(67))
case("wide.gather", "a.gather(1, i)", a=randn(2, 37), i=index(37, 2, 41))
case("wide.index_select", "a.index_select(1, i)", a=randn(2, 37), i=index(37, 41))
case("wide.cat_stack", "torch.stack([torch.cat([a, b], dim=1), torch.cat([b, a], dim=1)], dim=1)", a=randn(2, 17), b=randn(2, 20))
case("wide.transpose_compute", "a.t().exp() * b", norm=True, a=randn(37, 3), b=randn(37))

case("wide.matmul_long_k", "a @ b", norm=True, a=randn(3, 130), b=randn(130, 4))  # k past 128-wide panels
case("wide.matmul_tiles", "a @ b", norm=True, a=randn(13, 9), b=randn(9, 35))  # m, n past 8/16-wide tiles, with tails

# --- compositions: ops applied to strided, offset and broadcast (stride-0) views
case("compose.max_of_transposed", "a.t().max(dim=1)", a=randn(4, 3))
case("compose.softmax_of_transposed", "a.t().softmax(dim=0)", norm=True, a=randn(3, 4))
case("compose.var_of_permuted", "a.permute(2, 0, 1).var(dim=(1, 2), unbiased=False, keepdim=True)", norm=True, a=randn(2, 3, 4))
case("compose.sum_of_expanded", "a.expand(3, 4).sum(dim=0)", norm=True, a=randn(4))
case("compose.matmul_of_slice", "a[:, 1:] @ b", norm=True, a=randn(3, 5), b=randn(4, 2))
case("compose.matmul_of_row_slice", "a[1:] @ b[:, ::2]", norm=True, a=randn(4, 3), b=randn(3, 5))
case("compose.matmul_of_expanded", "a.expand(2, 3, 4) @ b", norm=True, a=randn(3, 4), b=randn(2, 4, 2))
case("compose.matmul_unsqueezed_view", "a.t().unsqueeze(0) @ b", norm=True, a=randn(4, 3), b=randn(2, 4, 2))
case("compose.gather_of_offset_view", "a[1:].gather(1, i)", a=randn(4, 3), i=const([[2, 2], [0, 1], [1, 0]]))
case("compose.index_select_of_offset_view", "a[1:].index_select(1, i)", a=randn(3, 4), i=const([3, 3, 0]))
case("compose.index_select_of_strided_view", "a.t().index_select(0, i)", a=randn(3, 4), i=const([1, 3, 1]))
case("compose.cat_of_slices", "torch.cat([a[:, :2], a[:, 3:], b.t()], dim=1)", a=randn(3, 5), b=randn(2, 3))
case("compose.squeeze_of_strided", "a.t().unsqueeze(1).squeeze(1) * b", a=randn(3, 4), b=randn(4, 3))
case("compose.where_all_bcast", "torch.where(m, a, b)", norm=True, m=mask(2, 1, 1), a=randn(1, 3, 1), b=randn(4))
case("compose.div_by_0d", "a / b", norm=True, a=randn(2, 3), b=uniform())
case("compose.layer_norm_like", "(a - a.mean(dim=-1, keepdim=True)) / (a.var(dim=-1, unbiased=False, keepdim=True) + 1e-5).sqrt() * b + c",
     norm=True, a=randn(3, 6), b=randn(6), c=randn(6))
case("compose.attention_like", "(a @ b.mT / 2.0).softmax(dim=-1) @ c", norm=True, a=randn(2, 3, 4), b=randn(2, 5, 4), c=randn(2, 5, 3))
case("compose.mse_like", "((a - b) ** 2).mean()", norm=True, a=randn(4, 3), b=randn(4, 3))


# ------------------------------------------------------------------ evaluation

def evaluate(expr, env):
    out = eval(expr, {"torch": torch, "F": F}, dict(env))
    return list(out) if isinstance(out, (tuple, list)) else [out]


def run(c, inputs, weights, dtype):
    """Evaluates case c with float inputs cast to dtype. Returns (outputs, grads by name)."""
    torch.set_default_dtype(dtype)
    try:
        env = {}
        for k, v in inputs.items():
            env[k] = v.to(dtype).requires_grad_(True) if v.is_floating_point() else v
        outs = evaluate(c.expr, env)
        floats = [o for o in outs if o.is_floating_point()]
        grads = {}
        if weights is not None and any(o.requires_grad for o in floats):
            loss = sum((o * w.to(dtype)).sum() for o, w in zip(floats, weights))
            loss.backward()
            for k, v in env.items():
                if v.is_floating_point() and v.grad is not None:
                    grads[k] = v.grad.detach()
        return [o.detach() for o in outs], grads
    finally:
        torch.set_default_dtype(torch.float32)


def within_tolerance(got, ref, floor):
    """The rule of TorchReferenceTest, |got - ref| <= RTOL * max(|ref|, floor * max|ref|) elementwise, with a
    margin: the float32 run must pass with RTOL / MARGIN. A case that only passes narrowly (e.g. tanh' =
    1 - tanh^2 deep in saturation, where one ulp of tanh moves the gradient by 1e-4 relative) is ill-conditioned
    for any float32 implementation and gets better-placed inputs instead."""
    got, ref = got.double(), ref.double()
    if got.shape != ref.shape:
        return False
    scale = floor * ref.abs().max().item() if ref.numel() else 0.0
    return bool(((got - ref).abs() <= RTOL / MARGIN * torch.clamp(ref.abs(), min=scale)).all())


def build(c):
    g = torch.Generator().manual_seed(zlib.crc32(c.name.encode()))
    inputs = {k: make(g) for k, make in c.inputs.items()}
    ref_outs, _ = run(c, inputs, None, torch.float64)
    float_outs = [o for o in ref_outs if o.is_floating_point()]
    has_float_input = any(v.is_floating_point() for v in inputs.values())
    weights = [torch.randn(o.shape, generator=g).float() for o in float_outs] if has_float_input else None
    ref_outs, ref_grads = run(c, inputs, weights, torch.float64)
    f32_outs, f32_grads = run(c, inputs, weights, torch.float32)

    # the float32 run must meet the Java test's tolerance, and integer outputs must match exactly
    assert len(f32_outs) == len(ref_outs), c.name
    check = c.f32_exempt is None
    for k, (r, f) in enumerate(zip(ref_outs, f32_outs)):
        if r.is_floating_point():
            assert not check or within_tolerance(f, r, c.floor), f"{c.name}: float32 output {k} misses the tolerance"
        else:
            assert torch.equal(r, f), f"{c.name}: integer output {k} differs between float32 and float64 (near-tie?)"
    assert ref_grads.keys() == f32_grads.keys(), c.name
    for k in ref_grads:
        assert not check or within_tolerance(f32_grads[k], ref_grads[k], c.floor), f"{c.name}: float32 grad {k} misses the tolerance"
    # a float input that reaches the loss only through comparisons or indices gets no grad line; the Java
    # test then requires Lectern's gradient to be absent or zero
    return inputs, ref_outs, weights, ref_grads


def fmt_shape(t):
    return "[" + ",".join(str(s) for s in t.shape) + "]"


def fmt_values(t):
    flat = t.detach().reshape(-1)
    if t.is_floating_point():
        arr = flat.double().numpy().astype(np.float32)
        for v in arr:
            assert np.isfinite(v)
        return " ".join(np.format_float_positional(v, unique=True, trim="-") if 1e-4 <= abs(v) < 1e7 or v == 0
                        else np.format_float_scientific(v, unique=True, trim="-") for v in arr)
    return " ".join(str(int(v)) for v in flat.tolist())


def line(kind, name, t):
    vals = fmt_values(t)
    return f"{kind} {name} {fmt_shape(t)}" + (" " + vals if vals else "")


def write_case(c, inputs, outs, weights, grads):
    lines = [f"case {c.name}", f"torch {c.expr}", f"floor {c.floor:g}"]
    for k, v in inputs.items():
        lines.append(line("input" if v.is_floating_point() else "index", k, v))
    for n, o in enumerate(outs):
        lines.append(line("output" if o.is_floating_point() else "indices", str(n), o))
    if weights is not None:
        float_positions = [n for n, o in enumerate(outs) if o.is_floating_point()]
        for n, w in zip(float_positions, weights):
            lines.append(line("weight", str(n), w))
    for k, g in grads.items():
        lines.append(line("grad", k, g))
    lines.append("end")
    return "\n".join(lines) + "\n"


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    families = {}
    failures = []
    for c in CASES:
        family = c.name.split(".")[0]
        try:
            families.setdefault(family, []).append(write_case(c, *build(c)))
        except AssertionError as e:
            failures.append(str(e))
    if failures:
        raise SystemExit("nothing written:\n  " + "\n  ".join(failures))
    header = ("# Generated by lib/src/test/python/make_torch_fixtures.py (torch {}); do not edit by hand.\n"
              "# Reference: float64 evaluation of float32 inputs, rounded to float32. Format: see the script.\n")
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
