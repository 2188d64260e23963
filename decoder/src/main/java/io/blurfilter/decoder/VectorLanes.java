package io.blurfilter.decoder;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** What the decoder's Vector API classes share: 8 int lanes, and bytes widened to them. */
final class VectorLanes {
    static final VectorSpecies<Integer> I = IntVector.SPECIES_256;
    static final VectorSpecies<Byte> B = ByteVector.SPECIES_64;
    static final int LANES = I.length();

    private VectorLanes() {}

    /** Whether 256-bit integer vectors are native here (else they would be emulated, slowly). */
    static boolean native256() {
        return IntVector.SPECIES_PREFERRED.vectorBitSize() >= 256;
    }

    /** Bytes {@code i .. i+7} as unsigned ints. */
    static IntVector unsigned(byte[] in, int i) {
        return ((IntVector) ByteVector.fromArray(B, in, i).convertShape(VectorOperators.B2I, I, 0)).and(0xFF);
    }
}
