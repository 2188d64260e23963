package io.blurfilter.engine.kernels.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The one vector shape all kernels use. A static final species is a compile-time constant to C2, which
 * it needs to turn vector operations into instructions (anything else runs the slow Java fallback).
 */
final class Lanes {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();

    private Lanes() {}
}
