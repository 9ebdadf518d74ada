package org.lectern.train;

import java.io.PrintStream;
import java.util.Locale;

/** Prints progress on one updating line and a summary line per epoch. */
public final class ConsoleListener implements TrainingListener {
    private final PrintStream out;

    public ConsoleListener() {
        this(System.out);
    }

    public ConsoleListener(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onBatch(BatchProgress p) {
        out.print("\r" + p.line() + "   ");
        out.flush();
    }

    @Override
    public void onEpoch(EpochResult r, History h) {
        out.printf(Locale.ROOT, "\repoch %d: train loss %.4f acc %.2f%%%s  (%.1f s)%n", r.epoch(), r.trainLoss(), 100 * r.trainAccuracy(),
                Double.isNaN(r.valLoss()) ? "" : String.format(Locale.ROOT, ", val loss %.4f acc %.2f%%", r.valLoss(), 100 * r.valAccuracy()),
                r.seconds());
    }

    @Override
    public void onEnd(History h) {
        if (h.interrupted()) out.println("\ntraining interrupted after " + h.epochs() + " complete epoch(s); the model keeps what it learned");
    }
}
