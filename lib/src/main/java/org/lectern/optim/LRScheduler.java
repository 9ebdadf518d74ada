package org.lectern.optim;

/** Changes an optimizer's learning rate once per epoch: call {@link #step()} after each epoch. */
public abstract class LRScheduler {
    protected final Optimizer optimizer;
    protected final float baseLr;
    protected int epoch;

    protected LRScheduler(Optimizer optimizer) {
        this.optimizer = optimizer;
        this.baseLr = optimizer.lr();
    }

    /** The learning rate for the given epoch (0 = the start). */
    public abstract float lrAt(int epoch);

    public void step() {
        epoch++;
        optimizer.setLr(lrAt(epoch));
    }

    public float lastLr() {
        return optimizer.lr();
    }
}
