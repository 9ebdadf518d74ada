package org.lectern;

/**
 * One recorded op in the autograd graph: the op's name, its inputs, and its backward rule, which maps the
 * gradient of the op's output to the gradients of its inputs (null for an input that needs none).
 */
final class Node {
    /** dL/d(output) → dL/d(inputs), one entry per input. Called with gradient recording off. */
    @FunctionalInterface
    interface Backward {
        Tensor[] apply(Tensor gradOutput);
    }

    final String op;
    Tensor[] inputs;
    Backward backward;

    Node(String op, Tensor[] inputs, Backward backward) {
        this.op = op;
        this.inputs = inputs;
        this.backward = backward;
    }

    boolean freed() {
        return backward == null;
    }

    /** Drops the inputs and the rule (and with them every saved tensor) once backward has used them. */
    void free() {
        inputs = null;
        backward = null;
    }
}
