package org.lectern.optim;

import java.util.List;
import org.lectern.Lectern;
import org.lectern.Tensor;

/**
 * Gradient clipping against exploding gradients (RNNs): by global norm, which keeps the direction, or by
 * value, which clips each component. As torch.nn.utils.clip_grad_norm_ / clip_grad_value_.
 */
public final class ClipGrad {
    private ClipGrad() {}

    /** Scales all gradients so their joint L2 norm is at most maxNorm. Returns the norm before clipping. */
    public static float clipGradNorm(List<Tensor> params, float maxNorm) {
        double sq = 0;
        for (Tensor p : params) {
            if (p.grad() == null) continue;
            for (float g : p.grad().toArray()) sq += (double) g * g;
        }
        float norm = (float) Math.sqrt(sq);
        if (norm > maxNorm) {
            float scale = maxNorm / (norm + 1e-6f);
            try (var off = Lectern.noGrad()) {
                for (Tensor p : params) if (p.grad() != null) p.grad().mul_(scale);
            }
        }
        return norm;
    }

    /** Clips every gradient component to [-clip, clip]. */
    public static void clipGradValue(List<Tensor> params, float clip) {
        if (!(clip > 0)) throw new IllegalArgumentException("clipGradValue: clip must be positive, got " + clip);
        try (var off = Lectern.noGrad()) {
            for (Tensor p : params) if (p.grad() != null) p.grad().copy_(p.grad().clamp(-clip, clip));
        }
    }
}
