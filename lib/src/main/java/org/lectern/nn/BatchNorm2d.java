package org.lectern.nn;

import java.util.Arrays;

/** Batch norm for [N, C, H, W] inputs: one mean and variance per channel. */
public final class BatchNorm2d extends BatchNorm {
    public BatchNorm2d(int numFeatures) {
        super(numFeatures, 1e-5f, 0.1f);
    }

    @Override
    int[] reduceDims(int[] s) {
        if (s.length != 4 || s[1] != numFeatures) {
            throw new IllegalArgumentException(label() + ": expected input [N, " + numFeatures + ", H, W], got shape " + Arrays.toString(s));
        }
        return new int[] {0, 2, 3};
    }

    @Override
    int[] featureShape(int rank) {
        return new int[] {1, numFeatures, 1, 1};
    }
}
