package org.lectern.kernels;

/** Elementwise functions of one operand; {@code p} is the op's parameter where it has one. */
public enum UnaryOp {
    NEG, EXP, LOG, SQRT, ABS, TANH, SIGMOID, RELU, LEAKY_RELU, GELU, SQUARE, RECIPROCAL, SIGN,
    /** x + p */ ADD_SCALAR,
    /** x * p */ MUL_SCALAR,
    /** x ^ p */ POW_SCALAR,
    /** min(max(x, lo), hi) is two ops: */ CLAMP_MIN, CLAMP_MAX;

    public float apply(float x, float p) {
        switch (this) {
            case NEG: return -x;
            case EXP: return (float) Math.exp(x);
            case LOG: return (float) Math.log(x);
            case SQRT: return (float) Math.sqrt(x);
            case ABS: return Math.abs(x);
            case TANH: return (float) Math.tanh(x);
            case SIGMOID: return (float) (1.0 / (1.0 + Math.exp(-x)));
            case RELU: return x > 0f ? x : 0f;
            case LEAKY_RELU: return x > 0f ? x : p * x;
            case GELU: return (float) (0.5 * x * Erf.erfc(-x / Math.sqrt(2.0))); // 1 + erf(z) = erfc(-z)
            case SQUARE: return x * x;
            case RECIPROCAL: return 1f / x;
            case SIGN: return Math.signum(x);
            case ADD_SCALAR: return x + p;
            case MUL_SCALAR: return x * p;
            case POW_SCALAR: return p == 2f ? x * x : (float) Math.pow(x, p);
            case CLAMP_MIN: return Float.isNaN(x) ? x : Math.max(x, p);
            case CLAMP_MAX: return Float.isNaN(x) ? x : Math.min(x, p);
            default: throw new AssertionError(this);
        }
    }
}
