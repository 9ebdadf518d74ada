package org.lectern.kernels;

/**
 * Unrolls the receptive fields of one C×H×W image into a [C·KH·KW, OH·OW] matrix (im2col), and folds
 * such a matrix back by adding each entry to the pixel it came from (col2im, the adjoint).
 * Row r = (c, ki, kj) holds, for every output position, the input pixel under kernel tap (ki, kj) of
 * channel c; taps that fall in the padding read 0.
 */
public final class Im2col {
    private Im2col() {}

    public static void im2col(float[] x, int xOff, int c, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw,
                              int dh, int dw, int oh, int ow, float[] cols) {
        int p = oh * ow;
        for (int ch = 0; ch < c; ch++) {
            for (int ki = 0; ki < kh; ki++) {
                for (int kj = 0; kj < kw; kj++) {
                    int row = ((ch * kh + ki) * kw + kj) * p;
                    for (int oy = 0; oy < oh; oy++) {
                        int iy = oy * sh - ph + ki * dh;
                        int dst = row + oy * ow;
                        if (iy < 0 || iy >= h) {
                            java.util.Arrays.fill(cols, dst, dst + ow, 0f);
                            continue;
                        }
                        int src = xOff + (ch * h + iy) * w;
                        int ix0 = -pw + kj * dw;
                        if (sw == 1 && ix0 >= 0 && ix0 + ow <= w) { // the whole row is inside: one copy
                            System.arraycopy(x, src + ix0, cols, dst, ow);
                            continue;
                        }
                        for (int ox = 0; ox < ow; ox++) {
                            int ix = ix0 + ox * sw;
                            cols[dst + ox] = ix >= 0 && ix < w ? x[src + ix] : 0f;
                        }
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
                    for (int oy = 0; oy < oh; oy++) {
                        int iy = oy * sh - ph + ki * dh;
                        if (iy < 0 || iy >= h) continue;
                        int dst = dxOff + (ch * h + iy) * w;
                        int src = row + oy * ow;
                        int ix0 = -pw + kj * dw;
                        for (int ox = 0; ox < ow; ox++) {
                            int ix = ix0 + ox * sw;
                            if (ix >= 0 && ix < w) dx[dst + ix] += cols[src + ox];
                        }
                    }
                }
            }
        }
    }
}
