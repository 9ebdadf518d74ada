package org.lectern.nn;

import org.lectern.Tensor;

/** y = x·Wᵀ + b, with weight [out, in] as in PyTorch. Input [..., in]. */
public final class Linear extends Module {
    public final int inFeatures, outFeatures;
    public final Tensor weight, bias;

    public Linear(int inFeatures, int outFeatures) {
        this(inFeatures, outFeatures, true);
    }

    public Linear(int inFeatures, int outFeatures, boolean bias) {
        if (inFeatures <= 0 || outFeatures <= 0) {
            throw new IllegalArgumentException("Linear: features must be positive, got " + inFeatures + " → " + outFeatures);
        }
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        weight = param("weight", Init.pytorchDefault(Tensor.zeros(outFeatures, inFeatures), inFeatures));
        this.bias = bias ? param("bias", Init.pytorchDefault(Tensor.zeros(outFeatures), inFeatures)) : null;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.dim() == 0 || x.size(-1) != inFeatures) {
            throw new IllegalArgumentException(label() + ": expected input with last dimension " + inFeatures + ", got shape "
                    + java.util.Arrays.toString(x.shape()));
        }
        return record(x.linear(weight, bias));
    }

    @Override
    protected String extraRepr() {
        return "inFeatures=" + inFeatures + ", outFeatures=" + outFeatures + ", bias=" + (bias != null);
    }
}
