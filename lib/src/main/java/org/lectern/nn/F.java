package org.lectern.nn;

import java.util.Arrays;
import org.lectern.Tensor;

/**
 * Functional forms of the losses and layers, as {@code torch.nn.functional} (imported as F in PyTorch):
 * {@code F.crossEntropy(logits, labels)} is {@code F.cross_entropy(logits, labels)}.
 */
public final class F {
    private F() {}

    /** input·weightᵀ + bias (torch.nn.functional.linear); bias may be null. */
    public static Tensor linear(Tensor input, Tensor weight, Tensor bias) {
        return input.linear(weight, bias);
    }

    /**
     * Cross-entropy of logits [N, C] against class indices [N] (whole numbers 0..C-1), or against class
     * probabilities [N, C]. Computed from logSoftmax, so large logits give no overflow and no -inf.
     */
    public static Tensor crossEntropy(Tensor logits, Tensor target) {
        return crossEntropy(logits, target, Reduction.MEAN);
    }

    public static Tensor crossEntropy(Tensor logits, Tensor target, Reduction reduction) {
        if (logits.dim() != 2) {
            throw new IllegalArgumentException("crossEntropy: expected logits [N, C], got shape " + Arrays.toString(logits.shape())
                    + (logits.dim() > 2 ? "; flatten the leading dimensions first (logits.reshape(-1, C))" : ""));
        }
        if (Arrays.equals(logits.shape(), target.shape())) { // class probabilities
            return reduce(logits.logSoftmax(1).mul(target).sum(1).neg(), reduction);
        }
        return nllLoss(logits.logSoftmax(1), target, reduction);
    }

    /** Negative log-likelihood of log-probabilities [N, C] at class indices [N]. */
    public static Tensor nllLoss(Tensor logProbs, Tensor target) {
        return nllLoss(logProbs, target, Reduction.MEAN);
    }

    public static Tensor nllLoss(Tensor logProbs, Tensor target, Reduction reduction) {
        int[] s = logProbs.shape();
        if (s.length != 2 || target.dim() != 1 || target.size(0) != s[0]) {
            throw new IllegalArgumentException("nllLoss: expected input [N, C] and class indices [N], got shapes "
                    + Arrays.toString(s) + " and " + Arrays.toString(target.shape()));
        }
        float[] t = target.toArray();
        for (int i = 0; i < t.length; i++) {
            if (t[i] != Math.rint(t[i]) || t[i] < 0 || t[i] >= s[1]) {
                throw new IllegalArgumentException("nllLoss: target " + t[i] + " at position " + i + " is not a class index in 0.." + (s[1] - 1));
            }
        }
        Tensor picked = logProbs.gather(1, target.reshape(-1, 1)).reshape(-1);
        return reduce(picked.neg(), reduction);
    }

    /** Mean squared error. */
    public static Tensor mseLoss(Tensor input, Tensor target) {
        return mseLoss(input, target, Reduction.MEAN);
    }

    public static Tensor mseLoss(Tensor input, Tensor target, Reduction reduction) {
        sameShape("mseLoss", input, target);
        return reduce(input.sub(target).square(), reduction);
    }

    /**
     * Binary cross-entropy on logits, stable for any logit: max(x, 0) − x·y + log(1 + e^−|x|).
     */
    public static Tensor bceWithLogits(Tensor logits, Tensor target) {
        return bceWithLogits(logits, target, Reduction.MEAN);
    }

    public static Tensor bceWithLogits(Tensor logits, Tensor target, Reduction reduction) {
        sameShape("bceWithLogits", logits, target);
        Tensor loss = logits.relu().sub(logits.mul(target)).add(logits.abs().neg().exp().add(1f).log());
        return reduce(loss, reduction);
    }

    private static void sameShape(String op, Tensor a, Tensor b) {
        if (!Arrays.equals(a.shape(), b.shape())) {
            throw new IllegalArgumentException(op + ": input and target must have the same shape, got "
                    + Arrays.toString(a.shape()) + " and " + Arrays.toString(b.shape()));
        }
    }

    static Tensor reduce(Tensor perElement, Reduction reduction) {
        switch (reduction) {
            case MEAN: return perElement.mean();
            case SUM: return perElement.sum();
            default: return perElement;
        }
    }

    /** Dropout as a function: active only when training is true. */
    public static Tensor dropout(Tensor x, float p, boolean training) {
        Dropout d = new Dropout(p);
        d.train(training);
        return d.forward(x);
    }
}
