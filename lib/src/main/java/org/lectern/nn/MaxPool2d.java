package org.lectern.nn;

import java.util.Arrays;
import org.lectern.Tensor;

/** Max over kernel×kernel windows; stride defaults to the kernel size (non-overlapping windows). */
public final class MaxPool2d extends Module {
    public final int[] kernel, stride, padding;

    public MaxPool2d(int kernel) {
        this(kernel, kernel, 0);
    }

    public MaxPool2d(int kernel, int stride) {
        this(kernel, stride, 0);
    }

    public MaxPool2d(int kernel, int stride, int padding) {
        this.kernel = new int[] {kernel, kernel};
        this.stride = new int[] {stride, stride};
        this.padding = new int[] {padding, padding};
    }

    @Override
    public Tensor forward(Tensor x) {
        return record(x.maxPool2d(kernel, stride, padding));
    }

    @Override
    protected String extraRepr() {
        return "kernel=" + kernel[0] + ", stride=" + stride[0] + (padding[0] > 0 ? ", padding=" + padding[0] : "");
    }
}
