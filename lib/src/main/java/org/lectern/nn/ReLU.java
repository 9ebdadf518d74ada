package org.lectern.nn;

import org.lectern.Tensor;

/** Elementwise max(0, x). */
public final class ReLU extends Module {
    @Override
    public Tensor forward(Tensor x) {
        return record(x.relu());
    }
}
