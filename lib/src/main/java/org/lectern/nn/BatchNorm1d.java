package org.lectern.nn;

import java.util.Arrays;

/** Batch norm for [N, C] or [N, C, L] inputs. */
public final class BatchNorm1d extends BatchNorm {
    public BatchNorm1d(int numFeatures) {
        super(numFeatures, 1e-5f, 0.1f);
    }

    @Override
    int[] reduceDims(int[] s) {
        if ((s.length != 2 && s.length != 3) || s[1] != numFeatures) {
            throw new IllegalArgumentException(label() + ": expected input [N, " + numFeatures + "] or [N, " + numFeatures + ", L], got shape " + Arrays.toString(s));
        }
        return s.length == 2 ? new int[] {0} : new int[] {0, 2};
    }

    @Override
    int[] featureShape(int rank) {
        return rank == 2 ? new int[] {1, numFeatures} : new int[] {1, numFeatures, 1};
    }
}
