package org.lectern.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lectern.Lectern;
import org.lectern.Tensor;

/**
 * A layer or a model: it owns parameters (tensors that learn), buffers (state that does not, such as
 * batch-norm running statistics) and child modules, all registered explicitly by name so that
 * {@link #parameters()}, {@link #namedParameters()}, summaries, freezing and checkpoints need no
 * reflection.
 *
 * <pre>{@code
 * final class TwoLayer extends Module {
 *     final Linear fc1 = module("fc1", new Linear(784, 128));
 *     final Linear fc2 = module("fc2", new Linear(128, 10));
 *     public Tensor forward(Tensor x) { return fc2.forward(fc1.forward(x).relu()); }
 * }
 * }</pre>
 */
public abstract class Module {
    private final Map<String, Tensor> params = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;
    private String name = "";

    /** Set while {@link Summary} traces a forward pass: hears each layer's output. */
    static final ThreadLocal<java.util.function.BiConsumer<Module, Tensor>> TRACER = new ThreadLocal<>();

    /** Computes the module's output. */
    public abstract Tensor forward(Tensor input);

    /**
     * Layers return their output through this so that {@link Summary} can see output shapes without
     * hooks; it returns output unchanged and costs one thread-local read.
     */
    protected final Tensor record(Tensor output) {
        var tracer = TRACER.get();
        if (tracer != null) tracer.accept(this, output);
        return output;
    }

    /** Registers a parameter (it will require grad) and returns it. */
    protected final Tensor param(String name, Tensor tensor) {
        checkName(name);
        if (!tensor.isLeaf()) tensor = tensor.detach();
        tensor.requiresGrad(true);
        params.put(name, tensor);
        return tensor;
    }

    /** Registers a buffer: saved in checkpoints, not trained. */
    protected final Tensor buffer(String name, Tensor tensor) {
        checkName(name);
        buffers.put(name, tensor);
        return tensor;
    }

    /** Registers a child module and returns it. */
    protected final <M extends Module> M module(String name, M child) {
        checkName(name);
        ((Module) child).name = name;
        children.put(name, child);
        return child;
    }

    private void checkName(String n) {
        if (n == null || n.isEmpty() || n.contains(".")) throw new IllegalArgumentException("module: invalid name '" + n + "' (non-empty, no dots)");
        if (params.containsKey(n) || buffers.containsKey(n) || children.containsKey(n)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": the name '" + n + "' is registered twice");
        }
    }

    /** The name this module was registered under in its parent ("" for a top-level model). */
    public String name() {
        return name;
    }

    /** A label for error messages: "Conv2d(conv1)". */
    protected String label() {
        return getClass().getSimpleName() + (name.isEmpty() ? "" : "(" + name + ")");
    }

    /** Replaces a registered parameter's tensor (used when loading a checkpoint of equal shape). */
    final void replaceParam(String n, Tensor t) {
        params.put(n, t);
    }

    public final List<Tensor> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** Parameters by dotted path, e.g. "features.0.weight", in registration order. */
    public final Map<String, Tensor> namedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out, true);
        return out;
    }

    /** Buffers by dotted path. */
    public final Map<String, Tensor> namedBuffers() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out, false);
        return out;
    }

    private void collect(String prefix, Map<String, Tensor> out, boolean wantParams) {
        (wantParams ? params : buffers).forEach((n, t) -> out.put(prefix + n, t));
        children.forEach((n, c) -> c.collect(prefix + n + ".", out, wantParams));
    }

    /** Direct children by name. */
    public final Map<String, Module> namedChildren() {
        return Collections.unmodifiableMap(children);
    }

    public final List<Module> children() {
        return new ArrayList<>(children.values());
    }

    /** This module's own parameters (not its children's), by name. */
    public final Map<String, Tensor> ownParameters() {
        return Collections.unmodifiableMap(params);
    }

    /** Total number of parameter values; only the trainable ones if trainableOnly. */
    public final long numParameters(boolean trainableOnly) {
        long n = 0;
        for (Tensor p : parameters()) if (!trainableOnly || p.requiresGrad()) n += p.numel();
        return n;
    }

    /** Training mode (dropout drops, batch norm uses batch statistics). Returns this. */
    public Module train() {
        return train(true);
    }

    /** Evaluation mode. Returns this. */
    public Module eval() {
        return train(false);
    }

    public Module train(boolean mode) {
        training = mode;
        for (Module c : children.values()) c.train(mode);
        return this;
    }

    public final boolean isTraining() {
        return training;
    }

    /** Clears every parameter's gradient. */
    public final void zeroGrad() {
        for (Tensor p : parameters()) p.zeroGrad();
    }

    /** Stops training this module's parameters (e.g. pretrained feature layers). Returns this. */
    public Module freeze() {
        for (Tensor p : parameters()) {
            p.requiresGrad(false);
            p.zeroGrad();
        }
        return this;
    }

    public Module unfreeze() {
        for (Tensor p : parameters()) p.requiresGrad(true);
        return this;
    }

    /** Copies of all parameters and buffers by dotted path. */
    public final Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        namedParameters().forEach((k, v) -> out.put(k, v.copy()));
        namedBuffers().forEach((k, v) -> out.put(k, v.copy()));
        return out;
    }

    /**
     * Loads values saved by {@link #stateDict()}. Every name must exist with the same shape; otherwise
     * nothing is changed and the message names the parameter.
     */
    public final void loadStateDict(Map<String, Tensor> state) {
        Map<String, Tensor> mine = new LinkedHashMap<>(namedParameters());
        mine.putAll(namedBuffers());
        for (var e : mine.entrySet()) {
            Tensor v = state.get(e.getKey());
            if (v == null) throw new IllegalArgumentException("loadStateDict: no value for '" + e.getKey() + "' in the checkpoint");
            if (!Arrays.equals(v.shape(), e.getValue().shape())) {
                throw new IllegalArgumentException("loadStateDict: '" + e.getKey() + "' has shape " + Arrays.toString(v.shape())
                        + " in the checkpoint but " + Arrays.toString(e.getValue().shape()) + " in the model");
            }
        }
        for (String k : state.keySet()) {
            if (!mine.containsKey(k)) throw new IllegalArgumentException("loadStateDict: the model has no parameter or buffer '" + k + "'");
        }
        try (var off = Lectern.noGrad()) {
            mine.forEach((k, t) -> t.copy_(state.get(k)));
        }
    }

    /** Layer-specific settings for printing, e.g. "784, 128, bias=true". */
    protected String extraRepr() {
        return "";
    }

    /** Prints the module tree like PyTorch. */
    @Override
    public String toString() {
        if (children.isEmpty()) return getClass().getSimpleName() + "(" + extraRepr() + ")";
        StringBuilder sb = new StringBuilder(getClass().getSimpleName()).append("(");
        String extra = extraRepr();
        if (!extra.isEmpty()) sb.append(extra);
        sb.append("\n");
        children.forEach((n, c) -> sb.append("  (").append(n).append("): ").append(c.toString().replace("\n", "\n  ")).append("\n"));
        return sb.append(")").toString();
    }
}
