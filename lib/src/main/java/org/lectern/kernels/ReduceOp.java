package org.lectern.kernels;

/** Reductions the kernels fold along a run of floats. */
public enum ReduceOp {
    SUM(0f), MAX(Float.NEGATIVE_INFINITY), MIN(Float.POSITIVE_INFINITY);

    /** The value of the reduction over nothing. */
    public final float identity;

    ReduceOp(float identity) {
        this.identity = identity;
    }

    public float combine(float acc, float x) {
        switch (this) {
            case SUM: return acc + x;
            case MAX: return Float.isNaN(x) || x > acc ? x : acc;
            case MIN: return Float.isNaN(x) || x < acc ? x : acc;
            default: throw new AssertionError(this);
        }
    }
}
