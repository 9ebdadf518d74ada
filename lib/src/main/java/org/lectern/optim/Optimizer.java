package org.lectern.optim;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lectern.Lectern;
import org.lectern.Tensor;

/**
 * Updates parameters in place from their gradients. Subclasses define the rule for one parameter;
 * {@link #step()} applies it to every parameter that has a gradient (frozen ones have none).
 */
public abstract class Optimizer {
    protected final List<Tensor> params;
    protected float lr;
    private final Map<Tensor, Map<String, Tensor>> state = new IdentityHashMap<>();
    protected long steps;

    protected Optimizer(List<Tensor> params, float lr) {
        if (params.isEmpty()) throw new IllegalArgumentException(getClass().getSimpleName() + ": got an empty parameter list");
        if (!(lr >= 0)) throw new IllegalArgumentException(getClass().getSimpleName() + ": learning rate must be ≥ 0, got " + lr);
        this.params = new ArrayList<>(params);
        this.lr = lr;
    }

    public float lr() {
        return lr;
    }

    /** Sets the learning rate (schedulers call this). */
    public void setLr(float lr) {
        this.lr = lr;
    }

    public List<Tensor> params() {
        return List.copyOf(params);
    }

    /** Number of steps taken. */
    public long steps() {
        return steps;
    }

    public void zeroGrad() {
        for (Tensor p : params) p.zeroGrad();
    }

    /** One update of every parameter that has a gradient. */
    public void step() {
        steps++;
        try (var off = Lectern.noGrad()) {
            for (Tensor p : params) {
                if (p.grad() != null) update(p, p.grad(), state.computeIfAbsent(p, k -> new LinkedHashMap<>()));
            }
        }
    }

    /** The rule for one parameter; perParam holds buffers such as momentum, kept across steps. */
    protected abstract void update(Tensor param, Tensor grad, Map<String, Tensor> perParam);

    /** Buffers by "index.name" plus "lr" and "steps", for checkpoints. */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("lr", Tensor.scalar(lr));
        out.put("steps", Tensor.scalar(steps));
        for (int i = 0; i < params.size(); i++) {
            Map<String, Tensor> s = state.get(params.get(i));
            if (s == null) continue;
            for (var e : s.entrySet()) out.put(i + "." + e.getKey(), e.getValue().copy());
        }
        return out;
    }

    /** Restores what {@link #stateDict()} saved; buffers must match their parameter's shape (0-d counters aside). */
    public void loadStateDict(Map<String, Tensor> saved) {
        Map<Tensor, Map<String, Tensor>> restored = new IdentityHashMap<>();
        for (var e : saved.entrySet()) {
            String k = e.getKey();
            if (k.equals("lr") || k.equals("steps")) continue;
            int dot = k.indexOf('.');
            int i;
            try {
                i = Integer.parseInt(k.substring(0, Math.max(dot, 0)));
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("loadStateDict: unexpected optimizer entry '" + k + "'");
            }
            if (i < 0 || i >= params.size()) throw new IllegalArgumentException("loadStateDict: entry '" + k + "' names parameter " + i + " but the optimizer has " + params.size());
            // per-parameter buffers have the parameter's shape; 0-d entries are counters (Adam's step t)
            if (e.getValue().dim() != 0 && !java.util.Arrays.equals(e.getValue().shape(), params.get(i).shape())) {
                throw new IllegalArgumentException("loadStateDict: optimizer state '" + k + "' has shape " + java.util.Arrays.toString(e.getValue().shape())
                        + " but parameter " + i + " has shape " + java.util.Arrays.toString(params.get(i).shape()));
            }
            restored.computeIfAbsent(params.get(i), p -> new LinkedHashMap<>()).put(k.substring(dot + 1), e.getValue().copy());
        }
        state.clear();
        state.putAll(restored);
        if (saved.containsKey("lr")) lr = saved.get("lr").item();
        if (saved.containsKey("steps")) steps = (long) saved.get("steps").item();
    }
}
