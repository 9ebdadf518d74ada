package org.lectern.nn;

import org.lectern.Tensor;

/** Returns its input: a placeholder when replacing a layer (e.g. removing a classifier head). */
public final class Identity extends Module {
    @Override
    public Tensor forward(Tensor x) {
        return record(x);
    }
}
