package org.lectern.nn;

import org.lectern.Tensor;

/** log(softmax(x)) along dim, computed stably; pair with NLLLoss. */
public final class LogSoftmax extends Module {
    public final int dim;

    public LogSoftmax(int dim) {
        this.dim = dim;
    }

    @Override
    public Tensor forward(Tensor x) {
        return record(x.logSoftmax(dim));
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim;
    }
}
