package org.lectern.optim;

import java.util.List;
import org.lectern.Tensor;

/** Adam with decoupled weight decay (Loshchilov &amp; Hutter): p ← p − lr·λ·p, then the Adam step. Default λ = 0.01. */
public final class AdamW extends Adam {
    public AdamW(List<Tensor> params, float lr) {
        this(params, lr, 0.9f, 0.999f, 1e-8f, 0.01f);
    }

    public AdamW(List<Tensor> params, float lr, float beta1, float beta2, float eps, float weightDecay) {
        super(params, lr, beta1, beta2, eps, weightDecay);
    }

    @Override
    Tensor decay(Tensor p, Tensor g) {
        if (weightDecay != 0) p.mul_(1 - lr * weightDecay);
        return g;
    }
}
