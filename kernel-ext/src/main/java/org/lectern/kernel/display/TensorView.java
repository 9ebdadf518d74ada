package org.lectern.kernel.display;

import org.lectern.Tensor;

/** The parts of a Tensor the renderers need, read directly or by name when the class came from another loader. */
final class TensorView {
    final int[] shape;
    final Object tensor;

    private TensorView(Object tensor, int[] shape) {
        this.tensor = tensor;
        this.shape = shape;
    }

    static boolean isTensor(Object value) {
        return value instanceof Tensor || Reflect.isA(value, "org.lectern.Tensor");
    }

    static TensorView of(Object value) {
        int[] shape = value instanceof Tensor ? ((Tensor) value).shape() : (int[]) Reflect.call(value, "shape");
        return new TensorView(value, shape);
    }

    float[] values() {
        return tensor instanceof Tensor ? ((Tensor) tensor).toArray() : (float[]) Reflect.call(tensor, "toArray");
    }

    int numel() {
        int n = 1;
        for (int d : shape) n *= d;
        return n;
    }

    String text() {
        return String.valueOf(tensor);
    }
}
