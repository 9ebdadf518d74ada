package org.lectern.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API twin of {@link ScalarFloatKernels}. Each loop handles whole vectors of the preferred species
 * and finishes the tail with the scalar definition, so results match the plain loops lane for lane
 * (sums may differ in the last bits: the vector sum adds in a different order).
 *
 * <p>Operators are passed as constants into small static loops so that C2 inlines them and emits the
 * SIMD instruction; a lanewise call with a non-constant operator would fall back to a slow path.
 */
final class VectorFloatKernels implements FloatKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    @Override
    public void binary(BinaryOp op, float[] a, int aOff, int aInc, float[] b, int bOff, int bInc,
                       float[] out, int outOff, int n) {
        if (n == 0) return; // the broadcast loads below read element 0
        switch (op) {
            case ADD: arith(VectorOperators.ADD, op, a, aOff, aInc, b, bOff, bInc, out, outOff, n); break;
            case SUB: arith(VectorOperators.SUB, op, a, aOff, aInc, b, bOff, bInc, out, outOff, n); break;
            case MUL: arith(VectorOperators.MUL, op, a, aOff, aInc, b, bOff, bInc, out, outOff, n); break;
            case DIV: arith(VectorOperators.DIV, op, a, aOff, aInc, b, bOff, bInc, out, outOff, n); break;
            case MAX: arith(VectorOperators.MAX, op, a, aOff, aInc, b, bOff, bInc, out, outOff, n); break;
            case MIN: arith(VectorOperators.MIN, op, a, aOff, aInc, b, bOff, bInc, out, outOff, n); break;
            case EQ: compare(VectorOperators.EQ, op, a, aOff, aInc, b, bOff, bInc, out, outOff, n); break;
            case NE: compare(VectorOperators.NE, op, a, aOff, aInc, b, bOff, bInc, out, outOff, n); break;
            case LT: compare(VectorOperators.LT, op, a, aOff, aInc, b, bOff, bInc, out, outOff, n); break;
            case LE: compare(VectorOperators.LE, op, a, aOff, aInc, b, bOff, bInc, out, outOff, n); break;
            case GT: compare(VectorOperators.GT, op, a, aOff, aInc, b, bOff, bInc, out, outOff, n); break;
            case GE: compare(VectorOperators.GE, op, a, aOff, aInc, b, bOff, bInc, out, outOff, n); break;
            default: // POW: no fast vector form worth having here
                for (int i = 0; i < n; i++) out[outOff + i] = op.apply(a[aOff + i * aInc], b[bOff + i * bInc]);
        }
    }

    private static FloatVector load(float[] x, int off, int inc, int i, FloatVector broadcast) {
        return inc == 0 ? broadcast : FloatVector.fromArray(S, x, off + i);
    }

    private static void arith(VectorOperators.Binary vop, BinaryOp op, float[] a, int aOff, int aInc,
                              float[] b, int bOff, int bInc, float[] out, int outOff, int n) {
        FloatVector ab = FloatVector.broadcast(S, a[aOff]);
        FloatVector bb = FloatVector.broadcast(S, b[bOff]);
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            load(a, aOff, aInc, i, ab).lanewise(vop, load(b, bOff, bInc, i, bb)).intoArray(out, outOff + i);
        }
        for (; i < n; i++) out[outOff + i] = op.apply(a[aOff + i * aInc], b[bOff + i * bInc]);
    }

    private static void compare(VectorOperators.Comparison cop, BinaryOp op, float[] a, int aOff, int aInc,
                                float[] b, int bOff, int bInc, float[] out, int outOff, int n) {
        FloatVector ab = FloatVector.broadcast(S, a[aOff]);
        FloatVector bb = FloatVector.broadcast(S, b[bOff]);
        FloatVector zero = FloatVector.zero(S), one = FloatVector.broadcast(S, 1f);
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            VectorMask<Float> m = load(a, aOff, aInc, i, ab).compare(cop, load(b, bOff, bInc, i, bb));
            zero.blend(one, m).intoArray(out, outOff + i);
        }
        for (; i < n; i++) out[outOff + i] = op.apply(a[aOff + i * aInc], b[bOff + i * bInc]);
    }

    @Override
    public void unary(UnaryOp op, float p, float[] a, int aOff, float[] out, int outOff, int n) {
        switch (op) {
            case NEG: lanewise(VectorOperators.NEG, op, p, a, aOff, out, outOff, n); break;
            case EXP: lanewise(VectorOperators.EXP, op, p, a, aOff, out, outOff, n); break;
            case LOG: lanewise(VectorOperators.LOG, op, p, a, aOff, out, outOff, n); break;
            case SQRT: lanewise(VectorOperators.SQRT, op, p, a, aOff, out, outOff, n); break;
            case ABS: lanewise(VectorOperators.ABS, op, p, a, aOff, out, outOff, n); break;
            case TANH: lanewise(VectorOperators.TANH, op, p, a, aOff, out, outOff, n); break;
            case SIGMOID: sigmoid(a, aOff, out, outOff, n); break;
            case RELU: withScalar(VectorOperators.MAX, op, 0f, a, aOff, out, outOff, n); break;
            case CLAMP_MIN: withScalar(VectorOperators.MAX, op, p, a, aOff, out, outOff, n); break;
            case CLAMP_MAX: withScalar(VectorOperators.MIN, op, p, a, aOff, out, outOff, n); break;
            case ADD_SCALAR: withScalar(VectorOperators.ADD, op, p, a, aOff, out, outOff, n); break;
            case MUL_SCALAR: withScalar(VectorOperators.MUL, op, p, a, aOff, out, outOff, n); break;
            case SQUARE: square(a, aOff, out, outOff, n); break;
            case RECIPROCAL: reciprocal(a, aOff, out, outOff, n); break;
            case LEAKY_RELU: leakyRelu(p, a, aOff, out, outOff, n); break;
            case POW_SCALAR:
                if (p == 2f) { square(a, aOff, out, outOff, n); break; }
                if (p == 1f) { System.arraycopy(a, aOff, out, outOff, n); break; }
                for (int i = 0; i < n; i++) out[outOff + i] = op.apply(a[aOff + i], p);
                break;
            default: // GELU (needs erf), SIGN: plain loops
                for (int i = 0; i < n; i++) out[outOff + i] = op.apply(a[aOff + i], p);
        }
    }

    private static void lanewise(VectorOperators.Unary vop, UnaryOp op, float p, float[] a, int aOff,
                                 float[] out, int outOff, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector.fromArray(S, a, aOff + i).lanewise(vop).intoArray(out, outOff + i);
        }
        for (; i < n; i++) out[outOff + i] = op.apply(a[aOff + i], p);
    }

    private static void withScalar(VectorOperators.Binary vop, UnaryOp op, float p, float[] a, int aOff,
                                   float[] out, int outOff, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector.fromArray(S, a, aOff + i).lanewise(vop, p).intoArray(out, outOff + i);
        }
        for (; i < n; i++) out[outOff + i] = op.apply(a[aOff + i], p);
    }

    private static void sigmoid(float[] a, int aOff, float[] out, int outOff, int n) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector x = FloatVector.fromArray(S, a, aOff + i);
            one.div(one.add(x.neg().lanewise(VectorOperators.EXP))).intoArray(out, outOff + i);
        }
        for (; i < n; i++) out[outOff + i] = UnaryOp.SIGMOID.apply(a[aOff + i], 0f);
    }

    private static void square(float[] a, int aOff, float[] out, int outOff, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector x = FloatVector.fromArray(S, a, aOff + i);
            x.mul(x).intoArray(out, outOff + i);
        }
        for (; i < n; i++) out[outOff + i] = a[aOff + i] * a[aOff + i];
    }

    private static void reciprocal(float[] a, int aOff, float[] out, int outOff, int n) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            one.div(FloatVector.fromArray(S, a, aOff + i)).intoArray(out, outOff + i);
        }
        for (; i < n; i++) out[outOff + i] = 1f / a[aOff + i];
    }

    private static void leakyRelu(float slope, float[] a, int aOff, float[] out, int outOff, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector x = FloatVector.fromArray(S, a, aOff + i);
            x.mul(slope).blend(x, x.compare(VectorOperators.GT, 0f)).intoArray(out, outOff + i);
        }
        for (; i < n; i++) out[outOff + i] = UnaryOp.LEAKY_RELU.apply(a[aOff + i], slope);
    }

    @Override
    public void where(float[] cond, int cOff, int cInc, float[] a, int aOff, int aInc, float[] b, int bOff, int bInc,
                      float[] out, int outOff, int n) {
        if (n == 0) return;
        FloatVector cb = FloatVector.broadcast(S, cond[cOff]);
        FloatVector ab = FloatVector.broadcast(S, a[aOff]);
        FloatVector bb = FloatVector.broadcast(S, b[bOff]);
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            VectorMask<Float> m = load(cond, cOff, cInc, i, cb).compare(VectorOperators.NE, 0f);
            load(b, bOff, bInc, i, bb).blend(load(a, aOff, aInc, i, ab), m).intoArray(out, outOff + i);
        }
        for (; i < n; i++) {
            out[outOff + i] = cond[cOff + i * cInc] != 0f ? a[aOff + i * aInc] : b[bOff + i * bInc];
        }
    }

    @Override
    public float reduce(ReduceOp op, float[] a, int off, int n) {
        switch (op) {
            case SUM: return fold(VectorOperators.ADD, op, a, off, n);
            case MAX: return hasNaN(a, off, n) ? Float.NaN : fold(VectorOperators.MAX, op, a, off, n);
            case MIN: return hasNaN(a, off, n) ? Float.NaN : fold(VectorOperators.MIN, op, a, off, n);
            default: throw new AssertionError(op);
        }
    }

    private static boolean hasNaN(float[] a, int off, int n) {
        for (int i = 0; i < n; i++) if (a[off + i] != a[off + i]) return true;
        return false;
    }

    private static float fold(VectorOperators.Associative vop, ReduceOp op, float[] a, int off, int n) {
        float acc = op.identity;
        int i = 0;
        if (n >= L) {
            FloatVector v = FloatVector.broadcast(S, op.identity);
            for (int end = S.loopBound(n); i < end; i += L) v = v.lanewise(vop, FloatVector.fromArray(S, a, off + i));
            acc = v.reduceLanes(vop);
        }
        for (; i < n; i++) acc = op.combine(acc, a[off + i]);
        return acc;
    }

    @Override
    public void reduceRows(ReduceOp op, float[] a, int off, int rows, int width, float[] out, int outOff) {
        java.util.Arrays.fill(out, outOff, outOff + width, op.identity);
        for (int r = 0; r < rows; r++) {
            int base = off + r * width;
            switch (op) { // constant operators per case, see the class comment
                case SUM: combineRow(VectorOperators.ADD, op, a, base, out, outOff, width); break;
                case MAX: combineRow(VectorOperators.MAX, op, a, base, out, outOff, width); break;
                default: combineRow(VectorOperators.MIN, op, a, base, out, outOff, width); break;
            }
        }
    }

    private static void combineRow(VectorOperators.Binary vop, ReduceOp op, float[] a, int base,
                                   float[] out, int outOff, int width) {
        int j = 0;
        for (int end = S.loopBound(width); j < end; j += L) {
            FloatVector.fromArray(S, out, outOff + j).lanewise(vop, FloatVector.fromArray(S, a, base + j))
                    .intoArray(out, outOff + j);
        }
        for (; j < width; j++) out[outOff + j] = op.combine(out[outOff + j], a[base + j]);
    }

    @Override
    public float dot(float[] x, int xOff, float[] y, int yOff, int n) {
        int i = 0;
        float s = 0f;
        if (n >= L) {
            FloatVector acc = FloatVector.zero(S);
            for (int end = S.loopBound(n); i < end; i += L) {
                acc = FloatVector.fromArray(S, x, xOff + i).fma(FloatVector.fromArray(S, y, yOff + i), acc);
            }
            s = acc.reduceLanes(VectorOperators.ADD);
        }
        for (; i < n; i++) s += x[xOff + i] * y[yOff + i];
        return s;
    }

    @Override
    public void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        FloatVector va = FloatVector.broadcast(S, alpha);
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector.fromArray(S, x, xOff + i).fma(va, FloatVector.fromArray(S, y, yOff + i)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) y[yOff + i] += alpha * x[xOff + i];
    }
}
