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
            case EXP: done = exp(p, a, aOff, out, outOff, n); break;
            case LOG: done = log(p, a, aOff, out, outOff, n); break;
            case SQRT: done = sqrt(p, a, aOff, out, outOff, n); break;
            case ABS: done = abs(p, a, aOff, out, outOff, n); break;
            case TANH: done = tanh(p, a, aOff, out, outOff, n); break;
            case RELU: done = relu(p, a, aOff, out, outOff, n); break;
            case CLAMP_MIN: done = clampMin(p, a, aOff, out, outOff, n); break;
            case CLAMP_MAX: done = clampMax(p, a, aOff, out, outOff, n); break;
            case ADD_SCALAR: done = addScalar(p, a, aOff, out, outOff, n); break;
            case MUL_SCALAR: done = mulScalar(p, a, aOff, out, outOff, n); break;
            case SIGMOID: done = sigmoid(a, aOff, out, outOff, n); break;
            case SQUARE: done = square(a, aOff, out, outOff, n); break;
            case RECIPROCAL: done = reciprocal(a, aOff, out, outOff, n); break;
            case LEAKY_RELU: done = leakyRelu(p, a, aOff, out, outOff, n); break;
            case POW_SCALAR:
                if (p == 2f) { done = square(a, aOff, out, outOff, n); break; }
                if (p == 1f) { System.arraycopy(a, aOff, out, outOff, n); return; }
                done = 0;
                break;
            default: done = 0; // GELU (needs erf), SIGN: plain loops
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

    private static int exp(float p, float[] a, int aOff, float[] out, int outOff, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector x = FloatVector.fromArray(S, a, aOff + i);
            x.lanewise(VectorOperators.EXP).intoArray(out, outOff + i);
        }
        return i;
    }

    private static int log(float p, float[] a, int aOff, float[] out, int outOff, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector x = FloatVector.fromArray(S, a, aOff + i);
            x.lanewise(VectorOperators.LOG).intoArray(out, outOff + i);
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

    private static int tanh(float p, float[] a, int aOff, float[] out, int outOff, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector x = FloatVector.fromArray(S, a, aOff + i);
            x.lanewise(VectorOperators.TANH).intoArray(out, outOff + i);
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

    private static int sigmoid(float[] a, int aOff, float[] out, int outOff, int n) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector x = FloatVector.fromArray(S, a, aOff + i);
            one.div(one.add(x.neg().lanewise(VectorOperators.EXP))).intoArray(out, outOff + i);
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
            acc = v0.add(v1).reduceLanes(VectorOperators.ADD);
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
