package org.lectern;

import org.lectern.kernels.MaxPool;
import org.lectern.kernels.Parallel;

/**
 * Max and average pooling over [N, C, H, W]. Max pooling remembers where each maximum came from, so its
 * backward rule sends every output gradient to that one input pixel; average pooling spreads it evenly.
 * Planes (one channel of one image) are independent and split over the thread pool.
 */
final class Pooling {
    private Pooling() {}

    record Window(int kh, int kw, int sh, int sw, int ph, int pw, int oh, int ow) {}

    static Window window(String op, int[] x, int[] kernel, int[] stride, int[] padding) {
        if (x.length != 4) throw new IllegalArgumentException(op + ": expected input [N, C, H, W], got shape " + Shapes.str(x));
        if (kernel[0] < 1 || kernel[1] < 1 || stride[0] < 1 || stride[1] < 1) {
            throw new IllegalArgumentException(op + ": kernel and stride must be ≥ 1, got kernel " + java.util.Arrays.toString(kernel)
                    + " and stride " + java.util.Arrays.toString(stride));
        }
        if (padding[0] < 0 || padding[1] < 0 || 2 * padding[0] > kernel[0] || 2 * padding[1] > kernel[1]) {
            throw new IllegalArgumentException(op + ": padding must be between 0 and half the kernel, got " + java.util.Arrays.toString(padding));
        }
        int oh = (x[2] + 2 * padding[0] - kernel[0]) / stride[0] + 1, ow = (x[3] + 2 * padding[1] - kernel[1]) / stride[1] + 1;
        // a window larger than the padded input must fail here: Java's division truncates toward zero, so
        // (size − kernel) / stride + 1 alone would give 1 for a negative numerator smaller than the stride
        if (oh <= 0 || ow <= 0 || x[2] + 2 * padding[0] < kernel[0] || x[3] + 2 * padding[1] < kernel[1]) {
            throw new IllegalArgumentException(op + ": a " + kernel[0] + "×" + kernel[1] + " window does not fit a " + x[2] + "×" + x[3] + " input");
        }
        return new Window(kernel[0], kernel[1], stride[0], stride[1], padding[0], padding[1], oh, ow);
    }

    static Tensor maxPool2d(Tensor x, int[] kernel, int[] stride, int[] padding) {
        Window win = window("maxPool2d", x.shape, kernel, stride, padding);
        Tensor xd = Views.dense(x);
        int n = x.shape[0], c = x.shape[1], h = x.shape[2], w = x.shape[3];
        int planes = n * c, inPlane = h * w, outPlane = win.oh() * win.ow();
        float[] out = new float[planes * outPlane];
        int[] argmax = new int[planes * outPlane]; // index within the input plane
        int chunks = Convolution.chunks(planes);
        Parallel.forEach(chunks, t -> MaxPool.forward(xd.data, xd.offset, Convolution.from(t, chunks, planes),
                Convolution.from(t + 1, chunks, planes), h, w, win.kh(), win.kw(), win.sh(), win.sw(), win.ph(), win.pw(),
                win.oh(), win.ow(), out, argmax));
        int[] shape = {n, c, win.oh(), win.ow()};
        return Tensor.result(new Tensor(out, shape), "max_pool2d", g -> {
            Tensor gd = Views.dense(g);
            float[] dx = new float[planes * inPlane];
            Parallel.forEach(chunks, t -> MaxPool.backward(gd.data, gd.offset, argmax, Convolution.from(t, chunks, planes),
                    Convolution.from(t + 1, chunks, planes), inPlane, outPlane, dx));
            return new Tensor[] {new Tensor(dx, x.shape.clone())};
        }, x);
    }

    /** Average over the window; padded cells count as zeros (PyTorch's count_include_pad=True). */
    static Tensor avgPool2d(Tensor x, int[] kernel, int[] stride, int[] padding) {
        Window win = window("avgPool2d", x.shape, kernel, stride, padding);
        Tensor xd = Views.dense(x);
        int n = x.shape[0], c = x.shape[1], h = x.shape[2], w = x.shape[3];
        int planes = n * c, inPlane = h * w, outPlane = win.oh() * win.ow();
        float scale = 1f / (win.kh() * win.kw());
        float[] out = new float[planes * outPlane];
        Parallel.forEach(Convolution.chunks(planes), t -> {
            int chunks = Convolution.chunks(planes);
            for (int pl = Convolution.from(t, chunks, planes); pl < Convolution.from(t + 1, chunks, planes); pl++) {
                int in = xd.offset + pl * inPlane, o = pl * outPlane;
                for (int oy = 0; oy < win.oh(); oy++) {
                    for (int ox = 0; ox < win.ow(); ox++) {
                        float s = 0f;
                        for (int i = 0; i < win.kh(); i++) {
                            int iy = oy * win.sh() - win.ph() + i;
                            if (iy < 0 || iy >= h) continue;
                            for (int j = 0; j < win.kw(); j++) {
                                int ix = ox * win.sw() - win.pw() + j;
                                if (ix >= 0 && ix < w) s += xd.data[in + iy * w + ix];
                            }
                        }
                        out[o + oy * win.ow() + ox] = s * scale;
                    }
                }
            }
        });
        int[] shape = {n, c, win.oh(), win.ow()};
        return Tensor.result(new Tensor(out, shape), "avg_pool2d", g -> {
            float[] gv = g.toArray(), dx = new float[planes * inPlane];
            for (int pl = 0; pl < planes; pl++) {
                for (int oy = 0; oy < win.oh(); oy++) {
                    for (int ox = 0; ox < win.ow(); ox++) {
                        float share = gv[pl * outPlane + oy * win.ow() + ox] * scale;
                        for (int i = 0; i < win.kh(); i++) {
                            int iy = oy * win.sh() - win.ph() + i;
                            if (iy < 0 || iy >= h) continue;
                            for (int j = 0; j < win.kw(); j++) {
                                int ix = ox * win.sw() - win.pw() + j;
                                if (ix >= 0 && ix < w) dx[pl * inPlane + iy * w + ix] += share;
                            }
                        }
                    }
                }
            }
            return new Tensor[] {new Tensor(dx, x.shape.clone())};
        }, x);
    }
}
