package org.lectern.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API rows of the 2×2, stride-2 max pooling of {@link MaxPool}: L outputs at a time. Two vectors of
 * an input row are split into their even and odd columns (the left and right of each window) by a
 * two-vector rearrange, and then every comparison of the scalar loop becomes a lane mask and a blend, so
 * nothing depends on the data's branches. The winner's offset in its window (0, 1, w, w + 1) is blended
 * as the bits of float lanes and read back as int lanes for the argmax.
 */
final class VectorMaxPool implements MaxPool.Rows {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Lane j takes lane 2j (or 2j + 1) of its vector, modulo L: the first half of the lanes from the
     * first vector, the second half from the second, put together by a blend. One-vector rearranges with
     * constant shuffles, since JDK 17 does not compile the two-vector form to single instructions. */
    private static final VectorShuffle<Float> EVEN = VectorShuffle.fromOp(S, i -> (2 * i) & (L - 1));
    private static final VectorShuffle<Float> ODD = VectorShuffle.fromOp(S, i -> (2 * i + 1) & (L - 1));
    private static final VectorMask<Float> SECOND_HALF = VectorMask.fromLong(S, -1L << (L / 2));
    /** 2·j in lane j: a window's first column, relative to the chunk. */
    private static final IntVector TWICE_LANE = IntVector.zero(IntVector.SPECIES_PREFERRED).addIndex(2);
    /** Float lanes holding the bits of the ints 0, 1 (a blend only moves bits, so they survive as ints). */
    private static final FloatVector BITS_0 = FloatVector.zero(S), BITS_1 = FloatVector.broadcast(S, Float.intBitsToFloat(1));

    @Override
    public int row(float[] x, int top, int r0, int w, int ow, float[] out, int dst, int outEnd, int[] argmax) {
        FloatVector bitsW = FloatVector.broadcast(S, Float.intBitsToFloat(w)), bitsW1 = FloatVector.broadcast(S, Float.intBitsToFloat(w + 1));
        int ox = 0;
        // whole vectors only where every load stays inside x and the store inside this task's outputs;
        // lanes past ow spill into the next output row, which is written after this one
        for (; ox < ow && top + 2 * ox + w + 2 * L <= x.length && dst + ox + L <= outEnd; ox += L) {
            int i = top + 2 * ox;
            FloatVector t0 = FloatVector.fromArray(S, x, i), t1 = FloatVector.fromArray(S, x, i + L);
            FloatVector b0 = FloatVector.fromArray(S, x, i + w), b1 = FloatVector.fromArray(S, x, i + w + L);
            FloatVector a = t0.rearrange(EVEN).blend(t1.rearrange(EVEN), SECOND_HALF);
            FloatVector b = t0.rearrange(ODD).blend(t1.rearrange(ODD), SECOND_HALF);
            FloatVector c = b0.rearrange(EVEN).blend(b1.rearrange(EVEN), SECOND_HALF);
            FloatVector d = b0.rearrange(ODD).blend(b1.rearrange(ODD), SECOND_HALF);
            VectorMask<Float> right0 = wins(b, a), right1 = wins(d, c);
            FloatVector u = a.blend(b, right0), v = c.blend(d, right1);
            VectorMask<Float> lower = wins(v, u);
            u.blend(v, lower).intoArray(out, dst + ox);
            FloatVector at = BITS_0.blend(BITS_1, right0).blend(bitsW.blend(bitsW1, right1), lower);
            ((IntVector) at.reinterpretAsInts()).add(TWICE_LANE).add(r0 + 2 * ox).intoArray(argmax, dst + ox);
        }
        return Math.min(ox, ow);
    }

    /** Lanes where v replaces the best so far: larger, or the first NaN. */
    private static VectorMask<Float> wins(FloatVector v, FloatVector best) {
        // x != x is the NaN test (compare compiles to one instruction; test(IS_NAN) did not, on JDK 17)
        return v.compare(VectorOperators.GT, best)
                .or(v.compare(VectorOperators.NE, v).and(best.compare(VectorOperators.EQ, best)));
    }
}
