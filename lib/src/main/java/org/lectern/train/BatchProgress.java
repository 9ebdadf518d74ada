package org.lectern.train;

import java.util.Locale;

/** Where training stands inside an epoch, for a progress line. */
public record BatchProgress(int epoch, int epochs, int batch, int batches, double loss, double samplesPerSecond,
                            double etaSeconds) {
    /** "epoch 2/5  batch 120/938  loss 0.4312  5210 samples/s  ETA 0:31". */
    public String line() {
        long eta = Math.round(etaSeconds);
        return String.format(Locale.ROOT, "epoch %d/%d  batch %d/%d  loss %.4f  %.0f samples/s  ETA %d:%02d",
                epoch, epochs, batch, batches, loss, samplesPerSecond, eta / 60, eta % 60);
    }
}
