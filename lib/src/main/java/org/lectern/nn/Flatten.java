package org.lectern.nn;

import org.lectern.Tensor;

/** Flattens dims startDim..endDim (default 1..-1: everything but the batch). */
public final class Flatten extends Module {
    private final int startDim, endDim;

    public Flatten() {
        this(1, -1);
    }

    public Flatten(int startDim, int endDim) {
        this.startDim = startDim;
        this.endDim = endDim;
    }

    @Override
    public Tensor forward(Tensor x) {
        return record(x.flatten(startDim, endDim));
    }

    @Override
    protected String extraRepr() {
        return "startDim=" + startDim + ", endDim=" + endDim;
    }
}
