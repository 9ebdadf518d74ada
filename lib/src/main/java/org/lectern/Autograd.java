package org.lectern;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reverse-mode differentiation: walk the graph from the output in reverse topological order, hand each
 * node the gradient of its output, and add up what flows into a tensor from several uses
 * ("gradients add at branches").
 */
final class Autograd {
    private Autograd() {}

    static void backward(Tensor root, Tensor seed, boolean retainGraph) {
        if (!root.requiresGrad()) {
            throw new IllegalStateException("backward: this tensor does not require grad and has no graph"
                    + " (create its inputs with requiresGrad(true), outside a noGrad() scope)");
        }
        if (root.node != null && root.node.freed()) throw freedError();
        if (seed == null) {
            if (root.numel() != 1) {
                throw new IllegalArgumentException("backward: output of shape " + Shapes.str(root.shape)
                        + " is not a scalar; pass the gradient explicitly, backward(gradient), or reduce first (e.g. .sum())");
            }
            seed = Tensor.ones(root.shape);
        } else if (!Arrays.equals(seed.shape, root.shape)) {
            throw new IllegalArgumentException("backward: gradient of shape " + Shapes.str(seed.shape)
                    + " does not match output of shape " + Shapes.str(root.shape));
        }

        List<Tensor> order = topologicalOrder(root);
        Map<Tensor, Tensor> grads = new IdentityHashMap<>();
        grads.put(root, seed.detach());
        try (var off = Lectern.noGrad()) {
            for (int i = order.size() - 1; i >= 0; i--) {
                Tensor t = order.get(i);
                Tensor g = grads.remove(t);
                if (g == null) continue;
                if (t.node == null || t.retainsGrad) t.accumulateGrad(g);
                if (t.node == null) continue;
                Node node = t.node;
                if (node.freed()) throw freedError();
                Tensor[] inGrads = node.backward.apply(g);
                for (int k = 0; k < node.inputs.length; k++) {
                    Tensor in = node.inputs[k];
                    Tensor gi = inGrads[k];
                    if (gi == null || in == null || !in.requiresGrad()) continue;
                    if (!Arrays.equals(gi.shape, in.shape)) {
                        throw new IllegalStateException("backward of " + node.op + ": gradient shape " + Shapes.str(gi.shape)
                                + " does not match input shape " + Shapes.str(in.shape) + " (a Lectern bug; please report)");
                    }
                    grads.merge(in, gi, Tensor::add);
                }
            }
        }
        if (!retainGraph) {
            for (Tensor t : order) if (t.node != null) t.node.free();
        }
    }

    private static IllegalStateException freedError() {
        return new IllegalStateException("backward: the graph behind this tensor was already used by an earlier"
                + " backward() and freed; run the forward pass again, or call backward(gradient, true) to keep it");
    }

    /** Tensors reachable from root through recorded nodes, each after all of its inputs. */
    private static List<Tensor> topologicalOrder(Tensor root) {
        List<Tensor> order = new ArrayList<>();
        Map<Tensor, Boolean> seen = new IdentityHashMap<>();
        // iterative DFS: long RNN unrollings would overflow a recursive one
        ArrayDeque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {root, 0});
        seen.put(root, Boolean.TRUE);
        while (!stack.isEmpty()) {
            Object[] frame = stack.peek();
            Tensor t = (Tensor) frame[0];
            int next = (Integer) frame[1];
            Tensor[] inputs = t.node == null || t.node.freed() ? new Tensor[0] : t.node.inputs;
            if (next < inputs.length) {
                frame[1] = next + 1;
                Tensor in = inputs[next];
                if (in != null && in.requiresGrad() && seen.put(in, Boolean.TRUE) == null) stack.push(new Object[] {in, 0});
            } else {
                stack.pop();
                order.add(t);
            }
        }
        return order;
    }
}
