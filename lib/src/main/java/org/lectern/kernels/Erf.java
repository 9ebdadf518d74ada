package org.lectern.kernels;

/**
 * The error function, for the exact GELU that PyTorch uses by default. Java has no {@code Math.erf}.
 *
 * <p>Chebyshev fit of erfc (Numerical Recipes, "erfcc"): fractional error below 1.2e-7 everywhere, so
 * 1 + erf(x) = erfc(-x) stays accurate in the far negative tail too, where GELU is tiny.
 */
public final class Erf {
    private Erf() {}

    public static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1.0 / (1.0 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2.0 - r;
    }

    public static double erf(double x) {
        return 1.0 - erfc(x);
    }
}
