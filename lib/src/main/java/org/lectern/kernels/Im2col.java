package org.lectern.kernels;

/**
 * Unrolls the receptive fields of one C×H×W image into a matrix, and folds such a matrix back.
 * <ul>
 *   <li>{@link #im2col}: [C·KH·KW, OH·OW]. Row r = (c, ki, kj) holds, for every output position, the input
 *       pixel under kernel tap (ki, kj) of channel c; taps that fall in the padding read 0. The rows may be
 *       longer than OH·OW (ldCols), so that several images can sit side by side in one matrix.</li>
 *   <li>{@link #col2im}: the adjoint of im2col, adding each entry to the pixel it came from.</li>
 * </ul>
 * For each output row and tap, the output columns whose pixel lies inside the image form one range
 * [lo, hi) (worked out by {@link #firstInside} / {@link #endInside}), so the loops have no per-pixel test:
 * zeros before and after, and with stride 1 one contiguous copy or add in between.
 */
public final class Im2col {
    private Im2col() {}

    /** First output column ox ≥ 0 whose input column ix0 + ox·sw is ≥ 0 (≤ ow). */
    static int firstInside(int ix0, int sw, int ow) {
        return ix0 >= 0 ? 0 : Math.min(ow, (-ix0 + sw - 1) / sw);
    }

    /** One past the last output column whose input column ix0 + ox·sw is < w (≥ 0). */
    static int endInside(int ix0, int sw, int w, int ow) {
        if (ix0 >= w) return 0;
        return Math.min(ow, (w - 1 - ix0) / sw + 1);
    }

    public static void im2col(float[] x, int xOff, int c, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw,
                              int dh, int dw, int oh, int ow, float[] cols, int colsOff, int ldCols) {
        for (int ch = 0; ch < c; ch++) {
            for (int ki = 0; ki < kh; ki++) {
                for (int kj = 0; kj < kw; kj++) {
                    int row = colsOff + ((ch * kh + ki) * kw + kj) * ldCols;
                    int ix0 = -pw + kj * dw;
                    int lo = firstInside(ix0, sw, ow), hi = Math.max(lo, endInside(ix0, sw, w, ow));
                    for (int oy = 0; oy < oh; oy++) {
                        int iy = oy * sh - ph + ki * dh;
                        int dst = row + oy * ow;
                        if (iy < 0 || iy >= h) {
                            java.util.Arrays.fill(cols, dst, dst + ow, 0f);
                            continue;
                        }
                        int src = xOff + (ch * h + iy) * w + ix0;
                        for (int ox = 0; ox < lo; ox++) cols[dst + ox] = 0f;
                        if (sw == 1) {
                            System.arraycopy(x, src + lo, cols, dst + lo, hi - lo);
                        } else {
                            for (int ox = lo; ox < hi; ox++) cols[dst + ox] = x[src + ox * sw];
                        }
                        for (int ox = hi; ox < ow; ox++) cols[dst + ox] = 0f;
                    }
                }
            }
        }
    }

    public static void col2im(float[] cols, int c, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw,
                              int dh, int dw, int oh, int ow, float[] dx, int dxOff) {
        int p = oh * ow;
        for (int ch = 0; ch < c; ch++) {
            for (int ki = 0; ki < kh; ki++) {
                for (int kj = 0; kj < kw; kj++) {
                    int row = ((ch * kh + ki) * kw + kj) * p;
                    int ix0 = -pw + kj * dw;
                    int lo = firstInside(ix0, sw, ow), hi = endInside(ix0, sw, w, ow);
                    for (int oy = 0; oy < oh; oy++) {
                        int iy = oy * sh - ph + ki * dh;
                        if (iy < 0 || iy >= h) continue;
                        int dst = dxOff + (ch * h + iy) * w + ix0;
                        int src = row + oy * ow;
                        if (sw == 1) {
                            for (int ox = lo; ox < hi; ox++) dx[dst + ox] += cols[src + ox];
                        } else {
                            for (int ox = lo; ox < hi; ox++) dx[dst + ox * sw] += cols[src + ox];
                        }
                    }
                }
            }
        }
    }
}
