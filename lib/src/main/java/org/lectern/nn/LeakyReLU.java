package org.lectern.nn;

import org.lectern.Tensor;

/** x for x &gt; 0, negativeSlope·x otherwise (default slope 0.01, as PyTorch). */
public final class LeakyReLU extends Module {
    public final float negativeSlope;

    public LeakyReLU() {
        this(0.01f);
    }

    public LeakyReLU(float negativeSlope) {
        this.negativeSlope = negativeSlope;
    }

    @Override
    public Tensor forward(Tensor x) {
        return record(x.leakyRelu(negativeSlope));
    }

    @Override
    protected String extraRepr() {
        return "negativeSlope=" + negativeSlope;
    }
}
