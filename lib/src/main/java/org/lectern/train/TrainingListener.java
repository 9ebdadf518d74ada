package org.lectern.train;

/**
 * Hears what {@link Trainer#fit} does, so a notebook kernel can draw a live chart and a progress line
 * while a plain {@code main} prints to the console ({@link ConsoleListener}). Batch events come at most
 * a few times a second.
 */
public interface TrainingListener {
    default void onStart(int epochs, int batchesPerEpoch) {}

    default void onBatch(BatchProgress progress) {}

    default void onEpoch(EpochResult result, History history) {}

    /** After the last epoch, or after an interrupt stopped training (history.interrupted()). */
    default void onEnd(History history) {}
}
