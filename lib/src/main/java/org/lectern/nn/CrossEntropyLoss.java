package org.lectern.nn;

import org.lectern.Tensor;

/** Cross-entropy from logits [N, C] and class indices [N] (or probabilities [N, C]). */
public final class CrossEntropyLoss extends Loss {
    public CrossEntropyLoss() {
        this(Reduction.MEAN);
    }

    public CrossEntropyLoss(Reduction reduction) {
        super(reduction);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.crossEntropy(input, target, reduction);
    }
}
