package org.lectern.kernels;

/** Elementwise operations of two operands. Comparisons produce 1 (true) or 0 (false). */
public enum BinaryOp {
    ADD, SUB, MUL, DIV, MAX, MIN, POW, EQ, NE, LT, LE, GT, GE;

    /** The scalar definition: the plain-Java kernels use it, and it documents the vector ones. */
    public float apply(float x, float y) {
        switch (this) {
            case ADD: return x + y;
            case SUB: return x - y;
            case MUL: return x * y;
            case DIV: return x / y;
            case MAX: return Float.isNaN(x) || Float.isNaN(y) ? Float.NaN : Math.max(x, y);
            case MIN: return Float.isNaN(x) || Float.isNaN(y) ? Float.NaN : Math.min(x, y);
            case POW: return (float) Math.pow(x, y);
            case EQ: return x == y ? 1f : 0f;
            case NE: return x != y ? 1f : 0f;
            case LT: return x < y ? 1f : 0f;
            case LE: return x <= y ? 1f : 0f;
            case GT: return x > y ? 1f : 0f;
            case GE: return x >= y ? 1f : 0f;
            default: throw new AssertionError(this);
        }
    }
}
