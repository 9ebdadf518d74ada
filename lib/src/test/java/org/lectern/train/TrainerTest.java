package org.lectern.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lectern.Lectern;
import org.lectern.Tensor;
import org.lectern.data.DataLoader;
import org.lectern.data.TensorDataset;
import org.lectern.nn.CrossEntropyLoss;
import org.lectern.nn.Linear;
import org.lectern.nn.Loss;
import org.lectern.nn.Module;
import org.lectern.nn.ReLU;
import org.lectern.nn.Reduction;
import org.lectern.nn.Sequential;
import org.lectern.optim.SGD;
import org.lectern.optim.StepLR;

class TrainerTest {
    @BeforeEach
    void seed() {
        Lectern.seed(21);
    }

    /** Two linearly separable classes in the plane: label 1 when x0 + 2·x1 > 0, with a margin. */
    static TensorDataset separable(int n) {
        float[] xs = new float[2 * n], ys = new float[n];
        float[] r = Tensor.randn(2 * n).toArray();
        for (int i = 0; i < n; i++) {
            float a = r[2 * i], b = r[2 * i + 1];
            float s = a + 2 * b;
            if (Math.abs(s) < 0.3f) b += Math.signum(s == 0 ? 1 : s) * 0.3f; // keep a margin
            xs[2 * i] = a;
            xs[2 * i + 1] = b;
            ys[i] = a + 2 * b > 0 ? 1 : 0;
        }
        return new TensorDataset(Tensor.fromArray(xs, n, 2), Tensor.fromArray(ys, n));
    }

    static Sequential mlp() {
        return new Sequential(new Linear(2, 16), new ReLU(), new Linear(16, 2));
    }

    /** Cross-entropy that counts its training calls (one per batch) and runs a hook after each. */
    static final class CountingLoss extends Loss {
        final AtomicInteger calls = new AtomicInteger();
        final CrossEntropyLoss inner = new CrossEntropyLoss();
        volatile Runnable afterCall = () -> {};

        CountingLoss() {
            super(Reduction.MEAN);
        }

        @Override
        public Tensor forward(Tensor input, Tensor target) {
            Tensor l = inner.forward(input, target);
            if (Lectern.isGradEnabled()) { // a training batch, not validation (which runs under noGrad)
                calls.incrementAndGet();
                afterCall.run();
            }
            return l;
        }
    }

    @Test
    void fitReachesHighAccuracyAndFillsTheHistory() {
        Sequential model = mlp();
        var optimizer = new SGD(model.parameters(), 0.1f, 0.9f);
        var scheduler = new StepLR(optimizer, 4, 0.5f);
        var train = new DataLoader(separable(256), 32, true);
        var val = new DataLoader(separable(128), 64);
        List<EpochResult> seen = new ArrayList<>();
        AtomicBoolean ended = new AtomicBoolean();
        Trainer trainer = new Trainer(model, optimizer, new CrossEntropyLoss()).epochs(10).scheduler(scheduler)
                .listener(new TrainingListener() {
                    @Override
                    public void onEpoch(EpochResult r, History h) {
                        seen.add(r);
                    }

                    @Override
                    public void onEnd(History h) {
                        ended.set(true);
                    }
                });
        History h = trainer.fit(train, val);

        assertFalse(h.interrupted());
        assertTrue(ended.get());
        assertEquals(10, h.epochs());
        assertEquals(10, h.table().rowCount());
        assertEquals(List.of("epoch", "train_loss", "train_acc", "val_loss", "val_acc", "lr", "seconds"), h.table().columnNames());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, h.column(History.EPOCH));
        assertEquals(10, seen.size());
        assertTrue(h.last(History.TRAIN_ACC) > 0.95, "train accuracy " + h.last(History.TRAIN_ACC));
        assertTrue(h.last(History.VAL_ACC) > 0.95, "validation accuracy " + h.last(History.VAL_ACC));
        double[] loss = h.column(History.TRAIN_LOSS);
        assertTrue(loss[9] < loss[0] / 2, "training loss falls: " + java.util.Arrays.toString(loss));
        // the lr column is the rate used during each epoch: 0.1 for epochs 1-4, then halved every 4
        double[] lr = h.column(History.LR);
        assertEquals(0.1, lr[0], 1e-6);
        assertEquals(0.1, lr[3], 1e-6);
        assertEquals(0.05, lr[4], 1e-6);
        assertEquals(0.025, lr[8], 1e-6);
        assertTrue(model.isTraining(), "fit leaves the model in training mode");
        assertEquals(10L * 8, optimizer.steps(), "one step per batch");

        // fit again continues the numbering and appends to the same history
        History again = trainer.epochs(2).fit(train, null);
        assertEquals(12, again.epochs());
        assertEquals(12, (int) again.last(History.EPOCH));
        assertTrue(Double.isNaN(again.last(History.VAL_LOSS)), "no validation data: missing value");
    }

    /** Runs fit on its own thread (as a notebook kernel would) and returns what that thread saw. */
    record Run(History history, boolean interruptFlagAfterFit, Throwable error) {}

    static Run fitOnThread(Trainer trainer, DataLoader train, DataLoader val) throws InterruptedException {
        AtomicReference<History> h = new AtomicReference<>();
        AtomicBoolean flag = new AtomicBoolean(true);
        AtomicReference<Throwable> error = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                h.set(trainer.fit(train, val));
                flag.set(Thread.currentThread().isInterrupted());
            } catch (Throwable e) {
                error.set(e);
            }
        }, "training");
        t.start();
        t.join(60_000);
        assertFalse(t.isAlive(), "training did not stop");
        return new Run(h.get(), flag.get(), error.get());
    }

    @Test
    void anInterruptStopsAtTheNextBatchAndKeepsThePartialEpoch() throws InterruptedException {
        Sequential model = mlp();
        var optimizer = new SGD(model.parameters(), 0.05f);
        CountingLoss loss = new CountingLoss();
        int batches = 8, interruptAt = batches + 3; // third batch of epoch 2
        loss.afterCall = () -> {
            if (loss.calls.get() == interruptAt) Thread.currentThread().interrupt();
        };
        var train = new DataLoader(separable(batches * 16), 16);
        Trainer trainer = new Trainer(model, optimizer, loss).epochs(5);
        Run run = fitOnThread(trainer, train, new DataLoader(separable(32), 16));

        assertNull(run.error(), () -> "fit threw " + run.error());
        History h = run.history();
        assertTrue(h.interrupted());
        assertFalse(run.interruptFlagAfterFit(), "fit clears the interrupt flag so the kernel stays usable");
        assertEquals(interruptAt, loss.calls.get(), "no batch after the interrupted one");
        assertEquals(interruptAt, optimizer.steps(), "the interrupted batch itself completes its step");
        assertEquals(2, h.epochs(), "epoch 1 and the partial epoch 2");
        assertArrayEquals(new double[] {1, 2}, h.column(History.EPOCH));
        assertFalse(Double.isNaN(h.column(History.TRAIN_LOSS)[1]), "the partial epoch has a training loss");
        assertFalse(Double.isNaN(h.column(History.VAL_LOSS)[0]), "the full epoch was validated");
        assertTrue(Double.isNaN(h.last(History.VAL_LOSS)), "the partial epoch is not validated");
        assertTrue(model.isTraining());
        assertTrue(h.toString().contains("(interrupted)"));
    }

    @Test
    void anInterruptFromAListenerStopsTraining() throws InterruptedException {
        Sequential model = mlp();
        var optimizer = new SGD(model.parameters(), 0.05f);
        CountingLoss loss = new CountingLoss();
        int batches = 6;
        AtomicInteger ends = new AtomicInteger();
        // the first batch of every epoch is always reported; interrupt at the first report of epoch 2
        Trainer trainer = new Trainer(model, optimizer, loss).epochs(4).listener(new TrainingListener() {
            @Override
            public void onBatch(BatchProgress p) {
                if (p.epoch() == 2) Thread.currentThread().interrupt();
            }

            @Override
            public void onEnd(History h) {
                ends.incrementAndGet();
            }
        });
        Run run = fitOnThread(trainer, new DataLoader(separable(batches * 8), 8), null);
        assertNull(run.error(), () -> "fit threw " + run.error());
        assertTrue(run.history().interrupted());
        assertFalse(run.interruptFlagAfterFit());
        assertEquals(2, run.history().epochs());
        assertEquals(batches + 1, loss.calls.get(), "stopped before the second batch of epoch 2");
        assertEquals(1, ends.get(), "onEnd once, also after an interrupt");
    }

    @Test
    void anInterruptBeforeTheFirstBatchTrainsNothing() throws InterruptedException {
        Sequential model = mlp();
        var optimizer = new SGD(model.parameters(), 0.05f);
        Tensor before = model.parameters().get(0).copy();
        Trainer trainer = new Trainer(model, optimizer, new CrossEntropyLoss()).epochs(3);
        AtomicReference<History> h = new AtomicReference<>();
        AtomicBoolean flag = new AtomicBoolean(true);
        Thread t = new Thread(() -> {
            Thread.currentThread().interrupt();
            h.set(trainer.fit(new DataLoader(separable(32), 8), null));
            flag.set(Thread.currentThread().isInterrupted());
        });
        t.start();
        t.join(60_000);
        assertTrue(h.get().interrupted());
        assertEquals(0, h.get().epochs());
        assertFalse(flag.get());
        assertArrayEquals(before.toArray(), model.parameters().get(0).toArray());
    }

    @Test
    void evaluateRestoresTheModeAndUsesNoGradient() {
        Module model = mlp();
        model.eval();
        double[] r = Trainer.evaluate(model, new DataLoader(separable(40), 16), new CrossEntropyLoss());
        assertFalse(model.isTraining(), "evaluate restores eval mode");
        assertTrue(r[0] > 0 && r[1] >= 0 && r[1] <= 1, java.util.Arrays.toString(r));
        for (Tensor p : model.parameters()) assertNull(p.grad());
        model.train();
        Trainer.evaluate(model, new DataLoader(separable(40), 16), new CrossEntropyLoss());
        assertTrue(model.isTraining(), "evaluate restores training mode");
    }

    @Test
    void metrics() {
        Tensor logits = Tensor.of(new float[][] {{2, 1, 0}, {0, 3, 1}, {1, 0, 5}, {4, 0, 0}});
        Tensor labels = Tensor.of(0, 1, 1, 2);
        assertEquals(0.5f, Metrics.accuracy(logits, labels));
        Tensor cm = Metrics.confusionMatrix(logits.argmax(1), labels, 3);
        assertArrayEquals(new float[] {1, 0, 0, 0, 1, 1, 1, 0, 0}, cm.toArray());
    }
}
