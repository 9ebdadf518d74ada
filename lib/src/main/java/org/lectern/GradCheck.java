package org.lectern;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Checks backward() against finite differences, as a student would by hand.
 *
 * <pre>{@code
 * var x = Tensor.randn(3, 4).requiresGrad(true);
 * var report = GradCheck.check(in -> in[0].tanh().sum(), x);
 * report.passed();            // true when every analytic gradient matches
 * System.out.println(report); // worst relative error per input
 * }</pre>
 *
 * <p>The function's output is projected on a fixed random direction r, L = Σ r·f(x), so every output
 * element is checked at once. Each partial derivative is a central difference (L(x+h) − L(x−h)) / 2h
 * with L summed in double precision; the function itself runs in float32 as it does in training.
 */
public final class GradCheck {
    /** Step for the central differences, relative to max(1, |x|). */
    public static final double DEFAULT_STEP = 1e-2;
    /** Worst tolerated |analytic − numeric| / max(|analytic|, |numeric|, 1). */
    public static final double DEFAULT_TOLERANCE = 1e-2;

    private GradCheck() {}

    /** One input's outcome: the worst error and where it happened. */
    public record InputReport(int input, int[] shape, double maxError, int worstIndex, double analytic, double numeric) {}

    /** The outcome of a check: per-input worst errors and whether all are within tolerance. */
    public record Report(List<InputReport> inputs, double tolerance) {
        public boolean passed() {
            return maxError() <= tolerance;
        }

        public double maxError() {
            return inputs.stream().mapToDouble(InputReport::maxError).max().orElse(0);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "GradCheck %s (tolerance %.0e)%n",
                    passed() ? "passed" : "FAILED", tolerance));
            for (InputReport r : inputs) {
                sb.append(String.format(Locale.ROOT, "  input %d %s: worst relative error %.2e at flat index %d"
                        + " (analytic %.6g, numeric %.6g)%n", r.input, Shapes.str(r.shape), r.maxError, r.worstIndex, r.analytic, r.numeric));
            }
            return sb.toString();
        }
    }

    public static Report check(Function<Tensor[], Tensor> f, Tensor... inputs) {
        return check(f, DEFAULT_STEP, DEFAULT_TOLERANCE, inputs);
    }

    /**
     * Compares the gradient of every input that requires grad with central differences.
     * Inputs are perturbed in place and restored, so pass tensors you own.
     */
    public static Report check(Function<Tensor[], Tensor> f, double step, double tolerance, Tensor... inputs) {
        Tensor[] xs = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            xs[i] = new Tensor(inputs[i].toArray(), inputs[i].shape()).requiresGrad(inputs[i].requiresGrad());
        }
        Tensor out = f.apply(xs);
        java.util.Random rng = new java.util.Random(1234);
        float[] r = new float[out.numel()];
        for (int i = 0; i < r.length; i++) r[i] = (float) (rng.nextDouble() * 2 - 1);
        Tensor direction = new Tensor(r, out.shape());
        if (!out.requiresGrad()) throw new IllegalArgumentException("GradCheck: the output does not depend on any input that requires grad");
        out.backward(direction);

        List<InputReport> reports = new ArrayList<>();
        for (int i = 0; i < xs.length; i++) {
            if (!xs[i].requiresGrad()) continue;
            float[] analytic = xs[i].grad() == null ? new float[xs[i].numel()] : xs[i].grad().toArray();
            float[] x = xs[i].data;
            double worst = 0, worstA = 0, worstN = 0;
            int worstAt = -1;
            for (int j = 0; j < x.length; j++) {
                float saved = x[j];
                double h = step * Math.max(1.0, Math.abs(saved));
                x[j] = (float) (saved + h);
                double hPlus = x[j] - saved; // the step actually taken in float32
                double up = project(f, xs, r);
                x[j] = (float) (saved - h);
                double hMinus = saved - x[j];
                double down = project(f, xs, r);
                x[j] = saved;
                double numeric = (up - down) / (hPlus + hMinus);
                double err = Math.abs(analytic[j] - numeric) / Math.max(1.0, Math.max(Math.abs(analytic[j]), Math.abs(numeric)));
                if (err > worst || worstAt < 0) {
                    worst = err;
                    worstAt = j;
                    worstA = analytic[j];
                    worstN = numeric;
                }
            }
            reports.add(new InputReport(i, xs[i].shape(), worst, worstAt, worstA, worstN));
        }
        return new Report(reports, tolerance);
    }

    private static double project(Function<Tensor[], Tensor> f, Tensor[] xs, float[] r) {
        try (var off = Lectern.noGrad()) {
            float[] y = f.apply(xs).toArray();
            double s = 0;
            for (int i = 0; i < y.length; i++) s += (double) r[i] * y[i];
            return s;
        }
    }
}
