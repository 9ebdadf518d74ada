package org.lectern.data;

import org.lectern.Tensor;

/**
 * (x - mean) / std, the usual input normalisation (torchvision.transforms.Normalize with one channel):
 * centred, unit-variance inputs make the first steps of gradient descent better behaved.
 *
 * <pre>{@code
 * var train = new Normalize(FashionMnist.MEAN, FashionMnist.STD).apply(FashionMnist.train());
 * }</pre>
 */
public record Normalize(float mean, float std) {
    public Normalize {
        if (!(std > 0) || Float.isInfinite(std)) throw new IllegalArgumentException("Normalize: std must be positive and finite, got " + std);
        if (!Float.isFinite(mean)) throw new IllegalArgumentException("Normalize: mean must be finite, got " + mean);
    }

    public Tensor apply(Tensor x) {
        Tensor centred = x.sub(mean);
        if (x.requiresGrad()) return centred.div(std);
        // a whole dataset, usually: divided in place, so that only one new tensor is made, not two (the
        // 60,000 Fashion-MNIST images are 188 MB of floats: a second temporary raises the peak by as much).
        // div(std) multiplies by 1/std, and so does this, so the values are the same.
        return centred.mul_(1f / std);
    }

    /** The same dataset with normalised inputs; the targets are shared. */
    public TensorDataset apply(TensorDataset dataset) {
        return new TensorDataset(apply(dataset.x()), dataset.y());
    }
}
