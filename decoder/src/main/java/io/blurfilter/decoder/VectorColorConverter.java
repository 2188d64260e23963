package io.blurfilter.decoder;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ColorConverter}'s YCbCr to ARGB with the Vector API, 8 pixels per step: the plain code's
 * table entries are libjpeg's fixed-point products, computed here lane-wise with the same int
 * operations (no term overflows), so every pixel is the same. Loaded only through {@link VectorPaths}.
 */
final class VectorColorConverter implements ColorConverter.Ycc {
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_256;
    private static final VectorSpecies<Byte> B = ByteVector.SPECIES_64;
    private static final int LANES = I.length();

    private VectorColorConverter() {}

    /** The instance, or null where 256-bit integer vectors are not native. */
    public static ColorConverter.Ycc create() {
        return IntVector.SPECIES_PREFERRED.vectorBitSize() >= 256 ? new VectorColorConverter() : null;
    }

    private static IntVector unsigned(byte[] plane, int i) {
        return ((IntVector) ByteVector.fromArray(B, plane, i).convertShape(VectorOperators.B2I, I, 0)).and(0xFF);
    }

    private static IntVector clamp(IntVector v) {
        return v.max(0).min(255);
    }

    @Override
    public void toArgb(byte[] yp, byte[] cbp, byte[] crp, int[] argb, int n) {
        int i = 0;
        for (int end = n - LANES; i <= end; i += LANES) {
            IntVector y = unsigned(yp, i);
            IntVector cb = unsigned(cbp, i).sub(128);
            IntVector cr = unsigned(crp, i).sub(128);
            IntVector r = clamp(y.add(cr.mul(ColorConverter.CR_R_FACTOR).add(ColorConverter.HALF)
                    .lanewise(VectorOperators.ASHR, 16)));
            IntVector g = clamp(y.add(cb.mul(ColorConverter.CB_G_FACTOR).add(ColorConverter.HALF)
                    .add(cr.mul(ColorConverter.CR_G_FACTOR)).lanewise(VectorOperators.ASHR, 16)));
            IntVector b = clamp(y.add(cb.mul(ColorConverter.CB_B_FACTOR).add(ColorConverter.HALF)
                    .lanewise(VectorOperators.ASHR, 16)));
            r.lanewise(VectorOperators.LSHL, 16).or(g.lanewise(VectorOperators.LSHL, 8)).or(b).or(0xFF000000)
                    .intoArray(argb, i);
        }
        for (; i < n; i++) {
            argb[i] = ColorConverter.ycc(yp[i] & 0xFF, cbp[i] & 0xFF, crp[i] & 0xFF);
        }
    }
}
