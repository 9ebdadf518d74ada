package org.lectern.nn;

import java.util.Arrays;
import org.lectern.Tensor;

/**
 * 2-D convolution layer: weight [out, in, kernel, kernel], bias [out]. Argument order as PyTorch:
 * {@code new Conv2d(in, out, kernel, stride, padding)}; padding "same" keeps H×W at stride 1.
 */
public final class Conv2d extends Module {
    public final int inChannels, outChannels;
    public final int[] kernel, stride, padding, dilation;
    public final Tensor weight, bias;

    public Conv2d(int inChannels, int outChannels, int kernel) {
        this(inChannels, outChannels, kernel, 1, 0);
    }

    public Conv2d(int inChannels, int outChannels, int kernel, int stride) {
        this(inChannels, outChannels, kernel, stride, 0);
    }

    public Conv2d(int inChannels, int outChannels, int kernel, int stride, int padding) {
        this(inChannels, outChannels, kernel, stride, padding, 1, true);
    }

    /** padding is "same" (output H×W = input H×W, stride 1) or "valid" (no padding). */
    public Conv2d(int inChannels, int outChannels, int kernel, int stride, String padding) {
        this(inChannels, outChannels, kernel, stride, samePadding(padding, kernel, stride, 1), 1, true);
    }

    public Conv2d(int inChannels, int outChannels, int kernel, int stride, int padding, int dilation, boolean bias) {
        this(inChannels, outChannels, new int[] {kernel, kernel}, new int[] {stride, stride}, new int[] {padding, padding},
                new int[] {dilation, dilation}, bias);
    }

    public Conv2d(int inChannels, int outChannels, int[] kernel, int[] stride, int[] padding, int[] dilation, boolean bias) {
        if (inChannels <= 0 || outChannels <= 0 || kernel[0] <= 0 || kernel[1] <= 0) {
            throw new IllegalArgumentException("Conv2d: channels and kernel must be positive, got " + inChannels + " → " + outChannels
                    + ", kernel " + Arrays.toString(kernel));
        }
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernel = kernel.clone();
        this.stride = stride.clone();
        this.padding = padding.clone();
        this.dilation = dilation.clone();
        int fanIn = inChannels * kernel[0] * kernel[1];
        weight = param("weight", Init.pytorchDefault(Tensor.zeros(outChannels, inChannels, kernel[0], kernel[1]), fanIn));
        this.bias = bias ? param("bias", Init.pytorchDefault(Tensor.zeros(outChannels), fanIn)) : null;
    }

    private static int samePadding(String mode, int kernel, int stride, int dilation) {
        if ("valid".equals(mode)) return 0;
        if (!"same".equals(mode)) throw new IllegalArgumentException("Conv2d: padding must be \"same\", \"valid\" or a number, got \"" + mode + "\"");
        if (stride != 1) throw new IllegalArgumentException("Conv2d: padding=\"same\" needs stride 1, got stride " + stride + " (as in PyTorch)");
        int span = dilation * (kernel - 1);
        if (span % 2 != 0) {
            throw new IllegalArgumentException("Conv2d: padding=\"same\" with an even kernel (" + kernel + ") needs uneven padding;"
                    + " Lectern supports odd kernels for \"same\"");
        }
        return span / 2;
    }

    @Override
    public Tensor forward(Tensor x) {
        checkInput(x);
        return record(x.conv2d(weight, bias, stride, padding, dilation));
    }

    /** relu(forward(x)) as one op ({@link Tensor#conv2dRelu}): what {@link Sequential} runs for this layer and a ReLU. */
    Tensor forwardRelu(Tensor x) {
        checkInput(x);
        return x.conv2dRelu(weight, bias, stride, padding, dilation);
    }

    private void checkInput(Tensor x) {
        int[] s = x.shape();
        if (s.length != 4 || s[1] != inChannels) {
            throw new IllegalArgumentException(label() + ": expected input [N, " + inChannels + ", H, W] with " + inChannels + " channel"
                    + (inChannels == 1 ? "" : "s") + ", got shape " + Arrays.toString(s));
        }
    }

    @Override
    protected String extraRepr() {
        return inChannels + ", " + outChannels + ", kernel=" + Arrays.toString(kernel) + ", stride=" + Arrays.toString(stride)
                + (padding[0] + padding[1] > 0 ? ", padding=" + Arrays.toString(padding) : "")
                + (dilation[0] * dilation[1] > 1 ? ", dilation=" + Arrays.toString(dilation) : "")
                + (bias == null ? ", bias=false" : "");
    }
}
