package org.lectern.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.lectern.Lectern;
import org.lectern.Tensor;
import org.lectern.optim.SGD;

/**
 * The same seed gives the same training, bit for bit, however warm the JIT is: the first run of a
 * notebook (interpreted and partly compiled loops) and a rerun (compiled) must print the same numbers.
 * Each run below trains a small CNN from the same seed; the first runs cold, the later ones warm.
 */
class ReproducibilityTest {

    @Test
    void aSeededTrainingRunGivesTheSameWeightsColdAndWarm() {
        float[] first = train();
        for (int run = 0; run < 3; run++) assertArrayEquals(first, train(), "run " + (run + 2) + " of the same seeded training");
    }

    private static float[] train() {
        Lectern.seed(5);
        Module model = new Sequential(new Conv2d(1, 4, 3, 1, 1), new ReLU(), new MaxPool2d(2), new Flatten(),
                new Linear(4 * 6 * 6, 16), new Tanh(), new Linear(16, 5));
        SGD opt = new SGD(model.parameters(), 0.05f, 0.9f);
        CrossEntropyLoss loss = new CrossEntropyLoss();
        Tensor x = Tensor.randn(32, 1, 12, 12), y = Tensor.randint(0, 5, 32);
        for (int step = 0; step < 400; step++) {
            Tensor l = loss.forward(model.forward(x), y).add(F.mseLoss(model.forward(x).sigmoid(), Tensor.full(0.5f, 32, 5)));
            opt.zeroGrad();
            l.backward();
            opt.step();
        }
        float[] all = new float[0];
        for (Tensor p : model.parameters()) {
            float[] v = p.toArray(), grown = java.util.Arrays.copyOf(all, all.length + v.length);
            System.arraycopy(v, 0, grown, all.length, v.length);
            all = grown;
        }
        return all;
    }
}
