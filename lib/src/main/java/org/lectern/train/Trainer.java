package org.lectern.train;

import java.util.ArrayList;
import java.util.List;
import org.lectern.Lectern;
import org.lectern.Tensor;
import org.lectern.data.Batch;
import org.lectern.data.DataLoader;
import org.lectern.nn.Loss;
import org.lectern.nn.Module;
import org.lectern.optim.ClipGrad;
import org.lectern.optim.LRScheduler;
import org.lectern.optim.Optimizer;

/**
 * The training loop every lecture writes by hand, once: for each batch, forward, loss, zeroGrad,
 * backward, step; after each epoch, validation and a row in the {@link History}.
 *
 * <pre>{@code
 * var trainer = new Trainer(model, new SGD(model.parameters(), 0.1f, 0.9f), new CrossEntropyLoss()).epochs(5);
 * History h = trainer.fit(trainLoader, testLoader);
 * }</pre>
 *
 * <p>An interrupt of the training thread (the notebook's stop button) ends training cleanly before the
 * next batch: the model keeps its weights and the history keeps every finished epoch plus the partial one.
 */
public final class Trainer {
    private static final long PROGRESS_INTERVAL_NANOS = 250_000_000L; // at most 4 progress updates a second
    private static final List<java.util.function.Supplier<TrainingListener>> DEFAULT_LISTENERS =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    private final Module model;
    private final Optimizer optimizer;
    private final Loss loss;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private final List<TrainingListener> defaults = new ArrayList<>();
    private int epochs = 1;
    private LRScheduler scheduler;
    private float clipNorm = Float.NaN;
    private final History history = new History();
    private int epochsDone;

    public Trainer(Module model, Optimizer optimizer, Loss loss) {
        this.model = model;
        this.optimizer = optimizer;
        this.loss = loss;
        for (var factory : DEFAULT_LISTENERS) defaults.add(factory.get());
        listeners.addAll(defaults);
    }

    /** Drops the default listeners (in a notebook: the live chart), e.g. for many short fits in a loop. */
    public Trainer quiet() {
        listeners.removeAll(defaults);
        return this;
    }

    /**
     * A listener every Trainer made from now on gets: the notebook kernel registers its live chart and
     * progress line here, so lecture code needs no display calls (and the library knows no Jupyter).
     */
    public static void addDefaultListener(java.util.function.Supplier<TrainingListener> factory) {
        DEFAULT_LISTENERS.add(factory);
    }

    public static void clearDefaultListeners() {
        DEFAULT_LISTENERS.clear();
    }

    /** Number of epochs each fit() runs. */
    public Trainer epochs(int n) {
        if (n <= 0) throw new IllegalArgumentException("Trainer: epochs must be positive, got " + n);
        epochs = n;
        return this;
    }

    /** A learning-rate schedule stepped after every epoch. */
    public Trainer scheduler(LRScheduler s) {
        scheduler = s;
        return this;
    }

    /** Clips the global gradient norm before each step. */
    public Trainer clipGradNorm(float maxNorm) {
        clipNorm = maxNorm;
        return this;
    }

    public Trainer listener(TrainingListener l) {
        listeners.add(l);
        return this;
    }

    /** All epochs trained so far by this trainer (fit() again continues and appends). */
    public History history() {
        return history;
    }

    /** Trains for the configured epochs; val may be null. Returns the history (also after an interrupt). */
    public History fit(DataLoader train, DataLoader val) {
        int batches = train.size();
        int lastEpoch = epochsDone + epochs;
        listeners.forEach(l -> l.onStart(epochs, batches));
        try {
            for (int e = 0; e < epochs; e++) {
                int epoch = ++epochsDone;
                long start = System.nanoTime();
                model.train();
                double lossSum = 0;
                long correct = 0, counted = 0, seen = 0;
                int done = 0;
                long lastReport = 0;
                boolean stopped = false;
                for (Batch b : train) {
                    if (Thread.currentThread().isInterrupted()) {
                        stopped = true;
                        break;
                    }
                    Tensor out = model.forward(b.x());
                    Tensor l = loss.forward(out, b.y());
                    optimizer.zeroGrad();
                    l.backward();
                    if (!Float.isNaN(clipNorm)) ClipGrad.clipGradNorm(optimizer.params(), clipNorm);
                    optimizer.step();
                    int n = b.x().size(0);
                    float lv = l.item();
                    lossSum += (double) lv * n;
                    seen += n;
                    long[] acc = Metrics.correct(out, b.y());
                    correct += acc[0];
                    counted += acc[1];
                    done++;
                    long now = System.nanoTime();
                    if (now - lastReport >= PROGRESS_INTERVAL_NANOS || done == batches) {
                        lastReport = now;
                        double secs = (now - start) / 1e9;
                        double rate = seen / Math.max(secs, 1e-9);
                        var p = new BatchProgress(epoch, lastEpoch, done, batches, lv, rate,
                                secs / done * (batches - done));
                        listeners.forEach(li -> li.onBatch(p));
                    }
                }
                if (done == 0 && stopped) break;
                double trainLoss = seen == 0 ? Double.NaN : lossSum / seen;
                double trainAcc = counted == 0 ? Double.NaN : (double) correct / counted;
                double[] v = stopped || val == null ? new double[] {Double.NaN, Double.NaN} : evaluate(model, val, loss);
                var r = new EpochResult(epoch, trainLoss, trainAcc, v[0], v[1], optimizer.lr(), (System.nanoTime() - start) / 1e9);
                history.add(r);
                listeners.forEach(li -> li.onEpoch(r, history));
                if (stopped) break;
                if (scheduler != null) scheduler.step();
            }
        } finally {
            if (Thread.interrupted()) history.markInterrupted(); // clears the flag: the notebook stays usable
            model.train();
            listeners.forEach(l -> l.onEnd(history));
        }
        return history;
    }

    /** Mean loss and accuracy of model on the loader, in eval mode without gradients: {loss, accuracy}. */
    public static double[] evaluate(Module model, DataLoader data, Loss loss) {
        boolean wasTraining = model.isTraining();
        model.eval();
        double lossSum = 0;
        long correct = 0, counted = 0, seen = 0;
        try (var off = Lectern.noGrad()) {
            for (Batch b : data) {
                Tensor out = model.forward(b.x());
                int n = b.x().size(0);
                lossSum += (double) loss.forward(out, b.y()).item() * n;
                seen += n;
                long[] acc = Metrics.correct(out, b.y());
                correct += acc[0];
                counted += acc[1];
            }
        } finally {
            model.train(wasTraining);
        }
        return new double[] {seen == 0 ? Double.NaN : lossSum / seen, counted == 0 ? Double.NaN : (double) correct / counted};
    }
}
