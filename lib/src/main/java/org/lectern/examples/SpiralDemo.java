package org.lectern.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lectern.Lectern;
import org.lectern.Tensor;

/**
 * A two-layer network learns to separate three interleaved spirals (the classic CS231n toy problem),
 * written with nothing but tensors and autograd: forward, loss, backward, and a hand-written SGD step.
 * Run it with {@code java --add-modules jdk.incubator.vector -cp lib/target/classes org.lectern.examples.SpiralDemo}.
 */
public final class SpiralDemo {
    private SpiralDemo() {}

    public static void main(String[] args) {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        Lectern.seed(0);
        int perClass = 100, classes = 3, hidden = 64;
        Tensor[] data = spirals(perClass, classes);
        Tensor x = data[0], y = data[1];

        Tensor w1 = Tensor.randn(2, hidden).mul((float) Math.sqrt(2.0 / 2)).requiresGrad(true);
        Tensor b1 = Tensor.zeros(hidden).requiresGrad(true);
        Tensor w2 = Tensor.randn(hidden, classes).mul((float) Math.sqrt(2.0 / hidden)).requiresGrad(true);
        Tensor b2 = Tensor.zeros(classes).requiresGrad(true);
        List<Tensor> params = List.of(w1, b1, w2, b2);
        Tensor targets = Tensor.oneHot(y, classes);

        System.out.println("Lectern " + Lectern.simd() + ", " + Lectern.threads() + " threads");
        float lr = 0.5f;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            Tensor logits = x.matmul(w1).add(b1).relu().matmul(w2).add(b2);
            // cross-entropy: −Σ one_hot · log_softmax, averaged over the batch
            Tensor loss = logits.logSoftmax(1).mul(targets).sum(1).mean().neg();
            for (Tensor p : params) p.zeroGrad();
            loss.backward();
            List<Tensor> next = new ArrayList<>();
            try (var scope = Lectern.noGrad()) {
                for (Tensor p : params) next.add(p.sub(p.grad().mul(lr)));
            }
            w1 = next.get(0).requiresGrad(true);
            b1 = next.get(1).requiresGrad(true);
            w2 = next.get(2).requiresGrad(true);
            b2 = next.get(3).requiresGrad(true);
            params = List.of(w1, b1, w2, b2);
            if (epoch == 1 || epoch % 50 == 0 || epoch == epochs) {
                float acc = logits.argmax(1).eq(y).mean().item();
                System.out.printf(Locale.ROOT, "epoch %4d  loss %.4f  accuracy %.1f%%%n", epoch, loss.item(), 100 * acc);
            }
        }
    }

    /** perClass points on each of `classes` noisy spiral arms: inputs [N, 2] and labels [N]. */
    static Tensor[] spirals(int perClass, int classes) {
        int n = perClass * classes;
        float[] xs = new float[n * 2], ys = new float[n];
        Tensor noise = Tensor.randn(n).mul(0.2f);
        float[] eps = noise.toArray();
        for (int c = 0; c < classes; c++) {
            for (int i = 0; i < perClass; i++) {
                int k = c * perClass + i;
                double r = (double) i / perClass;
                double t = c * 4 + 4 * r + eps[k];
                xs[2 * k] = (float) (r * Math.sin(t));
                xs[2 * k + 1] = (float) (r * Math.cos(t));
                ys[k] = c;
            }
        }
        return new Tensor[] {Tensor.fromArray(xs, n, 2), Tensor.fromArray(ys, n)};
    }
}
