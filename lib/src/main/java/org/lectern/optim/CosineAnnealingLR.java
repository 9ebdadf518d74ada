package org.lectern.optim;

/** Cosine decay from the initial rate to etaMin over tMax epochs (as torch.optim.lr_scheduler.CosineAnnealingLR): η = ηmin + (η0 − ηmin)(1 + cos(π·t/tMax))/2. */
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
        // as PyTorch's closed form: past tMax the cosine goes on, so the rate rises again (warm restarts
        // without the restart); stop stepping at tMax to stay at etaMin
        return (float) (etaMin + (baseLr - etaMin) * (1 + Math.cos(Math.PI * epoch / tMax)) / 2);
    }
}
