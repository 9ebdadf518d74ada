package org.lectern;

import java.util.Arrays;
import org.lectern.kernels.BinaryOp;
import org.lectern.kernels.FloatKernels;
import org.lectern.kernels.Kernels;
import org.lectern.kernels.Parallel;
import org.lectern.kernels.UnaryOp;

/** Elementwise ops with NumPy broadcasting, each forward beside its backward rule. */
final class Elementwise {
    private static final FloatKernels K = Kernels.floats();

    private Elementwise() {}

    // ------------------------------------------------------------ binary

    static Tensor binary(BinaryOp op, Tensor a, Tensor b) {
        String name = op.name().toLowerCase();
        int[] shape = Shapes.broadcast(name, a.shape, b.shape);
        Tensor out = Tensor.zeros(shape);
        Tensor ad = Views.dense(a), bd = Views.dense(b);
        Strided.broadcastRuns(shape, new Tensor[] {ad, bd}, (offs, incs, outOff, n) ->
                K.binary(op, ad.data, offs[0], incs[0], bd.data, offs[1], incs[1], out.data, outOff, n));
        switch (op) {
            case ADD: return Tensor.result(out, name, g -> new Tensor[] {sumTo(g, a.shape), sumTo(g, b.shape)}, a, b);
            case SUB: return Tensor.result(out, name, g -> new Tensor[] {sumTo(g, a.shape), sumTo(g.neg(), b.shape)}, a, b);
            case MUL: return Tensor.result(out, name, g -> new Tensor[] {
                    a.requiresGrad() ? sumTo(g.mul(b), a.shape) : null,
                    b.requiresGrad() ? sumTo(g.mul(a), b.shape) : null}, a, b);
            case DIV: return Tensor.result(out, name, g -> new Tensor[] {
                    a.requiresGrad() ? sumTo(g.div(b), a.shape) : null,
                    b.requiresGrad() ? sumTo(g.mul(out).div(b).neg(), b.shape) : null}, a, b);
            case POW: return Tensor.result(out, name, g -> new Tensor[] {
                    // d/da a^b = b·a^(b-1);  d/db a^b = a^b·ln a
                    a.requiresGrad() ? sumTo(g.mul(b).mul(a.pow(b.sub(Tensor.scalar(1f)))), a.shape) : null,
                    b.requiresGrad() ? sumTo(g.mul(out).mul(logUnchecked(a)), b.shape) : null}, a, b);
            case MAX:
            case MIN: return Tensor.result(out, name, g -> {
                // the winner takes the gradient; a tie splits it, as PyTorch does
                Tensor wins = op == BinaryOp.MAX ? a.gt(b) : a.lt(b);
                Tensor share = wins.add(a.eq(b).mul(0.5f));
                return new Tensor[] {sumTo(g.mul(share), a.shape), sumTo(g.mul(share.rsub(1f)), b.shape)};
            }, a, b);
            default: return out; // comparisons: piecewise constant, no gradient
        }
    }

    /** Sums a broadcast gradient back to the shape of the operand it came from. */
    static Tensor sumTo(Tensor g, int[] shape) {
        if (Arrays.equals(g.shape, shape)) return g;
        int lead = g.shape.length - shape.length;
        int[] axes = new int[g.shape.length];
        int count = 0;
        for (int d = 0; d < g.shape.length; d++) {
            if (d < lead || (shape[d - lead] == 1 && g.shape[d] != 1)) axes[count++] = d;
        }
        Tensor s = count == 0 ? g : Reductions.sum(g, Arrays.copyOf(axes, count), true);
        return s.reshape(shape);
    }

    // ------------------------------------------------------------ unary

    static Tensor unary(UnaryOp op, float p, Tensor x) {
        return unary(op, p, x, true);
    }

    /** As unary; checkDomain false lets log(0) be -inf, for composites where that is the right answer (logsumexp). */
    static Tensor unary(UnaryOp op, float p, Tensor x, boolean checkDomain) {
        Tensor xd = Views.dense(x);
        int n = xd.numel();
        if (checkDomain && (op == UnaryOp.LOG || op == UnaryOp.SQRT)) checkDomain(op, xd);
        Tensor out = new Tensor(new float[n], x.shape.clone());
        Parallel.forRange(n, (from, to) -> K.unary(op, p, xd.data, xd.offset + from, out.data, from, to - from));
        String name = op.name().toLowerCase();
        switch (op) {
            case NEG: return Tensor.result(out, name, g -> new Tensor[] {g.neg()}, x);
            case ADD_SCALAR: return Tensor.result(out, "add", g -> new Tensor[] {g}, x);
            case MUL_SCALAR: return Tensor.result(out, "mul", g -> new Tensor[] {g.mul(p)}, x);
            case EXP: return Tensor.result(out, name, g -> new Tensor[] {g.mul(out)}, x);
            case LOG: return Tensor.result(out, name, g -> new Tensor[] {g.div(x)}, x);
            case SQRT: return Tensor.result(out, name, g -> new Tensor[] {g.div(out.mul(2f))}, x);
            case ABS: return Tensor.result(out, name, g -> new Tensor[] {g.mul(x.sign())}, x);
            case SQUARE: return Tensor.result(out, name, g -> new Tensor[] {g.mul(x).mul(2f)}, x);
            case RECIPROCAL: return Tensor.result(out, name, g -> new Tensor[] {g.mul(out.square()).neg()}, x);
            case POW_SCALAR: return Tensor.result(out, "pow", g -> new Tensor[] {
                    p == 0f ? Tensor.zeros(x.shape) : g.mul(x.pow(p - 1f)).mul(p)}, x);
            case TANH: return Tensor.result(out, name, g -> new Tensor[] {g.mul(out.square().rsub(1f))}, x);
            case SIGMOID: return Tensor.result(out, name, g -> new Tensor[] {g.mul(out.mul(out.rsub(1f)))}, x);
            case RELU: return Tensor.result(out, name, g -> new Tensor[] {reluBackward(g, xd)}, x);
            case LEAKY_RELU: return Tensor.result(out, "leaky_relu", g ->
                    new Tensor[] {g.mul(Tensor.where(x.gt(0f), Tensor.scalar(1f), Tensor.scalar(p)))}, x);
            case GELU: return Tensor.result(out, name, g -> new Tensor[] {g.mul(geluDerivative(x))}, x);
            case CLAMP_MIN: return Tensor.result(out, "clamp", g -> new Tensor[] {g.mul(x.ge(p))}, x);
            case CLAMP_MAX: return Tensor.result(out, "clamp", g -> new Tensor[] {g.mul(x.le(p))}, x);
            case SIGN: return Tensor.result(out, name, g -> new Tensor[] {Tensor.zeros(x.shape)}, x);
            default: throw new AssertionError(op);
        }
    }

    /** g where x &gt; 0, else 0: one pass, where g.mul(x.gt(0)) would make a mask tensor first. */
    private static Tensor reluBackward(Tensor g, Tensor xd) {
        Tensor gd = Views.dense(g);
        Tensor dx = new Tensor(new float[xd.numel()], xd.shape.clone());
        Parallel.forRange(dx.data.length, (from, to) ->
                K.reluBackward(gd.data, gd.offset + from, xd.data, xd.offset + from, dx.data, from, to - from));
        return dx;
    }

    /** d/dx x·Φ(x) = Φ(x) + x·φ(x). */
    private static Tensor geluDerivative(Tensor x) {
        float[] v = x.toArray();
        for (int i = 0; i < v.length; i++) {
            double z = v[i];
            double cdf = 0.5 * org.lectern.kernels.Erf.erfc(-z / Math.sqrt(2));
            double pdf = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
            v[i] = (float) (cdf + z * pdf);
        }
        return new Tensor(v, x.shape.clone());
    }

    /** log without the domain check, for the pow gradient where PyTorch also gives NaN for a ≤ 0. */
    private static Tensor logUnchecked(Tensor a) {
        Tensor ad = Views.dense(a);
        Tensor out = new Tensor(new float[ad.numel()], a.shape.clone());
        K.unary(UnaryOp.LOG, 0f, ad.data, ad.offset, out.data, 0, out.data.length);
        return out;
    }

    /** log and sqrt refuse values outside their domain rather than hand back a silent -inf or NaN. */
    private static void checkDomain(UnaryOp op, Tensor xd) {
        float min = K.reduce(org.lectern.kernels.ReduceOp.MIN, xd.data, xd.offset, xd.numel());
        boolean bad = op == UnaryOp.LOG ? !(min > 0f) : !(min >= 0f);
        if (!bad || xd.numel() == 0) return;
        int count = 0, first = -1;
        for (int i = 0; i < xd.numel(); i++) {
            float v = xd.data[xd.offset + i];
            if (op == UnaryOp.LOG ? !(v > 0f) : !(v >= 0f)) {
                if (first < 0) first = i;
                count++;
            }
        }
        String name = op.name().toLowerCase();
        String what = op == UnaryOp.LOG ? "≤ 0" : "< 0";
        String hint = op == UnaryOp.LOG
                ? "; for log-probabilities use logSoftmax(dim) on the logits, or clamp first (x.clampMin(1e-12f).log())"
                : "; clamp first (x.clampMin(0f).sqrt()) if that is intended";
        throw new ArithmeticException(name + ": " + count + " of " + xd.numel() + " values in a tensor of shape "
                + Shapes.str(xd.shape) + " are " + what + " (first: " + xd.data[xd.offset + first] + " at "
                + Arrays.toString(unravel(first, xd.shape)) + "), which would give " + (op == UnaryOp.LOG ? "-inf or NaN" : "NaN") + hint);
    }

    static int[] unravel(int flat, int[] shape) {
        int[] idx = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = flat % shape[d];
            flat /= shape[d];
        }
        return idx;
    }

    // ------------------------------------------------------------ where

    static Tensor where(Tensor cond, Tensor a, Tensor b) {
        int[] shape = Shapes.broadcast("where", Shapes.broadcast("where", cond.shape, a.shape), b.shape);
        Tensor out = Tensor.zeros(shape);
        Tensor cd = Views.dense(cond), ad = Views.dense(a), bd = Views.dense(b);
        Strided.broadcastRuns(shape, new Tensor[] {cd, ad, bd}, (offs, incs, outOff, n) ->
                K.where(cd.data, offs[0], incs[0], ad.data, offs[1], incs[1], bd.data, offs[2], incs[2], out.data, outOff, n));
        return Tensor.result(out, "where", g -> {
            Tensor zero = Tensor.scalar(0f);
            return new Tensor[] {null,
                    a.requiresGrad() ? sumTo(where(cond, g, zero), a.shape) : null,
                    b.requiresGrad() ? sumTo(where(cond, zero, g), b.shape) : null};
        }, cond, a, b);
    }
}
