package org.lectern.optim;

import java.util.List;
import java.util.Map;
import org.lectern.Tensor;

/**
 * Adam (Kingma &amp; Ba): running averages of the gradient (m) and its square (v), bias-corrected,
 * step −lr·m̂/(√v̂ + ε). weightDecay adds λ·p to the gradient (L2, as torch.optim.Adam); for decoupled
 * decay use {@link AdamW}.
 */
public class Adam extends Optimizer {
    public final float beta1, beta2, eps, weightDecay;

    public Adam(List<Tensor> params, float lr) {
        this(params, lr, 0.9f, 0.999f, 1e-8f, 0f);
    }

    public Adam(List<Tensor> params, float lr, float beta1, float beta2, float eps, float weightDecay) {
        super(params, lr);
        if (beta1 < 0 || beta1 >= 1 || beta2 < 0 || beta2 >= 1) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": betas must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
    }

    /** AdamW overrides this to decay the weights directly instead of through the gradient. */
    Tensor decay(Tensor p, Tensor g) {
        return weightDecay != 0 ? g.add(p.mul(weightDecay)) : g;
    }

    @Override
    protected void update(Tensor p, Tensor g, Map<String, Tensor> s) {
        g = decay(p, g);
        Tensor m = s.computeIfAbsent("m", k -> Tensor.zeros(p.shape()));
        Tensor v = s.computeIfAbsent("v", k -> Tensor.zeros(p.shape()));
        Tensor t = s.computeIfAbsent("t", k -> Tensor.scalar(0f));
        t.add_(Tensor.scalar(1f));
        int step = (int) t.item();
        m.mul_(beta1).add_(g, 1 - beta1);
        v.mul_(beta2).addcmul_(g, g, 1 - beta2);
        double c1 = 1 - Math.pow(beta1, step), c2 = 1 - Math.pow(beta2, step);
        Tensor denom = v.sqrt().div((float) Math.sqrt(c2)).add(eps);
        p.addcdiv_(m, denom, (float) (-lr / c1));
    }
}
