package org.lectern.optim;

import java.util.List;
import java.util.Map;
import org.lectern.Tensor;

/**
 * Stochastic gradient descent with optional momentum, Nesterov momentum and L2 weight decay, as
 * PyTorch: g ← g + λ·p;  v ← μ·v + g;  step = nesterov ? g + μ·v : v;  p ← p − lr·step.
 */
public final class SGD extends Optimizer {
    public final float momentum, weightDecay;
    public final boolean nesterov;

    public SGD(List<Tensor> params, float lr) {
        this(params, lr, 0f, 0f, false);
    }

    public SGD(List<Tensor> params, float lr, float momentum) {
        this(params, lr, momentum, 0f, false);
    }

    public SGD(List<Tensor> params, float lr, float momentum, float weightDecay, boolean nesterov) {
        super(params, lr);
        if (momentum < 0 || weightDecay < 0) throw new IllegalArgumentException("SGD: momentum and weight decay must be ≥ 0, got " + momentum + ", " + weightDecay);
        if (nesterov && momentum == 0) throw new IllegalArgumentException("SGD: Nesterov momentum needs momentum > 0");
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        this.nesterov = nesterov;
    }

    @Override
    protected void update(Tensor p, Tensor g, Map<String, Tensor> s) {
        if (weightDecay != 0) g = g.add(p.mul(weightDecay));
        Tensor step = g;
        if (momentum != 0) {
            Tensor v = s.get("momentum");
            if (v == null) s.put("momentum", v = g.copy());
            else v.mul_(momentum).add_(g);
            step = nesterov ? g.add(v.mul(momentum)) : v;
        }
        p.add_(step, -lr);
    }
}
