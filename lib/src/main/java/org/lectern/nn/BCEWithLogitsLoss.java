package org.lectern.nn;

import org.lectern.Tensor;

/** Binary cross-entropy on logits (sigmoid folded in, stable for any logit). */
public final class BCEWithLogitsLoss extends Loss {
    public BCEWithLogitsLoss() {
        this(Reduction.MEAN);
    }

    public BCEWithLogitsLoss(Reduction reduction) {
        super(reduction);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.bceWithLogits(input, target, reduction);
    }
}
