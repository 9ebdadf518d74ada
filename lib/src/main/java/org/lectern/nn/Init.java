package org.lectern.nn;

import org.lectern.Lectern;
import org.lectern.Tensor;

/**
 * Weight initialisation, in place and seeded by {@link Lectern#seed}. Fan-in and fan-out follow PyTorch:
 * for a weight [out, in, k…], fanIn = in·k…, fanOut = out·k….
 */
public final class Init {
    private Init() {}

    public static int fanIn(Tensor w) {
        return w.dim() < 2 ? w.numel() : w.numel() / w.size(0);
    }

    public static int fanOut(Tensor w) {
        return w.dim() < 2 ? w.numel() : w.numel() / w.size(1);
    }

    /** U(-bound, bound). */
    public static Tensor uniform(Tensor t, float bound) {
        return set(t, Tensor.uniform(-bound, bound, t.shape()));
    }

    /** N(0, std²). */
    public static Tensor normal(Tensor t, float std) {
        return set(t, Tensor.randn(t.shape()).mul(std));
    }

    public static Tensor zeros(Tensor t) {
        return set(t, Tensor.zeros(t.shape()));
    }

    public static Tensor ones(Tensor t) {
        return set(t, Tensor.ones(t.shape()));
    }

    /** Glorot/Xavier uniform: keeps the variance of activations and gradients for tanh/sigmoid layers. */
    public static Tensor xavierUniform(Tensor w) {
        return uniform(w, (float) Math.sqrt(6.0 / (fanIn(w) + fanOut(w))));
    }

    public static Tensor xavierNormal(Tensor w) {
        return normal(w, (float) Math.sqrt(2.0 / (fanIn(w) + fanOut(w))));
    }

    /** He/Kaiming uniform for ReLU layers: Var(w) = 2 / fanIn. */
    public static Tensor kaimingUniform(Tensor w) {
        return uniform(w, (float) Math.sqrt(6.0 / fanIn(w)));
    }

    /** He/Kaiming normal for ReLU layers: std = √(2 / fanIn). */
    public static Tensor kaimingNormal(Tensor w) {
        return normal(w, (float) Math.sqrt(2.0 / fanIn(w)));
    }

    /**
     * PyTorch's default for Linear and Conv2d weights (kaiming_uniform with a = √5): U(±1/√fanIn).
     * Biases use the same bound.
     */
    static Tensor pytorchDefault(Tensor t, int fanIn) {
        return uniform(t, (float) (1.0 / Math.sqrt(fanIn)));
    }

    private static Tensor set(Tensor t, Tensor values) {
        try (var off = Lectern.noGrad()) {
            return t.copy_(values);
        }
    }
}
