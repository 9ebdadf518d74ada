package org.lectern.kernels;

/**
 * The loops of a stride-1 convolution without im2col (an "implicit GEMM").
 *
 * <p><b>Layout.</b> A group of G images of C×H×W is copied, zero-padded to Hp×Wp, into one buffer laid out
 * [C, Hp, G, Wp]: the rows of the G images interleaved, row y of channel c of image i starting at
 * ((c·Hp + y)·G + i)·Wp. Output pixel (oy, ox) of image i gets the <i>wide position</i>
 * q = (oy·G + i)·Wp + ox, and under kernel tap (c, ki, kj) it reads the buffer at q + off(c, ki, kj) with
 * off = (c·Hp + ki)·G·Wp + kj: every tap is one fixed shift of the buffer. So the convolution is
 * Y[O, q] = W[O, C·KH·KW] · B with row t of B the buffer shifted by off(t), which
 * {@link Gemm#sgemmAt} multiplies reading those rows in place: nothing is unrolled or copied per tap.
 *
 * <p>The wide positions with ox ≥ OW (the last Wp − OW of every row) read across into the next row and
 * are garbage, dropped by {@link #unpad}. Interleaving the images is what keeps that waste to
 * (Wp − OW)/OW: with whole images one after another, the KH − 1 rows at the bottom of each would be
 * garbage too (for LeNet's second convolution, 14×14 positions for a 10×10 output).
 *
 * <p><b>Backward.</b> dW[o, t] = Σ_q dYw[o, q]·buffer[q + off(t)], dot products of rows
 * ({@link FloatKernels#dotRowsAt}), where dYw is the output gradient in the wide layout with zeros at the
 * garbage positions ({@link #widen}). The input gradient is the adjoint of the forward product:
 * dBuffer[q + off(t)] += Σ_o W[o, t]·dYw[o, q], the product Wᵀ·dYw with each tap's row added at its
 * shift ({@link Gemm#sgemmAddTo}), then the images cropped out of the padding ({@link #crop}). (Computing
 * it as a full convolution of the padded dY with the flipped weights, as a first version did, multiplies
 * by the zeros of that padding: 1.8 times the work for LeNet's second convolution.)
 */
public final class DirectConv {
    private DirectConv() {}

    /**
     * Floats of the buffer for g images: the padded images and then slack, so that the widest tap of the
     * last row can read a whole micro-kernel sliver past the last position.
     */
    public static int bufferSize(int g, int c, int h, int w, int ph, int pw, int kw) {
        return c * (h + 2 * ph) * g * (w + 2 * pw) + kw - 1 + Gemm.nr();
    }

    /**
     * Copies images [0, g) of x (each c×h×w, contiguous, from xOff) into buf in the padded, interleaved
     * layout. Only the images' pixels are written: the padding and the slack must already be zero, which
     * holds for a buffer that only ever receives this layout (the callers keep one per layout, so the
     * zeros are written once, by the allocation, instead of a fill of a few floats per row every call).
     */
    public static void pad(float[] x, int xOff, int g, int c, int h, int w, int ph, int pw, float[] buf) {
        int hp = h + 2 * ph, wp = w + 2 * pw;
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                for (int i = 0; i < g; i++) {
                    System.arraycopy(x, xOff + ((i * c + ch) * h + y) * w, buf, ((ch * hp + y + ph) * g + i) * wp + pw, w);
                }
            }
        }
    }

    /** Offsets in the buffer of the taps (c, ki, kj), in the order of the weight's columns. */
    public static int[] taps(int c, int kh, int kw, int hp, int g, int wp) {
        int[] taps = new int[c * kh * kw];
        for (int ch = 0; ch < c; ch++) {
            for (int ki = 0; ki < kh; ki++) {
                for (int kj = 0; kj < kw; kj++) taps[(ch * kh + ki) * kw + kj] = (ch * hp + ki) * g * wp + kj;
            }
        }
        return taps;
    }

    /**
     * The valid positions of the wide result y ([o rows of ldy], for g images) into out as [g, o, oh, ow]
     * from outOff, plus bias[o] when there is one, then relu when asked (a convolution fused with the
     * activation after it: the pre-activation is never stored).
     */
    public static void unpad(float[] y, int ldy, int g, int o, int oh, int ow, int wp, float[] bias, boolean relu,
                             float[] out, int outOff) {
        FloatKernels k = Kernels.floats();
        for (int i = 0; i < g; i++) {
            for (int oc = 0; oc < o; oc++) {
                // plane (i, oc): rows oy at oc·ldy + (oy·g + i)·wp, g·wp apart; without bias add −0, which
                // leaves every float as it is (+0 would turn −0 into +0)
                float add = bias == null ? -0f : bias[oc];
                int from = oc * ldy + i * wp, to = outOff + (i * o + oc) * oh * ow;
                if (relu) k.copyRowsRelu(oh, ow, y, from, g * wp, add, out, to);
                else k.copyRows(oh, ow, y, from, g * wp, add, out, to);
            }
        }
    }

    /**
     * The images inside a padded buffer (the layout of {@link #pad}) into out as [g, c, h, w] from outOff:
     * the input gradient, which the backward pass accumulates in the padded layout.
     */
    public static void crop(float[] buf, int g, int c, int h, int w, int ph, int pw, float[] out, int outOff) {
        FloatKernels k = Kernels.floats();
        int hp = h + 2 * ph, wp = w + 2 * pw;
        for (int i = 0; i < g; i++) {
            for (int ch = 0; ch < c; ch++) {
                k.copyRows(h, w, buf, ((ch * hp + ph) * g + i) * wp + pw, g * wp, -0f, out, outOff + (i * c + ch) * h * w);
            }
        }
    }

    /**
     * The taps (c, ki, kj) in an order where neighbours lie at least a row of the buffer apart (kj slowest,
     * c fastest): the input gradient adds one row per tap at the tap's shift, six taps per micro-kernel
     * tile, and taps one float apart would have each row's stores overlap the next row's loads, which the
     * processor cannot forward and stalls on.
     */
    public static int[] spreadTaps(int c, int kh, int kw) {
        int[] order = new int[c * kh * kw];
        int r = 0;
        for (int kj = 0; kj < kw; kj++) {
            for (int ki = 0; ki < kh; ki++) {
                for (int ch = 0; ch < c; ch++) order[r++] = (ch * kh + ki) * kw + kj;
            }
        }
        return order;
    }

    /**
     * The output gradient of g images ([g, o, oh, ow] from dyOff) into the wide layout, [o rows of ld],
     * positions (oy·g + i)·wp + ox, with zeros at the garbage positions ox ≥ ow so that they add nothing
     * to the weight gradient. As with {@link #pad}, those zeros must already be there.
     */
    public static void widen(float[] dy, int dyOff, int g, int o, int oh, int ow, int wp, float[] out, int ld) {
        for (int oc = 0; oc < o; oc++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int i = 0; i < g; i++) {
                    System.arraycopy(dy, dyOff + ((i * o + oc) * oh + oy) * ow, out, oc * ld + (oy * g + i) * wp, ow);
                }
            }
        }
    }
}
