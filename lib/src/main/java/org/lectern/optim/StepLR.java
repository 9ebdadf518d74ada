package org.lectern.optim;

/** Multiplies the learning rate by gamma every stepSize epochs. */
public final class StepLR extends LRScheduler {
    public final int stepSize;
    public final float gamma;

    public StepLR(Optimizer optimizer, int stepSize, float gamma) {
        super(optimizer);
        if (stepSize <= 0) throw new IllegalArgumentException("StepLR: stepSize must be positive, got " + stepSize);
        this.stepSize = stepSize;
        this.gamma = gamma;
    }

    @Override
    public float lrAt(int epoch) {
        return (float) (baseLr * Math.pow(gamma, epoch / stepSize));
    }
}
