package org.lectern.kernels;

/** The kernels in use: Vector API twins when the module is present, plain Java otherwise. */
public final class Kernels {
    private static final FloatKernels FLOATS =
            Simd.load(FloatKernels.class, "org.lectern.kernels.VectorFloatKernels", new ScalarFloatKernels());

    private Kernels() {}

    public static FloatKernels floats() {
        return FLOATS;
    }
}
