package org.lectern.kernel;

import java.util.Locale;
import java.util.UUID;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.lectern.train.BatchProgress;
import org.lectern.train.EpochResult;
import org.lectern.train.History;
import org.lectern.train.TrainingListener;
import org.lectern.viz.Charts;

/**
 * What every {@code Trainer.fit} shows in a notebook: a progress line updated in place (the Trainer already limits
 * batch events to a few a second) and a loss/accuracy chart redrawn after epochs, both as displays with ids so
 * Jupyter replaces them rather than appending. It also opens a {@link Cooperation} section for the fit, which is what
 * lets the stop button end training at the next batch instead of forcing a stop mid-step.
 *
 * <p>Drawing and publishing run with the thread's interrupt flag cleared: image encoders and the messaging layer may
 * swallow it (or misbehave on it), and the Trainer must still see it at its next batch, so it is set again afterwards
 * whenever a stop was requested.
 */
final class NotebookTrainingListener implements TrainingListener {
    /** A chart costs 0.1-0.3 s to encode; redrawing it after every short epoch would slow training down several-fold. */
    private static final long CHART_INTERVAL_NANOS = 1_000_000_000L;

    private final BaseKernel kernel;
    private Cooperation.Section section;
    private String lineId;
    private String chartId;
    private BatchProgress lastProgress;
    private int epochs;
    private long lastChart;
    private int epochsCharted;

    NotebookTrainingListener(BaseKernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public void onStart(int epochs, int batchesPerEpoch) {
        section = Cooperation.enter();
        this.epochs = epochs;
        lastProgress = null;
        epochsCharted = -1;
        lineId = UUID.randomUUID().toString();
        chartId = UUID.randomUUID().toString();
        quietly(() -> {
            show(lineId, ProgressLine.of("training: " + epochs + (epochs == 1 ? " epoch" : " epochs") + " of "
                    + batchesPerEpoch + " batches", 0, 1), false);
            chart(new History(), false);
        }, true);
    }

    @Override
    public void onBatch(BatchProgress p) {
        lastProgress = p;
        quietly(() -> show(lineId, ProgressLine.of(p.line(), p.batch(), p.batches()), true), true);
    }

    @Override
    public void onEpoch(EpochResult r, History history) {
        if (System.nanoTime() - lastChart < CHART_INTERVAL_NANOS) return; // onEnd draws the last state anyway
        quietly(() -> chart(history, true), true);
    }

    @Override
    public void onEnd(History history) {
        try {
            // The Trainer has just cleared the interrupt flag on purpose: leave it cleared. The progress line
            // first, each update on its own: if drawing the chart fails, the line still says how training ended.
            quietly(() -> show(lineId, ProgressLine.of(summary(history), 1, 1), true), false);
            quietly(() -> {
                if (history.epochs() != epochsCharted) chart(history, true);
            }, false);
        } finally {
            if (section != null) section.close();
            section = null;
        }
    }

    private void chart(History history, boolean update) {
        show(chartId, kernel.getRenderer().render(Charts.history(history)), update);
        lastChart = System.nanoTime();
        epochsCharted = history.epochs();
    }

    /** Runs notebook output with the interrupt flag cleared, then sets it again if a stop is pending. */
    private void quietly(Runnable output, boolean restoreInterrupt) {
        boolean wasInterrupted = Thread.interrupted();
        try {
            output.run();
        } catch (RuntimeException e) {
            // Training must never fail because the notebook could not be told about it.
        } finally {
            Thread.interrupted();
            boolean pending = wasInterrupted || (section != null && section.stopRequested());
            if (restoreInterrupt && pending) Thread.currentThread().interrupt();
        }
    }

    private String summary(History h) {
        StringBuilder s = new StringBuilder();
        if (h.interrupted()) {
            s.append("interrupted");
            if (lastProgress != null && lastProgress.batch() == lastProgress.batches()) {
                s.append(" after epoch ").append(lastProgress.epoch());
            } else if (lastProgress != null) {
                s.append(" in epoch ").append(lastProgress.epoch()).append(" after batch ").append(lastProgress.batch())
                        .append('/').append(lastProgress.batches());
            }
            s.append(": model and history kept");
        } else {
            s.append("done");
        }
        s.append(String.format(Locale.ROOT, " (%d of %d %s in the history", h.epochs(), epochs, epochs == 1 ? "epoch" : "epochs"));
        if (h.epochs() > 0) {
            s.append(String.format(Locale.ROOT, "; last train_loss %.4f", h.last(History.TRAIN_LOSS)));
            double acc = h.last(History.TRAIN_ACC);
            if (!Double.isNaN(acc)) s.append(String.format(Locale.ROOT, ", train_acc %.4f", acc));
        }
        return s.append(')').toString();
    }

    /** Displays or updates; nothing when no cell is attached (a fit on a background thread after its cell ended). */
    private void show(String id, DisplayData data, boolean update) {
        if (!kernel.getIO().isAttached()) return;
        data.setDisplayId(id);
        if (update) kernel.getIO().display.updateDisplay(id, data);
        else kernel.display(data);
    }
}
