package org.lectern.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** Species facts; loaded only when the Vector API is present (see {@link Simd}). */
final class VectorInfo {
    private VectorInfo() {}

    static String describe() {
        VectorSpecies<Float> s = FloatVector.SPECIES_PREFERRED;
        return "Vector API, FloatVector " + s.vectorBitSize() + "-bit, " + s.length() + " lanes";
    }

    static int lanes() {
        return FloatVector.SPECIES_PREFERRED.length();
    }
}
