package org.lectern.kernels;

/**
 * Max pooling over planes of an [N·C, H, W] array, remembering where each maximum came from (an index
 * within its input plane) for the backward pass. A NaN in a window wins, as in PyTorch; on ties the first
 * element wins.
 *
 * <p>The common 2×2 window with stride 2 and no padding has its own loop: two input rows give one output
 * row, with no bounds to test. Any other window takes the general loop, whose window is clipped to the
 * image once per output position instead of testing every pixel.
 */
public final class MaxPool {
    private MaxPool() {}

    /** Rows of the 2×2 loop over vectors ({@code VectorMaxPool}); null without the Vector API. */
    interface Rows {
        /**
         * Output row at dst (ow outputs, inputs from rows top and top + w, r0 their index in the plane):
         * as many leading outputs as fit whole vectors, never storing at or past outEnd; returns how many.
         */
        int row(float[] x, int top, int r0, int w, int ow, float[] out, int dst, int outEnd, int[] argmax);
    }

    static final Rows VECTOR = Simd.load(Rows.class, "org.lectern.kernels.VectorMaxPool", null);

    /** Planes [from, to) of x (each h×w, starting at xOff) into out and argmax (each oh×ow per plane). */
    public static void forward(float[] x, int xOff, int from, int to, int h, int w, int kh, int kw, int sh, int sw,
                               int ph, int pw, int oh, int ow, float[] out, int[] argmax) {
        int inPlane = h * w, outPlane = oh * ow;
        boolean twoByTwo = kh == 2 && kw == 2 && sh == 2 && sw == 2 && ph == 0 && pw == 0;
        for (int pl = from; pl < to; pl++) {
            if (twoByTwo) {
                twoByTwo(VECTOR, x, xOff + pl * inPlane, w, oh, ow, out, argmax, pl * outPlane, to * outPlane);
            } else {
                general(x, xOff + pl * inPlane, h, w, kh, kw, sh, sw, ph, pw, oh, ow, out, argmax, pl * outPlane);
            }
        }
    }

    /** v replaces the best so far when larger, or when it is the first NaN. */
    private static boolean wins(float v, float best) {
        return v > best || (v != v && best == best);
    }

    /**
     * The 2×2 windows, in the order the ties are broken (first element wins, row by row): each row's pair
     * first, left winning ties, then the two rows' winners, the top one winning ties. A NaN wins a
     * comparison unless the incumbent is NaN too, so the first NaN is kept. Every comparison is a coin toss
     * on real data, so they are written as selects on values and small ints, which C2 compiles to
     * conditional moves: mispredicted branches made an earlier version of this loop ten times slower.
     */
    static void twoByTwo(Rows vector, float[] x, int in, int w, int oh, int ow, float[] out, int[] argmax, int o,
                         int outEnd) {
        for (int oy = 0; oy < oh; oy++) {
            int r0 = 2 * oy * w, top = in + r0, dst = o + oy * ow;
            int done = vector != null ? vector.row(x, top, r0, w, ow, out, dst, outEnd, argmax) : 0;
            for (int ox = done; ox < ow; ox++) {
                int i = top + 2 * ox;
                float a = x[i], b = x[i + 1], c = x[i + w], d = x[i + w + 1];
                boolean right0 = b > a | (b != b & a == a), right1 = d > c | (d != d & c == c);
                float u = right0 ? b : a, v = right1 ? d : c;
                boolean lower = v > u | (v != v & u == u);
                int at = lower ? (right1 ? w + 1 : w) : (right0 ? 1 : 0);
                out[dst + ox] = lower ? v : u;
                argmax[dst + ox] = r0 + 2 * ox + at;
            }
        }
    }

    static void general(float[] x, int in, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw,
                                int oh, int ow, float[] out, int[] argmax, int o) {
        for (int oy = 0; oy < oh; oy++) {
            int y0 = oy * sh - ph, i0 = Math.max(0, -y0), i1 = Math.min(kh, h - y0);
            for (int ox = 0; ox < ow; ox++) {
                int x0 = ox * sw - pw, j0 = Math.max(0, -x0), j1 = Math.min(kw, w - x0);
                int at = (y0 + i0) * w + x0 + j0; // every window holds at least one pixel (padding ≤ kernel/2)
                float best = x[in + at];
                for (int i = i0; i < i1; i++) {
                    int row = (y0 + i) * w + x0;
                    for (int j = j0; j < j1; j++) {
                        float v = x[in + row + j];
                        if (wins(v, best)) {
                            best = v;
                            at = row + j;
                        }
                    }
                }
                out[o + oy * ow + ox] = best;
                argmax[o + oy * ow + ox] = at;
            }
        }
    }

    /** dx[plane, argmax] += g for planes [from, to); dx must start at zero where it is written. */
    public static void backward(float[] g, int gOff, int[] argmax, int from, int to, int inPlane, int outPlane,
                                float[] dx) {
        for (int pl = from; pl < to; pl++) {
            int go = gOff + pl * outPlane, ao = pl * outPlane, xo = pl * inPlane;
            for (int j = 0; j < outPlane; j++) dx[xo + argmax[ao + j]] += g[go + j];
        }
    }
}
