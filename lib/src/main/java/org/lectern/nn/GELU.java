package org.lectern.nn;

import org.lectern.Tensor;

/** Elementwise x·Φ(x), the exact (erf) form. */
public final class GELU extends Module {
    @Override
    public Tensor forward(Tensor x) {
        return record(x.gelu());
    }
}
