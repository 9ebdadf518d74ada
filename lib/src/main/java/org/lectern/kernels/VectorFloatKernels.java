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
        int done;
        switch (op) {
            case ADD: done = add(a, aOff, aInc, b, bOff, bInc, out, outOff, n); break;
            case SUB: done = sub(a, aOff, aInc, b, bOff, bInc, out, outOff, n); break;
            case MUL: done = mul(a, aOff, aInc, b, bOff, bInc, out, outOff, n); break;
            case DIV: done = div(a, aOff, aInc, b, bOff, bInc, out, outOff, n); break;
            case MAX: done = max(a, aOff, aInc, b, bOff, bInc, out, outOff, n); break;
            case MIN: done = min(a, aOff, aInc, b, bOff, bInc, out, outOff, n); break;
            case EQ: done = compareEq(a, aOff, aInc, b, bOff, bInc, out, outOff, n); break;
            case NE: done = compareNe(a, aOff, aInc, b, bOff, bInc, out, outOff, n); break;
            case LT: done = compareLt(a, aOff, aInc, b, bOff, bInc, out, outOff, n); break;
            case LE: done = compareLe(a, aOff, aInc, b, bOff, bInc, out, outOff, n); break;
            case GT: done = compareGt(a, aOff, aInc, b, bOff, bInc, out, outOff, n); break;
            case GE: done = compareGe(a, aOff, aInc, b, bOff, bInc, out, outOff, n); break;
            default: done = 0; // POW: no fast vector form worth having here
        }
        for (int i = done; i < n; i++) out[outOff + i] = op.apply(a[aOff + i * aInc], b[bOff + i * bInc]);
    }

    // One small loop per operator, each calling the operator by name: C2 turns these into SIMD
    // instructions only when the operator is a compile-time constant at the call (see the class comment).
    // Each returns how many elements it did; the caller finishes the tail with the scalar definition.

    private static int add(float[] a, int aOff, int aInc, float[] b, int bOff, int bInc, float[] out, int outOff, int n) {
        FloatVector ab = FloatVector.broadcast(S, a[aOff]), bb = FloatVector.broadcast(S, b[bOff]);
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector x = aInc == 0 ? ab : FloatVector.fromArray(S, a, aOff + i);
            FloatVector y = bInc == 0 ? bb : FloatVector.fromArray(S, b, bOff + i);
            x.add(y).intoArray(out, outOff + i);
        }
        return i;
    }

    private static int sub(float[] a, int aOff, int aInc, float[] b, int bOff, int bInc, float[] out, int outOff, int n) {
        FloatVector ab = FloatVector.broadcast(S, a[aOff]), bb = FloatVector.broadcast(S, b[bOff]);
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector x = aInc == 0 ? ab : FloatVector.fromArray(S, a, aOff + i);
            FloatVector y = bInc == 0 ? bb : FloatVector.fromArray(S, b, bOff + i);
            x.sub(y).intoArray(out, outOff + i);
        }
        return i;
    }

    private static int mul(float[] a, int aOff, int aInc, float[] b, int bOff, int bInc, float[] out, int outOff, int n) {
        FloatVector ab = FloatVector.broadcast(S, a[aOff]), bb = FloatVector.broadcast(S, b[bOff]);
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector x = aInc == 0 ? ab : FloatVector.fromArray(S, a, aOff + i);
            FloatVector y = bInc == 0 ? bb : FloatVector.fromArray(S, b, bOff + i);
            x.mul(y).intoArray(out, outOff + i);
        }
        return i;
    }

    private static int div(float[] a, int aOff, int aInc, float[] b, int bOff, int bInc, float[] out, int outOff, int n) {
        FloatVector ab = FloatVector.broadcast(S, a[aOff]), bb = FloatVector.broadcast(S, b[bOff]);
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector x = aInc == 0 ? ab : FloatVector.fromArray(S, a, aOff + i);
            FloatVector y = bInc == 0 ? bb : FloatVector.fromArray(S, b, bOff + i);
            x.div(y).intoArray(out, outOff + i);
        }
        return i;
    }

    private static int max(float[] a, int aOff, int aInc, float[] b, int bOff, int bInc, float[] out, int outOff, int n) {
        FloatVector ab = FloatVector.broadcast(S, a[aOff]), bb = FloatVector.broadcast(S, b[bOff]);
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector x = aInc == 0 ? ab : FloatVector.fromArray(S, a, aOff + i);
            FloatVector y = bInc == 0 ? bb : FloatVector.fromArray(S, b, bOff + i);
            x.max(y).intoArray(out, outOff + i);
        }
        return i;
    }

    private static int min(float[] a, int aOff, int aInc, float[] b, int bOff, int bInc, float[] out, int outOff, int n) {
        FloatVector ab = FloatVector.broadcast(S, a[aOff]), bb = FloatVector.broadcast(S, b[bOff]);
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector x = aInc == 0 ? ab : FloatVector.fromArray(S, a, aOff + i);
            FloatVector y = bInc == 0 ? bb : FloatVector.fromArray(S, b, bOff + i);
            x.min(y).intoArray(out, outOff + i);
        }
        return i;
    }

    private static int compareEq(float[] a, int aOff, int aInc, float[] b, int bOff, int bInc, float[] out, int outOff, int n) {
        FloatVector ab = FloatVector.broadcast(S, a[aOff]), bb = FloatVector.broadcast(S, b[bOff]);
        FloatVector zero = FloatVector.zero(S), one = FloatVector.broadcast(S, 1f);
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector x = aInc == 0 ? ab : FloatVector.fromArray(S, a, aOff + i);
            FloatVector y = bInc == 0 ? bb : FloatVector.fromArray(S, b, bOff + i);
            zero.blend(one, x.compare(VectorOperators.EQ, y)).intoArray(out, outOff + i);
        }
        return i;
    }

    private static int compareNe(float[] a, int aOff, int aInc, float[] b, int bOff, int bInc, float[] out, int outOff, int n) {
        FloatVector ab = FloatVector.broadcast(S, a[aOff]), bb = FloatVector.broadcast(S, b[bOff]);
        FloatVector zero = FloatVector.zero(S), one = FloatVector.broadcast(S, 1f);
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector x = aInc == 0 ? ab : FloatVector.fromArray(S, a, aOff + i);
            FloatVector y = bInc == 0 ? bb : FloatVector.fromArray(S, b, bOff + i);
            zero.blend(one, x.compare(VectorOperators.NE, y)).intoArray(out, outOff + i);
        }
        return i;
    }

    private static int compareLt(float[] a, int aOff, int aInc, float[] b, int bOff, int bInc, float[] out, int outOff, int n) {
        FloatVector ab = FloatVector.broadcast(S, a[aOff]), bb = FloatVector.broadcast(S, b[bOff]);
        FloatVector zero = FloatVector.zero(S), one = FloatVector.broadcast(S, 1f);
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector x = aInc == 0 ? ab : FloatVector.fromArray(S, a, aOff + i);
            FloatVector y = bInc == 0 ? bb : FloatVector.fromArray(S, b, bOff + i);
            zero.blend(one, x.compare(VectorOperators.LT, y)).intoArray(out, outOff + i);
        }
        return i;
    }

    private static int compareLe(float[] a, int aOff, int aInc, float[] b, int bOff, int bInc, float[] out, int outOff, int n) {
        FloatVector ab = FloatVector.broadcast(S, a[aOff]), bb = FloatVector.broadcast(S, b[bOff]);
        FloatVector zero = FloatVector.zero(S), one = FloatVector.broadcast(S, 1f);
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector x = aInc == 0 ? ab : FloatVector.fromArray(S, a, aOff + i);
            FloatVector y = bInc == 0 ? bb : FloatVector.fromArray(S, b, bOff + i);
            zero.blend(one, x.compare(VectorOperators.LE, y)).intoArray(out, outOff + i);
        }
        return i;
    }

    private static int compareGt(float[] a, int aOff, int aInc, float[] b, int bOff, int bInc, float[] out, int outOff, int n) {
        FloatVector ab = FloatVector.broadcast(S, a[aOff]), bb = FloatVector.broadcast(S, b[bOff]);
        FloatVector zero = FloatVector.zero(S), one = FloatVector.broadcast(S, 1f);
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector x = aInc == 0 ? ab : FloatVector.fromArray(S, a, aOff + i);
            FloatVector y = bInc == 0 ? bb : FloatVector.fromArray(S, b, bOff + i);
            zero.blend(one, x.compare(VectorOperators.GT, y)).intoArray(out, outOff + i);
        }
        return i;
    }

    private static int compareGe(float[] a, int aOff, int aInc, float[] b, int bOff, int bInc, float[] out, int outOff, int n) {
        FloatVector ab = FloatVector.broadcast(S, a[aOff]), bb = FloatVector.broadcast(S, b[bOff]);
        FloatVector zero = FloatVector.zero(S), one = FloatVector.broadcast(S, 1f);
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector x = aInc == 0 ? ab : FloatVector.fromArray(S, a, aOff + i);
            FloatVector y = bInc == 0 ? bb : FloatVector.fromArray(S, b, bOff + i);
            zero.blend(one, x.compare(VectorOperators.GE, y)).intoArray(out, outOff + i);
        }
        return i;
    }

    @Override
    public void unary(UnaryOp op, float p, float[] a, int aOff, float[] out, int outOff, int n) {
        int done;
        switch (op) {
            case NEG: done = neg(p, a, aOff, out, outOff, n); break;
            case SQRT: done = sqrt(p, a, aOff, out, outOff, n); break;
            case ABS: done = abs(p, a, aOff, out, outOff, n); break;
            case RELU: done = relu(p, a, aOff, out, outOff, n); break;
            case CLAMP_MIN: done = clampMin(p, a, aOff, out, outOff, n); break;
            case CLAMP_MAX: done = clampMax(p, a, aOff, out, outOff, n); break;
            case ADD_SCALAR: done = addScalar(p, a, aOff, out, outOff, n); break;
            case MUL_SCALAR: done = mulScalar(p, a, aOff, out, outOff, n); break;
            case SQUARE: done = square(a, aOff, out, outOff, n); break;
            case RECIPROCAL: done = reciprocal(a, aOff, out, outOff, n); break;
            case LEAKY_RELU: done = leakyRelu(p, a, aOff, out, outOff, n); break;
            case POW_SCALAR:
                if (p == 2f) { done = square(a, aOff, out, outOff, n); break; }
                if (p == 1f) { System.arraycopy(a, aOff, out, outOff, n); return; }
                done = 0;
                break;
            // EXP, LOG, TANH, SIGMOID: plain loops over Math. The Vector API computes them with the JIT's
            // vector math stubs once a loop is compiled and with Math before, and the two differ in the last
            // bit: a seeded training run gave other numbers depending on when the JIT got to it (the loss
            // after 300 LeNet steps differed in the third digit). Math gives the same bits in every tier.
            // GELU (needs erf), SIGN: plain loops too.
            default: done = 0;
        }
        for (int i = done; i < n; i++) out[outOff + i] = op.apply(a[aOff + i], p);
    }

    private static int neg(float p, float[] a, int aOff, float[] out, int outOff, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector x = FloatVector.fromArray(S, a, aOff + i);
            x.neg().intoArray(out, outOff + i);
        }
        return i;
    }

    private static int sqrt(float p, float[] a, int aOff, float[] out, int outOff, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector x = FloatVector.fromArray(S, a, aOff + i);
            x.sqrt().intoArray(out, outOff + i);
        }
        return i;
    }

    private static int abs(float p, float[] a, int aOff, float[] out, int outOff, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector x = FloatVector.fromArray(S, a, aOff + i);
            x.abs().intoArray(out, outOff + i);
        }
        return i;
    }

    private static int relu(float p, float[] a, int aOff, float[] out, int outOff, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector x = FloatVector.fromArray(S, a, aOff + i);
            x.max(0f).intoArray(out, outOff + i);
        }
        return i;
    }

    private static int clampMin(float p, float[] a, int aOff, float[] out, int outOff, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector x = FloatVector.fromArray(S, a, aOff + i);
            x.max(p).intoArray(out, outOff + i);
        }
        return i;
    }

    private static int clampMax(float p, float[] a, int aOff, float[] out, int outOff, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector x = FloatVector.fromArray(S, a, aOff + i);
            x.min(p).intoArray(out, outOff + i);
        }
        return i;
    }

    private static int addScalar(float p, float[] a, int aOff, float[] out, int outOff, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector x = FloatVector.fromArray(S, a, aOff + i);
            x.add(p).intoArray(out, outOff + i);
        }
        return i;
    }

    private static int mulScalar(float p, float[] a, int aOff, float[] out, int outOff, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector x = FloatVector.fromArray(S, a, aOff + i);
            x.mul(p).intoArray(out, outOff + i);
        }
        return i;
    }

    private static int square(float[] a, int aOff, float[] out, int outOff, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector x = FloatVector.fromArray(S, a, aOff + i);
            x.mul(x).intoArray(out, outOff + i);
        }
        return i;
    }

    private static int reciprocal(float[] a, int aOff, float[] out, int outOff, int n) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            one.div(FloatVector.fromArray(S, a, aOff + i)).intoArray(out, outOff + i);
        }
        return i;
    }

    private static int leakyRelu(float slope, float[] a, int aOff, float[] out, int outOff, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector x = FloatVector.fromArray(S, a, aOff + i);
            x.mul(slope).blend(x, x.compare(VectorOperators.GT, 0f)).intoArray(out, outOff + i);
        }
        return i;
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
            FloatVector c = cInc == 0 ? cb : FloatVector.fromArray(S, cond, cOff + i);
            FloatVector x = aInc == 0 ? ab : FloatVector.fromArray(S, a, aOff + i);
            FloatVector y = bInc == 0 ? bb : FloatVector.fromArray(S, b, bOff + i);
            VectorMask<Float> m = c.compare(VectorOperators.NE, 0f);
            y.blend(x, m).intoArray(out, outOff + i);
        }
        for (; i < n; i++) {
            out[outOff + i] = cond[cOff + i * cInc] != 0f ? a[aOff + i * aInc] : b[bOff + i * bInc];
        }
    }

    @Override
    public float reduce(ReduceOp op, float[] a, int off, int n) {
        switch (op) {
            case SUM: return sum(a, off, n);
            case MAX: return max(a, off, n); // Math.max semantics in the lanes: NaN wins, as in the scalar twin
            case MIN: return min(a, off, n);
            default: throw new AssertionError(op);
        }
    }

    private static float sum(float[] a, int off, int n) {
        int i = 0;
        float acc = 0f;
        if (n >= 2 * L) { // two accumulators hide the latency of the adds
            FloatVector v0 = FloatVector.zero(S), v1 = FloatVector.zero(S);
            for (int end = n - 2 * L; i <= end; i += 2 * L) {
                v0 = v0.add(FloatVector.fromArray(S, a, off + i));
                v1 = v1.add(FloatVector.fromArray(S, a, off + i + L));
            }
            float[] lanes = new float[L];
            v0.add(v1).intoArray(lanes, 0);
            acc = sumLanes(lanes, 0);
        }
        for (; i < n; i++) acc += a[off + i];
        return acc;
    }

    private static float max(float[] a, int off, int n) {
        int i = 0;
        float acc = Float.NEGATIVE_INFINITY;
        if (n >= L) {
            FloatVector v = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
            for (int end = S.loopBound(n); i < end; i += L) v = v.max(FloatVector.fromArray(S, a, off + i));
            acc = v.reduceLanes(VectorOperators.MAX);
        }
        for (; i < n; i++) acc = ReduceOp.MAX.combine(acc, a[off + i]);
        return acc;
    }

    private static float min(float[] a, int off, int n) {
        int i = 0;
        float acc = Float.POSITIVE_INFINITY;
        if (n >= L) {
            FloatVector v = FloatVector.broadcast(S, Float.POSITIVE_INFINITY);
            for (int end = S.loopBound(n); i < end; i += L) v = v.min(FloatVector.fromArray(S, a, off + i));
            acc = v.reduceLanes(VectorOperators.MIN);
        }
        for (; i < n; i++) acc = ReduceOp.MIN.combine(acc, a[off + i]);
        return acc;
    }

    /**
     * The L lanes from off, added in lane order. Sums of vector lanes go through this instead of
     * reduceLanes(ADD), whose order is left to the JIT: newer JDKs (25 here) add the lanes as a tree once
     * the loop is compiled and in order before, so the same seeded training gave other weights in the last
     * bit depending on when the JIT got to it (ReproducibilityTest). MAX and MIN do not depend on order.
     */
    private static float sumLanes(float[] lanes, int off) {
        float s = 0f;
        for (int i = 0; i < L; i++) s += lanes[off + i];
        return s;
    }

    @Override
    public void reduceRows(ReduceOp op, float[] a, int off, int rows, int width, float[] out, int outOff) {
        System.arraycopy(a, off, out, outOff, Math.min(width, rows > 0 ? width : 0));
        if (rows == 0) java.util.Arrays.fill(out, outOff, outOff + width, op.identity);
        for (int r = 1; r < rows; r++) {
            int base = off + r * width, j;
            switch (op) {
                case SUM: j = addRow(a, base, out, outOff, width); break;
                case MAX: j = maxRow(a, base, out, outOff, width); break;
                default: j = minRow(a, base, out, outOff, width); break;
            }
            for (; j < width; j++) out[outOff + j] = op.combine(out[outOff + j], a[base + j]);
        }
    }

    private static int addRow(float[] a, int base, float[] out, int outOff, int width) {
        int j = 0;
        for (int end = S.loopBound(width); j < end; j += L) {
            FloatVector.fromArray(S, out, outOff + j).add(FloatVector.fromArray(S, a, base + j)).intoArray(out, outOff + j);
        }
        return j;
    }

    private static int maxRow(float[] a, int base, float[] out, int outOff, int width) {
        int j = 0;
        for (int end = S.loopBound(width); j < end; j += L) {
            FloatVector.fromArray(S, out, outOff + j).max(FloatVector.fromArray(S, a, base + j)).intoArray(out, outOff + j);
        }
        return j;
    }

    private static int minRow(float[] a, int base, float[] out, int outOff, int width) {
        int j = 0;
        for (int end = S.loopBound(width); j < end; j += L) {
            FloatVector.fromArray(S, out, outOff + j).min(FloatVector.fromArray(S, a, base + j)).intoArray(out, outOff + j);
        }
        return j;
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
            float[] lanes = new float[L];
            acc.intoArray(lanes, 0);
            s = sumLanes(lanes, 0);
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

    /**
     * Tiles of 2 rows of A × 4 rows of B: eight vector accumulators along the depth, so each step does 8
     * fused multiply-adds for 6 loads and the 8 independent chains hide the FMA latency; each accumulator
     * is reduced across its lanes once, at the end. Edges take 2×1 and 1×1 tiles.
     */
    @Override
    public void dotRows(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                        float[] c, int cOff, int ldc, boolean add) {
        int i = 0;
        for (; i + 2 <= m; i += 2) {
            int j = 0, ai = aOff + i * lda, ci = cOff + i * ldc;
            for (; j + 4 <= n; j += 4) {
                int bj = bOff + j * ldb;
                dot2x4(k, a, ai, lda, b, bj, bj + ldb, bj + 2 * ldb, bj + 3 * ldb, c, ci + j, ldc, add);
            }
            for (; j < n; j++) dot2x1(k, a, ai, lda, b, bOff + j * ldb, c, ci + j, ldc, add);
        }
        for (; i < m; i++) {
            for (int j = 0; j < n; j++) dot1(k, a, aOff + i * lda, b, bOff + j * ldb, c, cOff + i * ldc + j, add);
        }
    }

    /**
     * As {@link #dotRows}, in tiles of 4 rows of A × 4 rows of B where they fit: 16 accumulators for 8 loads
     * per step, where the 2×4 tile's 8 for 6 leaves the loads the limit (one 512-bit load per cycle here).
     */
    @Override
    public void dotRowsAt(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int[] bRows,
                          float[] c, int cOff, int ldc, boolean add) {
        int i = 0;
        if (L >= 16) { // 16 accumulators + 8 loaded vectors need the 32 registers of AVX-512
            for (; i + 4 <= m; i += 4) {
                int j = 0, ai = aOff + i * lda, ci = cOff + i * ldc;
                for (; j + 4 <= n; j += 4) {
                    dot4x4(k, a, ai, lda, b, bRows[j], bRows[j + 1], bRows[j + 2], bRows[j + 3], c, ci + j, ldc, add);
                }
                for (; j < n; j++) {
                    dot2x1(k, a, ai, lda, b, bRows[j], c, ci + j, ldc, add);
                    dot2x1(k, a, ai + 2 * lda, lda, b, bRows[j], c, ci + 2 * ldc + j, ldc, add);
                }
            }
        }
        for (; i + 2 <= m; i += 2) {
            int j = 0, ai = aOff + i * lda, ci = cOff + i * ldc;
            for (; j + 4 <= n; j += 4) {
                dot2x4(k, a, ai, lda, b, bRows[j], bRows[j + 1], bRows[j + 2], bRows[j + 3], c, ci + j, ldc, add);
            }
            for (; j < n; j++) dot2x1(k, a, ai, lda, b, bRows[j], c, ci + j, ldc, add);
        }
        for (; i < m; i++) {
            for (int j = 0; j < n; j++) dot1(k, a, aOff + i * lda, b, bRows[j], c, cOff + i * ldc + j, add);
        }
    }

    private void dot1(int k, float[] a, int a0, float[] b, int b0, float[] c, int at, boolean add) {
        float s = dot(a, a0, b, b0, k);
        c[at] = add ? c[at] + s : s;
    }

    /** Rows a0 .. a0 + 3·lda of A against the rows of B at b0..b3. */
    private static void dot4x4(int k, float[] a, int a0, int lda, float[] b, int b0, int b1, int b2, int b3,
                               float[] c, int c0, int ldc, boolean add) {
        int a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda;
        FloatVector s00 = FloatVector.zero(S), s01 = s00, s02 = s00, s03 = s00, s10 = s00, s11 = s00, s12 = s00, s13 = s00;
        FloatVector s20 = s00, s21 = s00, s22 = s00, s23 = s00, s30 = s00, s31 = s00, s32 = s00, s33 = s00;
        int p = 0;
        for (int end = S.loopBound(k); p < end; p += L) {
            FloatVector y0 = FloatVector.fromArray(S, b, b0 + p), y1 = FloatVector.fromArray(S, b, b1 + p);
            FloatVector y2 = FloatVector.fromArray(S, b, b2 + p), y3 = FloatVector.fromArray(S, b, b3 + p);
            FloatVector x = FloatVector.fromArray(S, a, a0 + p);
            s00 = x.fma(y0, s00); s01 = x.fma(y1, s01); s02 = x.fma(y2, s02); s03 = x.fma(y3, s03);
            x = FloatVector.fromArray(S, a, a1 + p);
            s10 = x.fma(y0, s10); s11 = x.fma(y1, s11); s12 = x.fma(y2, s12); s13 = x.fma(y3, s13);
            x = FloatVector.fromArray(S, a, a2 + p);
            s20 = x.fma(y0, s20); s21 = x.fma(y1, s21); s22 = x.fma(y2, s22); s23 = x.fma(y3, s23);
            x = FloatVector.fromArray(S, a, a3 + p);
            s30 = x.fma(y0, s30); s31 = x.fma(y1, s31); s32 = x.fma(y2, s32); s33 = x.fma(y3, s33);
        }
        float[] lanes = new float[16 * L];
        s00.intoArray(lanes, 0); s01.intoArray(lanes, L); s02.intoArray(lanes, 2 * L); s03.intoArray(lanes, 3 * L);
        s10.intoArray(lanes, 4 * L); s11.intoArray(lanes, 5 * L); s12.intoArray(lanes, 6 * L); s13.intoArray(lanes, 7 * L);
        s20.intoArray(lanes, 8 * L); s21.intoArray(lanes, 9 * L); s22.intoArray(lanes, 10 * L); s23.intoArray(lanes, 11 * L);
        s30.intoArray(lanes, 12 * L); s31.intoArray(lanes, 13 * L); s32.intoArray(lanes, 14 * L); s33.intoArray(lanes, 15 * L);
        float[] r = new float[16];
        for (int q = 0; q < 16; q++) r[q] = sumLanes(lanes, q * L);
        int[] rowA = {a0, a1, a2, a3}, rowB = {b0, b1, b2, b3};
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                float v = r[i * 4 + j];
                for (int q = p; q < k; q++) v += a[rowA[i] + q] * b[rowB[j] + q];
                int at = c0 + i * ldc + j;
                c[at] = add ? c[at] + v : v;
            }
        }
    }

    /** Rows a0 and a0 + lda of A against the rows of B at b0..b3. */
    private static void dot2x4(int k, float[] a, int a0, int lda, float[] b, int b0, int b1, int b2, int b3,
                               float[] c, int c0, int ldc, boolean add) {
        int a1 = a0 + lda;
        FloatVector s00 = FloatVector.zero(S), s01 = s00, s02 = s00, s03 = s00, s10 = s00, s11 = s00, s12 = s00, s13 = s00;
        int p = 0;
        for (int end = S.loopBound(k); p < end; p += L) {
            FloatVector x0 = FloatVector.fromArray(S, a, a0 + p), x1 = FloatVector.fromArray(S, a, a1 + p);
            FloatVector y0 = FloatVector.fromArray(S, b, b0 + p), y1 = FloatVector.fromArray(S, b, b1 + p);
            FloatVector y2 = FloatVector.fromArray(S, b, b2 + p), y3 = FloatVector.fromArray(S, b, b3 + p);
            s00 = x0.fma(y0, s00); s01 = x0.fma(y1, s01); s02 = x0.fma(y2, s02); s03 = x0.fma(y3, s03);
            s10 = x1.fma(y0, s10); s11 = x1.fma(y1, s11); s12 = x1.fma(y2, s12); s13 = x1.fma(y3, s13);
        }
        float[] lanes = new float[8 * L];
        s00.intoArray(lanes, 0); s01.intoArray(lanes, L); s02.intoArray(lanes, 2 * L); s03.intoArray(lanes, 3 * L);
        s10.intoArray(lanes, 4 * L); s11.intoArray(lanes, 5 * L); s12.intoArray(lanes, 6 * L); s13.intoArray(lanes, 7 * L);
        float r00 = sumLanes(lanes, 0), r01 = sumLanes(lanes, L), r02 = sumLanes(lanes, 2 * L), r03 = sumLanes(lanes, 3 * L);
        float r10 = sumLanes(lanes, 4 * L), r11 = sumLanes(lanes, 5 * L), r12 = sumLanes(lanes, 6 * L), r13 = sumLanes(lanes, 7 * L);
        for (; p < k; p++) {
            float x0 = a[a0 + p], x1 = a[a1 + p];
            float y0 = b[b0 + p], y1 = b[b1 + p], y2 = b[b2 + p], y3 = b[b3 + p];
            r00 += x0 * y0; r01 += x0 * y1; r02 += x0 * y2; r03 += x0 * y3;
            r10 += x1 * y0; r11 += x1 * y1; r12 += x1 * y2; r13 += x1 * y3;
        }
        int c1 = c0 + ldc;
        if (add) {
            c[c0] += r00; c[c0 + 1] += r01; c[c0 + 2] += r02; c[c0 + 3] += r03;
            c[c1] += r10; c[c1 + 1] += r11; c[c1 + 2] += r12; c[c1 + 3] += r13;
        } else {
            c[c0] = r00; c[c0 + 1] = r01; c[c0 + 2] = r02; c[c0 + 3] = r03;
            c[c1] = r10; c[c1 + 1] = r11; c[c1 + 2] = r12; c[c1 + 3] = r13;
        }
    }

    private static void dot2x1(int k, float[] a, int a0, int lda, float[] b, int b0,
                               float[] c, int c0, int ldc, boolean add) {
        int a1 = a0 + lda;
        FloatVector s0 = FloatVector.zero(S), s1 = s0;
        int p = 0;
        for (int end = S.loopBound(k); p < end; p += L) {
            FloatVector y = FloatVector.fromArray(S, b, b0 + p);
            s0 = FloatVector.fromArray(S, a, a0 + p).fma(y, s0);
            s1 = FloatVector.fromArray(S, a, a1 + p).fma(y, s1);
        }
        float[] lanes = new float[2 * L];
        s0.intoArray(lanes, 0);
        s1.intoArray(lanes, L);
        float r0 = sumLanes(lanes, 0), r1 = sumLanes(lanes, L);
        for (; p < k; p++) {
            r0 += a[a0 + p] * b[b0 + p];
            r1 += a[a1 + p] * b[b0 + p];
        }
        c[c0] = add ? c[c0] + r0 : r0;
        c[c0 + ldc] = add ? c[c0 + ldc] + r1 : r1;
    }

    @Override
    public void reluBackward(float[] g, int gOff, float[] x, int xOff, float[] out, int outOff, int n) {
        FloatVector zero = FloatVector.zero(S);
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector xv = FloatVector.fromArray(S, x, xOff + i);
            zero.blend(FloatVector.fromArray(S, g, gOff + i), xv.compare(VectorOperators.GT, 0f)).intoArray(out, outOff + i);
        }
        for (; i < n; i++) out[outOff + i] = x[xOff + i] > 0f ? g[gOff + i] : 0f;
    }

    @Override
    public void copyRows(int rows, int width, float[] src, int srcOff, int ldSrc, float add, float[] dst, int dstOff) {
        FloatVector a = FloatVector.broadcast(S, add);
        int end = dstOff + rows * width;
        for (int r = 0; r < rows; r++) {
            int s = srcOff + r * ldSrc, d = dstOff + r * width, j = 0;
            // whole vectors while they end inside the block and inside src; the lanes past the row's end
            // land in the next rows, which are written after this one
            for (; j < width && d + j + L <= end && s + j + L <= src.length; j += L) {
                FloatVector.fromArray(S, src, s + j).add(a).intoArray(dst, d + j);
            }
            for (; j < width; j++) dst[d + j] = src[s + j] + add;
        }
    }

    @Override
    public void copyRowsRelu(int rows, int width, float[] src, int srcOff, int ldSrc, float add, float[] dst, int dstOff) {
        FloatVector a = FloatVector.broadcast(S, add);
        int end = dstOff + rows * width;
        for (int r = 0; r < rows; r++) { // as copyRows
            int s = srcOff + r * ldSrc, d = dstOff + r * width, j = 0;
            for (; j < width && d + j + L <= end && s + j + L <= src.length; j += L) {
                FloatVector.fromArray(S, src, s + j).add(a).max(0f).intoArray(dst, d + j);
            }
            for (; j < width; j++) dst[d + j] = Math.max(src[s + j] + add, 0f);
        }
    }
}
