package org.lectern.optim;

/** Cosine decay from the initial rate to etaMin over tMax epochs: η = ηmin + (η0 − ηmin)(1 + cos(π·t/tMax))/2. */
public final class CosineAnnealingLR extends LRScheduler {
    public final int tMax;
    public final float etaMin;

    public CosineAnnealingLR(Optimizer optimizer, int tMax) {
        this(optimizer, tMax, 0f);
    }

    public CosineAnnealingLR(Optimizer optimizer, int tMax, float etaMin) {
        super(optimizer);
        if (tMax <= 0) throw new IllegalArgumentException("CosineAnnealingLR: tMax must be positive, got " + tMax);
        this.tMax = tMax;
        this.etaMin = etaMin;
    }

    @Override
    public float lrAt(int epoch) {
        int t = Math.min(epoch, tMax);
        return (float) (etaMin + (baseLr - etaMin) * (1 + Math.cos(Math.PI * t / tMax)) / 2);
    }
}
