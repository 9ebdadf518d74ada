package org.lectern.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.lectern.Lectern;
import org.lectern.Tensor;
import org.lectern.data.Batch;
import org.lectern.data.DataLoader;
import org.lectern.data.FashionMnist;
import org.lectern.data.TensorDataset;
import org.lectern.kernels.Simd;
import org.lectern.nn.Conv2d;
import org.lectern.nn.CrossEntropyLoss;
import org.lectern.nn.Flatten;
import org.lectern.nn.Linear;
import org.lectern.nn.MaxPool2d;
import org.lectern.nn.Module;
import org.lectern.nn.ReLU;
import org.lectern.nn.Sequential;
import org.lectern.optim.SGD;

/**
 * LeNet-5 training on Fashion-MNIST, timed: the Lectern side of {@code bench/lenet.sh}, whose PyTorch twin is
 * {@code bench/lenet_torch.py} (same model, loss, optimizer, batch size and data).
 *
 * <p>Prints one line per measurement, for the script to put in its table:
 * <pre>
 *   step THREADS MS        median ms per training step (forward, loss, zeroGrad, backward, SGD step)
 *   epoch THREADS SECONDS  one shuffled epoch of the 60,000 training images, batch 64
 *   rss KB                 peak resident set size of this process (VmHWM)
 * </pre>
 * Arguments: {@code threads=1,2 steps=300 warmup=150 epoch=2} (epoch: the thread count for the epoch, 0 for none).
 */
public final class LenetBench {
    static final int BATCH = 64;
    static final float LR = 0.05f, MOMENTUM = 0.9f;

    private LenetBench() {}

    /** The LeNet of the lectures: two 5×5 convolutions with 2×2 max pooling, three linear layers. */
    static Module lenet() {
        return new Sequential(
                new Conv2d(1, 6, 5, 1, 2), new ReLU(), new MaxPool2d(2),
                new Conv2d(6, 16, 5), new ReLU(), new MaxPool2d(2),
                new Flatten(),
                new Linear(400, 120), new ReLU(),
                new Linear(120, 84), new ReLU(),
                new Linear(84, 10));
    }

    public static void main(String[] args) throws IOException {
        int[] threads = {1, 2};
        int steps = 300, warmup = 150, epochThreads = 2;
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            switch (kv[0]) {
                case "threads": threads = Arrays.stream(kv[1].split(",")).mapToInt(Integer::parseInt).toArray(); break;
                case "steps": steps = Integer.parseInt(kv[1]); break;
                case "warmup": warmup = Integer.parseInt(kv[1]); break;
                case "epoch": epochThreads = Integer.parseInt(kv[1]); break;
                default: throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        System.err.println("# Lectern: " + Simd.description() + ", Java " + Runtime.version());
        Lectern.seed(0);
        TensorDataset train = FashionMnist.normalize(FashionMnist.train());

        // the step benchmark cycles through a fixed set of real batches
        List<Batch> batches = new ArrayList<>();
        for (Batch b : new DataLoader(train, BATCH, true, true)) {
            batches.add(b);
            if (batches.size() == 64) break;
        }
        for (int t : threads) {
            Lectern.threads(t);
            Module model = lenet();
            SGD opt = new SGD(model.parameters(), LR, MOMENTUM);
            CrossEntropyLoss loss = new CrossEntropyLoss();
            for (int i = 0; i < warmup; i++) step(model, opt, loss, batches.get(i % batches.size()));
            double[] ms = new double[steps];
            for (int i = 0; i < steps; i++) {
                long t0 = System.nanoTime();
                step(model, opt, loss, batches.get(i % batches.size()));
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(ms);
            System.out.printf("step %d %.3f%n", t, ms[steps / 2]);
            System.out.flush();
        }
        if (epochThreads > 0) {
            Lectern.threads(epochThreads);
            Module model = lenet();
            SGD opt = new SGD(model.parameters(), LR, MOMENTUM);
            CrossEntropyLoss loss = new CrossEntropyLoss();
            DataLoader loader = new DataLoader(train, BATCH, true);
            long t0 = System.nanoTime();
            double lossSum = 0;
            int n = 0;
            for (Batch b : loader) {
                lossSum += step(model, opt, loss, b);
                n++;
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf("epoch %d %.3f%n", epochThreads, secs);
            System.err.printf("# Lectern epoch: %d batches, mean loss %.4f%n", n, lossSum / n);
        }
        System.out.println("rss " + peakRssKb());
    }

    static float step(Module model, SGD opt, CrossEntropyLoss loss, Batch b) {
        Tensor l = loss.forward(model.forward(b.x()), b.y());
        opt.zeroGrad();
        l.backward();
        opt.step();
        return l.item();
    }

    /** VmHWM from /proc/self/status, in kB (-1 where there is no /proc). */
    static long peakRssKb() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) return -1;
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
        return -1;
    }
}
