package org.lectern.nn;

import org.lectern.Tensor;

/** Elementwise 1 / (1 + e^-x). */
public final class Sigmoid extends Module {
    @Override
    public Tensor forward(Tensor x) {
        return record(x.sigmoid());
    }
}
