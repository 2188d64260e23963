package io.blurfilter.decoder;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Upsampler}'s 2x2 fancy filter with the Vector API, 8 input columns per step, the same int
 * operations as the plain code. An output pair (even, odd), both 0..255, is one short, even | odd
 * &lt;&lt; 8, stored as two bytes (the Vector API's byte order is little-endian), so no lane shuffle
 * interleaves them. Loaded only through {@link VectorPaths}.
 */
final class VectorUpsampler implements Upsampler.Fancy {
    private static final VectorSpecies<Integer> I = VectorLanes.I;
    private static final VectorSpecies<Short> S = ShortVector.SPECIES_128;
    private static final int LANES = VectorLanes.LANES;

    private VectorUpsampler() {}

    /** The instance, or null where 256-bit integer vectors are not native. */
    public static Upsampler.Fancy create() {
        return VectorLanes.native256() ? new VectorUpsampler() : null;
    }

    @Override
    public int columnSums(byte[] in, int near, int far, int[] sums, int from, int to) {
        int x = from;
        for (int end = to - LANES; x <= end; x += LANES) {
            VectorLanes.unsigned(in, near + x).mul(3).add(VectorLanes.unsigned(in, far + x)).intoArray(sums, x);
        }
        return x;
    }

    @Override
    public int bothPairs(int[] sums, int from, int end, byte[] out, int o) {
        int i = from;
        for (int last = end - LANES + 1; i <= last; i += LANES) {
            IntVector s3 = IntVector.fromArray(I, sums, i).mul(3);
            IntVector even = s3.add(IntVector.fromArray(I, sums, i - 1)).add(8).lanewise(VectorOperators.ASHR, 4);
            IntVector odd = s3.add(IntVector.fromArray(I, sums, i + 1)).add(7).lanewise(VectorOperators.ASHR, 4);
            even.or(odd.lanewise(VectorOperators.LSHL, 8)).convertShape(VectorOperators.I2S, S, 0).reinterpretAsBytes()
                    .intoArray(out, o + 2 * i);
        }
        return i;
    }
}
