package org.lectern;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** cat and stack (copies), split and chunk (views). */
final class Joins {
    private Joins() {}

    static Tensor cat(List<Tensor> tensors, int dim) {
        if (tensors.isEmpty()) throw new IllegalArgumentException("cat: needs at least one tensor");
        Tensor first = tensors.get(0);
        if (first.dim() == 0) throw new IllegalArgumentException("cat: zero-dimensional tensors cannot be concatenated; use stack");
        int d = Shapes.axis("cat", dim, first.dim());
        int[] shape = first.shape.clone();
        shape[d] = 0;
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            boolean ok = t.dim() == first.dim();
            for (int a = 0; ok && a < first.dim(); a++) ok = a == d || t.shape[a] == first.shape[a];
            if (!ok) {
                throw new IllegalArgumentException("cat: tensor " + i + " has shape " + Shapes.str(t.shape) + " but tensor 0 has "
                        + Shapes.str(first.shape) + "; all sizes except dimension " + d + " must match");
            }
            shape[d] += t.shape[d];
        }
        Tensor out = Tensor.zeros(shape);
        int[] starts = new int[tensors.size()];
        int at = 0;
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            starts[i] = at;
            Strided.copyInto(sliceRaw(out, d, at, t.shape[d]), t);
            at += t.shape[d];
        }
        Tensor[] inputs = tensors.toArray(new Tensor[0]);
        return Tensor.result(out, "cat", g -> {
            Tensor[] grads = new Tensor[inputs.length];
            for (int i = 0; i < inputs.length; i++) grads[i] = g.narrow(d, starts[i], inputs[i].shape[d]);
            return grads;
        }, inputs);
    }

    /** A narrow view without a graph node, for writing into fresh storage. */
    private static Tensor sliceRaw(Tensor t, int d, int start, int length) {
        int[] shape = t.shape.clone();
        shape[d] = length;
        return new Tensor(t.data, shape, t.strides.clone(), t.offset + start * t.strides[d]);
    }

    static Tensor stack(List<Tensor> tensors, int dim) {
        if (tensors.isEmpty()) throw new IllegalArgumentException("stack: needs at least one tensor");
        int[] shape0 = tensors.get(0).shape;
        int d = Shapes.axis("stack", dim, shape0.length + 1);
        List<Tensor> parts = new ArrayList<>(tensors.size());
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            if (!Arrays.equals(t.shape, shape0)) {
                throw new IllegalArgumentException("stack: tensor " + i + " has shape " + Shapes.str(t.shape)
                        + " but tensor 0 has " + Shapes.str(shape0) + "; stacked tensors must have equal shapes");
            }
            parts.add(t.unsqueeze(d));
        }
        return cat(parts, d);
    }

    static List<Tensor> split(Tensor t, int splitSize, int dim) {
        if (splitSize <= 0) throw new IllegalArgumentException("split: splitSize must be positive, got " + splitSize);
        int d = Shapes.axis("split", dim, t.dim());
        List<Tensor> out = new ArrayList<>();
        for (int s = 0; s < t.shape[d]; s += splitSize) out.add(t.narrow(d, s, Math.min(splitSize, t.shape[d] - s)));
        return out;
    }

    static List<Tensor> split(Tensor t, int[] sizes, int dim) {
        int d = Shapes.axis("split", dim, t.dim());
        int total = Arrays.stream(sizes).sum();
        if (total != t.shape[d] || Arrays.stream(sizes).anyMatch(s -> s < 0)) {
            throw new IllegalArgumentException("split: sizes " + Arrays.toString(sizes) + " add up to " + total
                    + " but dimension " + d + " of shape " + Shapes.str(t.shape) + " has size " + t.shape[d]);
        }
        List<Tensor> out = new ArrayList<>();
        int at = 0;
        for (int s : sizes) {
            out.add(t.narrow(d, at, s));
            at += s;
        }
        return out;
    }

    static List<Tensor> chunk(Tensor t, int chunks, int dim) {
        if (chunks <= 0) throw new IllegalArgumentException("chunk: chunks must be positive, got " + chunks);
        int d = Shapes.axis("chunk", dim, t.dim());
        int size = (t.shape[d] + chunks - 1) / chunks; // as PyTorch: equal pieces, the last may be smaller
        return split(t, Math.max(size, 1), d);
    }
}
