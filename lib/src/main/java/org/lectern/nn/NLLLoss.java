package org.lectern.nn;

import org.lectern.Tensor;

/** Negative log-likelihood of log-probabilities [N, C] at class indices [N]. */
public final class NLLLoss extends Loss {
    public NLLLoss() {
        this(Reduction.MEAN);
    }

    public NLLLoss(Reduction reduction) {
        super(reduction);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.nllLoss(input, target, reduction);
    }
}
