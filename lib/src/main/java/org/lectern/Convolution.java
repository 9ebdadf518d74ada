package org.lectern;

import org.lectern.kernels.DirectConv;
import org.lectern.kernels.FloatKernels;
import org.lectern.kernels.Gemm;
import org.lectern.kernels.Im2col;
import org.lectern.kernels.Kernels;
import org.lectern.kernels.Parallel;
import org.lectern.kernels.ReduceOp;

/**
 * 2-D convolution (cross-correlation, as in every deep-learning library). Stride 1 without dilation, the
 * common case, takes {@link DirectConv}: the weights multiply shifted views of a padded group of images
 * in place, and the input gradient is the adjoint product, each tap's share added at its shift (see
 * there). Any other geometry goes by im2col + GEMM:
 * each image's receptive fields are unrolled into a [C·KH·KW, OH·OW] matrix, so the whole convolution
 * is one matrix product with the [O, C·KH·KW] weight matrix. The batch is split over the thread pool.
 *
 * <p>Backward: dW += dY·colsᵀ as dot products of rows (several images at once, see {@link #DOT_DEPTH}),
 * and per image dCols = Wᵀ·dY folded back onto the image (col2im); db = Σ dY. The products W·cols and
 * Wᵀ·dY have a row-major right operand small enough to stay in cache, which {@link Gemm} multiplies in
 * place without packing it.
 */
final class Convolution {
    private static final FloatKernels K = Kernels.floats();
    /** Positions per weight-gradient dot product (G images of p positions): long enough that reducing each
     * vector accumulator across its lanes costs little, short enough that the G images' cols stay in L2. */
    static final int DOT_DEPTH = 1024;

    private Convolution() {}

    /** Geometry of one convolution, with the output size worked out and checked. */
    record Geometry(int n, int c, int h, int w, int o, int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw,
                    int oh, int ow) {
        int k() { return c * kh * kw; }
        int p() { return oh * ow; }
    }

    static Geometry geometry(String op, int[] x, int[] wShape, int[] stride, int[] padding, int[] dilation) {
        if (x.length != 4) throw new IllegalArgumentException(op + ": expected input [N, C, H, W], got shape " + Shapes.str(x));
        if (wShape.length != 4) throw new IllegalArgumentException(op + ": expected weight [O, C, KH, KW], got shape " + Shapes.str(wShape));
        if (x[1] != wShape[1]) {
            throw new IllegalArgumentException(op + ": input has " + x[1] + " channel" + (x[1] == 1 ? "" : "s") + " (shape " + Shapes.str(x)
                    + ") but the weight expects " + wShape[1] + " (weight shape " + Shapes.str(wShape) + ")");
        }
        for (int i = 0; i < 2; i++) {
            if (stride[i] < 1 || dilation[i] < 1 || padding[i] < 0) {
                throw new IllegalArgumentException(op + ": stride and dilation must be ≥ 1 and padding ≥ 0, got stride "
                        + java.util.Arrays.toString(stride) + ", padding " + java.util.Arrays.toString(padding) + ", dilation " + java.util.Arrays.toString(dilation));
            }
        }
        int oh = (x[2] + 2 * padding[0] - dilation[0] * (wShape[2] - 1) - 1) / stride[0] + 1;
        int ow = (x[3] + 2 * padding[1] - dilation[1] * (wShape[3] - 1) - 1) / stride[1] + 1;
        // checked before dividing: Java's division truncates toward zero, so a kernel span larger than the
        // padded input by less than the stride would otherwise give an output size of 1
        if (oh <= 0 || ow <= 0 || x[2] + 2 * padding[0] < dilation[0] * (wShape[2] - 1) + 1
                || x[3] + 2 * padding[1] < dilation[1] * (wShape[3] - 1) + 1) {
            throw new IllegalArgumentException(op + ": a " + wShape[2] + "×" + wShape[3] + " kernel (dilation " + java.util.Arrays.toString(dilation)
                    + ") does not fit a " + x[2] + "×" + x[3] + " input with padding " + java.util.Arrays.toString(padding));
        }
        return new Geometry(x[0], x[1], x[2], x[3], wShape[0], wShape[2], wShape[3], stride[0], stride[1], padding[0], padding[1],
                dilation[0], dilation[1], oh, ow);
    }

    static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation) {
        return conv2d(x, weight, bias, stride, padding, dilation, true);
    }

    /**
     * relu(conv2d(x)) as one op where the direct path applies: the relu is applied as the output is copied
     * out of the wide result, and its gradient as the output gradient is copied into the wide layout, so
     * the pre-activation is never stored and neither the relu nor its gradient takes a pass of its own
     * (for LeNet's first layer, two passes over 1.2 MB and two allocations of it per step). The same
     * numbers as the two ops; other geometries run them one after the other.
     */
    static Tensor conv2dRelu(Tensor x, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation) {
        Geometry g = geometry("conv2d", x.shape, weight.shape, stride, padding, dilation);
        if (!direct(g)) return conv2d(x, weight, bias, stride, padding, dilation).relu();
        checkBias(g, bias);
        return directConv2d(g, x, weight, bias, Views.dense(x), Views.dense(weight), bias == null ? null : bias.toArray(), true);
    }

    private static void checkBias(Geometry g, Tensor bias) {
        if (bias != null && (bias.dim() != 1 || bias.shape[0] != g.o())) {
            throw new IllegalArgumentException("conv2d: bias must have shape [" + g.o() + "], got " + Shapes.str(bias.shape));
        }
    }

    /** With {@code allowDirect} false, always by im2col (the tests hold the two paths against each other). */
    static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation, boolean allowDirect) {
        Geometry g = geometry("conv2d", x.shape, weight.shape, stride, padding, dilation);
        checkBias(g, bias);
        Tensor xd = Views.dense(x), wd = Views.dense(weight);
        float[] bd = bias == null ? null : bias.toArray();
        if (allowDirect && direct(g)) return directConv2d(g, x, weight, bias, xd, wd, bd, false);
        int k = g.k(), p = g.p(), o = g.o();
        float[] out = new float[g.n() * o * p];
        int chunks = chunks(g.n());
        Parallel.forEach(chunks, t -> {
            float[] cols = new float[k * p];
            for (int i = from(t, chunks, g.n()); i < from(t + 1, chunks, g.n()); i++) {
                im2col(g, xd.data, xd.offset + i * g.c() * g.h() * g.w(), cols);
                if (bd != null) { // the bias first, then the product added to it
                    for (int c = 0; c < o; c++) java.util.Arrays.fill(out, i * o * p + c * p, i * o * p + (c + 1) * p, bd[c]);
                }
                Gemm.sgemm(o, p, k, wd.data, wd.offset, k, 1, cols, 0, p, 1, out, i * o * p, p, bd != null);
            }
        });
        Tensor result = new Tensor(out, new int[] {g.n(), o, g.oh(), g.ow()});
        return Tensor.result(result, "conv2d", grad -> backward(g, xd, wd, grad, x.requiresGrad(), weight.requiresGrad(),
                bias != null && bias.requiresGrad()), x, weight, bias);
    }

    private static Tensor[] backward(Geometry g, Tensor xd, Tensor wd, Tensor grad, boolean needX, boolean needW, boolean needB) {
        Tensor gd = Views.dense(grad);
        int k = g.k(), p = g.p(), o = g.o(), imageSize = g.c() * g.h() * g.w();
        int chunks = chunks(g.n());
        float[][] dwParts = new float[chunks][];
        float[] dx = needX ? new float[g.n() * imageSize] : null;
        // the weight gradient takes G images at a time: their cols side by side, [k, G·p], and their output
        // gradients likewise, [o, G·p], so that each dot product runs over G·p positions
        int group = Math.max(1, Math.min(g.n(), DOT_DEPTH / p));
        Parallel.forEach(chunks, t -> {
            float[] cols = needX ? new float[k * p] : null;
            float[] dw = needW ? new float[o * k] : null;
            float[] gcols = needW ? new float[k * group * p] : null, gy = needW ? new float[o * group * p] : null;
            int start = from(t, chunks, g.n()), end = from(t + 1, chunks, g.n());
            for (int i0 = start; needW && i0 < end; i0 += group) {
                int gn = Math.min(group, end - i0), ld = gn * p;
                for (int j = 0; j < gn; j++) {
                    int i = i0 + j;
                    im2col(g, xd.data, xd.offset + i * imageSize, gcols, j * p, ld);
                    for (int c = 0; c < o; c++) System.arraycopy(gd.data, gd.offset + (i * o + c) * p, gy, c * ld + j * p, p);
                }
                // dW[o, k] += dY[o, G·p] · cols[k, G·p]ᵀ
                K.dotRows(o, k, ld, gy, 0, ld, gcols, 0, ld, dw, 0, k, true);
            }
            for (int i = start; needX && i < end; i++) {
                // dCols[k, p] = W[o, k]ᵀ · dY[o, p], then folded back onto the image
                Gemm.sgemm(k, p, o, wd.data, wd.offset, 1, k, gd.data, gd.offset + i * o * p, p, 1, cols, 0, p, false);
                col2im(g, cols, dx, i * imageSize);
            }
            dwParts[t] = dw;
        });
        Tensor dX = needX ? new Tensor(dx, new int[] {g.n(), g.c(), g.h(), g.w()}) : null;
        Tensor dW = needW ? new Tensor(sumParts(dwParts), new int[] {o, g.c(), g.kh(), g.kw()}) : null;
        Tensor dB = needB ? grad.sum(new int[] {0, 2, 3}, false) : null;
        return new Tensor[] {dX, dW, dB};
    }

    /** Whether {@link DirectConv} applies: stride 1 and no dilation. */
    static boolean direct(Geometry g) {
        return g.sh() == 1 && g.sw() == 1 && g.dh() == 1 && g.dw() == 1;
    }

    /**
     * Wide positions per group of images in the direct path: the group's wide output ([O, positions]) and
     * padded input then stay in L2 beside the weights, while the products are long enough that the
     * per-call work (taps, tile edges, reductions of the dot products) is spread thin. LeNet on one thread,
     * 10th-percentile CPU time per step over 1500 steps, three alternating runs each: 2048 → 3.56-3.85 ms,
     * 4096 → 3.47-3.61, 8192 → 3.42-3.52, 16384 → 3.40-3.58 (for LeNet's second layer 8192 positions
     * of 16 output rows are 512 KiB, half this machine's L2).
     */
    static final int GROUP_POSITIONS = 8192;

    /** Images per group for a run of {@code count} images of {@code perImage} wide positions: even groups. */
    static int groupSize(int count, int perImage) {
        int groups = Math.max(1, (count * perImage + GROUP_POSITIONS - 1) / GROUP_POSITIONS);
        return Math.max(1, (count + groups - 1) / groups);
    }

    /**
     * Per-thread scratch of the direct path, reused across calls (the pool's threads live on). The padded
     * buffers are kept one per layout (role and sizes), so that their zeros (padding, garbage columns,
     * slack) are written once, when allocated, and each call copies only the pixels in.
     */
    private static final class Scratch {
        float[] wide = new float[0];
        /** The output gradient masked by a fused relu. */
        float[] masked = new float[0];
        final java.util.Map<java.util.List<Integer>, float[]> padded = new java.util.HashMap<>();

        static float[] atLeast(float[] a, int n) {
            return a.length >= n ? a : new float[n];
        }

        /** The zero-initialized buffer of one layout; {@code key} names the role and every size it depends on. */
        float[] padded(int size, Integer... key) {
            if (padded.size() > 32) padded.clear(); // many shapes (a model of many layers, odd batch sizes): start over
            return padded.computeIfAbsent(java.util.List.of(key), k -> new float[size]);
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private static Tensor directConv2d(Geometry g, Tensor x, Tensor weight, Tensor bias, Tensor xd, Tensor wd, float[] bd,
                                       boolean relu) {
        int k = g.k(), o = g.o(), p = g.p(), wp = g.w() + 2 * g.pw();
        // the weights are packed once for the whole batch
        float[] ap = Gemm.packA(o, k, wd.data, wd.offset, k, 1);
        float[] out = new float[g.n() * o * p];
        int chunks = chunks(g.n());
        Parallel.forEach(chunks, t -> {
            int start = from(t, chunks, g.n()), end = from(t + 1, chunks, g.n());
            int group = groupSize(end - start, g.oh() * wp);
            Scratch s = SCRATCH.get();
            for (int i0 = start; i0 < end; i0 += group) {
                int gn = Math.min(group, end - i0), n = g.oh() * gn * wp, ld = Gemm.roundUp(n, Gemm.nr());
                float[] buf = s.padded(DirectConv.bufferSize(gn, g.c(), g.h(), g.w(), g.ph(), g.pw(), g.kw()),
                        0, gn, g.c(), g.h(), g.w(), g.ph(), g.pw(), g.kw());
                float[] y = s.wide = Scratch.atLeast(s.wide, Gemm.roundUp(o, Gemm.mr()) * ld);
                DirectConv.pad(xd.data, xd.offset + i0 * g.c() * g.h() * g.w(), gn, g.c(), g.h(), g.w(), g.ph(), g.pw(), buf);
                int[] taps = DirectConv.taps(g.c(), g.kh(), g.kw(), g.h() + 2 * g.ph(), gn, wp);
                Gemm.sgemmAt(o, n, k, ap, buf, 0, taps, y, 0, ld);
                DirectConv.unpad(y, ld, gn, o, g.oh(), g.ow(), wp, bd, relu, out, i0 * o * p);
            }
        });
        Tensor result = new Tensor(out, new int[] {g.n(), o, g.oh(), g.ow()});
        return Tensor.result(result, relu ? "conv2d_relu" : "conv2d", grad -> directBackward(g, xd, wd, grad, relu ? out : null,
                x.requiresGrad(), weight.requiresGrad(), bias != null && bias.requiresGrad()), x, weight, bias);
    }

    /** With {@code activation} (the output of a fused relu) the output gradient is masked where it is ≤ 0. */
    private static Tensor[] directBackward(Geometry g, Tensor xd, Tensor wd, Tensor grad, float[] activation,
                                           boolean needX, boolean needW, boolean needB) {
        Tensor gd = Views.dense(grad);
        int k = g.k(), p = g.p(), o = g.o(), c = g.c(), kk = g.kh() * g.kw(), imageSize = c * g.h() * g.w();
        int wp = g.w() + 2 * g.pw(), hp = g.h() + 2 * g.ph();
        // the input gradient: Wᵀ with its rows (taps) in spread order, each added at its tap's shift
        int[] order = DirectConv.spreadTaps(c, g.kh(), g.kw());
        float[] apT = null;
        if (needX) {
            float[] wt = new float[k * o];
            for (int r = 0; r < k; r++) {
                for (int oc = 0; oc < o; oc++) wt[r * o + oc] = wd.data[wd.offset + oc * k + order[r]];
            }
            apT = Gemm.packA(k, o, wt, 0, o, 1);
        }
        float[] apX = apT;
        int chunks = chunks(g.n());
        float[][] dwParts = new float[chunks][], dbParts = new float[chunks][];
        float[] dx = needX ? new float[g.n() * imageSize] : null;
        boolean fusedBias = needB && activation != null; // the bias gradient of the masked dY, summed here
        Parallel.forEach(chunks, t -> {
            int start = from(t, chunks, g.n()), end = from(t + 1, chunks, g.n());
            int group = groupSize(end - start, g.oh() * wp);
            Scratch s = SCRATCH.get();
            float[] dw = needW ? new float[o * k] : null;
            float[] db = fusedBias ? new float[o] : null;
            for (int i0 = start; (needW || needX || fusedBias) && i0 < end; i0 += group) {
                int gn = Math.min(group, end - i0);
                int n = g.oh() * gn * wp, ld = Gemm.roundUp(n, Gemm.nr());
                // dY in the wide layout, zero at the garbage positions and up to ld (the slivers read there);
                // after a fused relu, dY masked where the output is ≤ 0, in this thread's scratch first
                float[] dy = gd.data;
                int dyOff = gd.offset + i0 * o * p;
                if (activation != null) {
                    float[] masked = s.masked = Scratch.atLeast(s.masked, gn * o * p);
                    K.reluBackward(gd.data, dyOff, activation, i0 * o * p, masked, 0, gn * o * p);
                    dy = masked;
                    dyOff = 0;
                    for (int i = 0; fusedBias && i < gn; i++) {
                        for (int oc = 0; oc < o; oc++) db[oc] += K.reduce(ReduceOp.SUM, masked, (i * o + oc) * p, p);
                    }
                }
                float[] yw = s.padded(o * ld, 1, gn, o, g.oh(), g.ow(), wp);
                DirectConv.widen(dy, dyOff, gn, o, g.oh(), g.ow(), wp, yw, ld);
                int size = DirectConv.bufferSize(gn, c, g.h(), g.w(), g.ph(), g.pw(), g.kw());
                int[] taps = DirectConv.taps(c, g.kh(), g.kw(), hp, gn, wp);
                if (needW) { // dW[o, tap] += Σ_q dYw[o, q] · buffer[q + off(tap)]
                    float[] buf = s.padded(size, 0, gn, c, g.h(), g.w(), g.ph(), g.pw(), g.kw());
                    DirectConv.pad(xd.data, xd.offset + i0 * imageSize, gn, c, g.h(), g.w(), g.ph(), g.pw(), buf);
                    K.dotRowsAt(o, k, n, yw, 0, ld, buf, taps, dw, 0, k, true);
                }
                if (needX) { // dBuffer[q + off(tap)] += Σ_o W[o, tap] · dYw[o, q], then the images cropped out
                    float[] dbuf = s.wide = Scratch.atLeast(s.wide, size);
                    java.util.Arrays.fill(dbuf, 0, size, 0f);
                    int[] rows = new int[k];
                    for (int r = 0; r < k; r++) rows[r] = taps[order[r]];
                    Gemm.sgemmAddTo(k, n, o, apX, yw, 0, ld, dbuf, 0, rows);
                    DirectConv.crop(dbuf, gn, c, g.h(), g.w(), g.ph(), g.pw(), dx, i0 * imageSize);
                }
            }
            dwParts[t] = dw;
            dbParts[t] = db;
        });
        Tensor dX = needX ? new Tensor(dx, new int[] {g.n(), c, g.h(), g.w()}) : null;
        Tensor dW = needW ? new Tensor(sumParts(dwParts), new int[] {o, c, g.kh(), g.kw()}) : null;
        Tensor dB = !needB ? null : fusedBias ? new Tensor(sumParts(dbParts), new int[] {o}) : grad.sum(new int[] {0, 2, 3}, false);
        return new Tensor[] {dX, dW, dB};
    }

    /** The threads' partial sums, added into the first. */
    private static float[] sumParts(float[][] parts) {
        float[] sum = parts[0];
        for (int t = 1; t < parts.length; t++) for (int j = 0; j < sum.length; j++) sum[j] += parts[t][j];
        return sum;
    }

    private static void im2col(Geometry g, float[] x, int xOff, float[] cols) {
        im2col(g, x, xOff, cols, 0, g.p());
    }

    private static void im2col(Geometry g, float[] x, int xOff, float[] cols, int colsOff, int ldCols) {
        Im2col.im2col(x, xOff, g.c(), g.h(), g.w(), g.kh(), g.kw(), g.sh(), g.sw(), g.ph(), g.pw(), g.dh(), g.dw(), g.oh(), g.ow(),
                cols, colsOff, ldCols);
    }

    private static void col2im(Geometry g, float[] cols, float[] dx, int dxOff) {
        Im2col.col2im(cols, g.c(), g.h(), g.w(), g.kh(), g.kw(), g.sh(), g.sw(), g.ph(), g.pw(), g.dh(), g.dw(), g.oh(), g.ow(), dx, dxOff);
    }

    /**
     * Batch pieces for the pool: a few per thread, never more than images. Several per thread, because the
     * pool hands them out as threads come free: on a shared machine one core is often slower than the
     * other, and with one piece each the fast thread would wait for the slow one at the end.
     */
    static int chunks(int n) {
        int threads = Parallel.threads();
        return threads == 1 ? 1 : Math.max(1, Math.min(n, PIECES_PER_THREAD * threads));
    }

    static final int PIECES_PER_THREAD = 4;

    static int from(int t, int chunks, int n) {
        return (int) ((long) t * n / chunks);
    }
}
