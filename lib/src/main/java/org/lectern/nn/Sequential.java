package org.lectern.nn;

import java.util.List;
import org.lectern.Tensor;

/** Runs its children in order; they are named "0", "1", … unless added with a name. */
public final class Sequential extends Module {
    public Sequential(Module... layers) {
        for (Module m : layers) add(m);
    }

    /** Appends a layer named by its position. Returns this. */
    public Sequential add(Module layer) {
        return add(String.valueOf(children().size()), layer);
    }

    /** Appends a named layer. Returns this. */
    public Sequential add(String name, Module layer) {
        module(name, layer);
        return this;
    }

    /** The i-th layer. */
    public Module get(int i) {
        List<Module> layers = children();
        if (i < 0 || i >= layers.size()) throw new IndexOutOfBoundsException("Sequential: no layer " + i + " (it has " + layers.size() + ")");
        return layers.get(i);
    }

    public int size() {
        return children().size();
    }

    /**
     * Each layer's output into the next. A Conv2d followed by a ReLU runs as one fused op (the same
     * numbers, without the pre-activation stored or a pass of its own for the relu; see
     * {@link Tensor#conv2dRelu}), except while {@link Summary} traces the layers one by one.
     */
    @Override
    public Tensor forward(Tensor x) {
        List<Module> layers = children();
        boolean fuse = TRACER.get() == null;
        for (int i = 0; i < layers.size(); i++) {
            Module m = layers.get(i);
            if (fuse && m instanceof Conv2d && i + 1 < layers.size() && layers.get(i + 1) instanceof ReLU) {
                x = ((Conv2d) m).forwardRelu(x);
                i++;
            } else {
                x = m.forward(x);
            }
        }
        return x;
    }
}
