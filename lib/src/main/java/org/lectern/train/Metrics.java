package org.lectern.train;

import org.lectern.Lectern;
import org.lectern.Tensor;

/** Classification metrics from logits [N, C] and class indices [N]. */
public final class Metrics {
    private Metrics() {}

    /** {correct, counted}; {0, 0} when the output is not [N, C] logits with [N] class indices. */
    static long[] correct(Tensor logits, Tensor labels) {
        if (logits.dim() != 2 || labels.dim() != 1 || labels.size(0) != logits.size(0)) return new long[] {0, 0};
        try (var off = Lectern.noGrad()) {
            return new long[] {(long) logits.argmax(1).eq(labels).sum().item(), labels.size(0)};
        }
    }

    /** Fraction of rows whose largest logit is at the label. */
    public static float accuracy(Tensor logits, Tensor labels) {
        long[] c = correct(logits, labels);
        if (c[1] == 0) {
            throw new IllegalArgumentException("accuracy: expected logits [N, C] and labels [N], got shapes "
                    + java.util.Arrays.toString(logits.shape()) + " and " + java.util.Arrays.toString(labels.shape()));
        }
        return (float) c[0] / c[1];
    }

    /** Counts [C, C]: row = true class, column = predicted class. */
    public static Tensor confusionMatrix(Tensor predicted, Tensor labels, int classes) {
        float[] p = predicted.toArray(), y = labels.toArray();
        if (p.length != y.length) {
            throw new IllegalArgumentException("confusionMatrix: " + p.length + " predictions but " + y.length + " labels");
        }
        float[] m = new float[classes * classes];
        for (int i = 0; i < p.length; i++) {
            int t = (int) y[i], q = (int) p[i];
            if (t < 0 || t >= classes || q < 0 || q >= classes) {
                throw new IllegalArgumentException("confusionMatrix: class " + (t < 0 || t >= classes ? t : q) + " at position " + i + " is not in 0.." + (classes - 1));
            }
            m[t * classes + q]++;
        }
        return Tensor.fromArray(m, classes, classes);
    }
}
