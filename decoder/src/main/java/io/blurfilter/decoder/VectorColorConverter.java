package io.blurfilter.decoder;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * {@link ColorConverter}'s YCbCr to ARGB with the Vector API, 8 pixels per step: the plain code's
 * table entries are libjpeg's fixed-point products, computed here lane-wise with the same int
 * operations (no term overflows), so every pixel is the same. Loaded only through {@link VectorPaths}.
 */
final class VectorColorConverter implements ColorConverter.Ycc {
    private static final int LANES = VectorLanes.LANES;

    private VectorColorConverter() {}

    /** The instance, or null where 256-bit integer vectors are not native. */
    public static ColorConverter.Ycc create() {
        return VectorLanes.native256() ? new VectorColorConverter() : null;
    }

    private static IntVector clamp(IntVector v) {
        return v.max(0).min(255);
    }

    @Override
    public void toArgb(byte[] yp, byte[] cbp, byte[] crp, int[] argb, int n) {
        int i = 0;
        for (int end = n - LANES; i <= end; i += LANES) {
            IntVector y = VectorLanes.unsigned(yp, i);
            IntVector cb = VectorLanes.unsigned(cbp, i).sub(128);
            IntVector cr = VectorLanes.unsigned(crp, i).sub(128);
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
