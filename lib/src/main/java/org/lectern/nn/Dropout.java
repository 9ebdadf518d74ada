package org.lectern.nn;

import org.lectern.Tensor;

/**
 * In training, zeroes each value with probability p and scales the rest by 1/(1-p) so the expected
 * activation is unchanged; in eval mode it passes values through.
 */
public final class Dropout extends Module {
    public final float p;

    public Dropout() {
        this(0.5f);
    }

    public Dropout(float p) {
        if (!(p >= 0 && p < 1)) throw new IllegalArgumentException("Dropout: p must be in [0, 1), got " + p);
        this.p = p;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (!isTraining() || p == 0) return record(x);
        Tensor keep = Tensor.rand(x.shape()).ge(p);
        return record(x.mul(keep).div(1 - p));
    }

    @Override
    protected String extraRepr() {
        return "p=" + p;
    }
}
