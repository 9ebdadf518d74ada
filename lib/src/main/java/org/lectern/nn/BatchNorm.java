package org.lectern.nn;

import java.util.Arrays;
import org.lectern.Lectern;
import org.lectern.Tensor;

/**
 * Batch normalisation over the batch (and spatial) dimensions of each feature/channel, shared by
 * {@link BatchNorm1d} and {@link BatchNorm2d}. Training uses the batch's mean and (biased) variance and
 * updates running estimates (unbiased variance, momentum 0.1, as PyTorch); eval uses the running ones.
 */
abstract class BatchNorm extends Module {
    public final int numFeatures;
    public final float eps, momentum;
    public final Tensor weight, bias, runningMean, runningVar;

    BatchNorm(int numFeatures, float eps, float momentum) {
        if (numFeatures <= 0) throw new IllegalArgumentException(getClass().getSimpleName() + ": numFeatures must be positive, got " + numFeatures);
        this.numFeatures = numFeatures;
        this.eps = eps;
        this.momentum = momentum;
        weight = param("weight", Tensor.ones(numFeatures));
        bias = param("bias", Tensor.zeros(numFeatures));
        runningMean = buffer("runningMean", Tensor.zeros(numFeatures));
        runningVar = buffer("runningVar", Tensor.ones(numFeatures));
    }

    /** The dims to average over, after checking the input's shape. */
    abstract int[] reduceDims(int[] shape);

    /** The shape that broadcasts a per-feature vector against the input. */
    abstract int[] featureShape(int rank);

    @Override
    public Tensor forward(Tensor x) {
        int[] dims = reduceDims(x.shape());
        int[] fs = featureShape(x.dim());
        Tensor mean, var;
        if (isTraining()) {
            int n = x.numel() / numFeatures;
            if (n < 2) throw new IllegalArgumentException(label() + ": training needs more than 1 value per feature, got input shape " + Arrays.toString(x.shape()));
            mean = x.mean(dims, true);
            var = x.var(dims, false, true);
            try (var off = Lectern.noGrad()) {
                runningMean.mul_(1 - momentum).add_(mean.reshape(numFeatures), momentum);
                runningVar.mul_(1 - momentum).add_(var.reshape(numFeatures), momentum * n / (n - 1f));
            }
        } else {
            mean = runningMean.reshape(fs);
            var = runningVar.reshape(fs);
        }
        Tensor normalized = x.sub(mean).div(var.add(eps).sqrt());
        return record(normalized.mul(weight.reshape(fs)).add(bias.reshape(fs)));
    }

    @Override
    protected String extraRepr() {
        return numFeatures + ", eps=" + eps + ", momentum=" + momentum;
    }
}
