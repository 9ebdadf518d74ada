package org.lectern.nn;

import org.lectern.Tensor;

/** Softmax along dim: turns scores into probabilities that sum to 1. */
public final class Softmax extends Module {
    public final int dim;

    public Softmax(int dim) {
        this.dim = dim;
    }

    @Override
    public Tensor forward(Tensor x) {
        return record(x.softmax(dim));
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim;
    }
}
