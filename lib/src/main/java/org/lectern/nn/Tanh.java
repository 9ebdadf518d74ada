package org.lectern.nn;

import org.lectern.Tensor;

/** Elementwise tanh(x). */
public final class Tanh extends Module {
    @Override
    public Tensor forward(Tensor x) {
        return record(x.tanh());
    }
}
