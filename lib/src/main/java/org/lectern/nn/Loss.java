package org.lectern.nn;

import org.lectern.Tensor;

/** A loss criterion: {@code criterion.forward(output, target)} as PyTorch's {@code criterion(output, target)}. */
public abstract class Loss {
    public final Reduction reduction;

    protected Loss(Reduction reduction) {
        this.reduction = reduction;
    }

    public abstract Tensor forward(Tensor input, Tensor target);

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(reduction=" + reduction.name().toLowerCase() + ")";
    }
}
