package io.blurfilter.decoder;

import static io.blurfilter.decoder.InverseDct.CONST_BITS;
import static io.blurfilter.decoder.InverseDct.F0_211;
import static io.blurfilter.decoder.InverseDct.F0_298;
import static io.blurfilter.decoder.InverseDct.F0_390;
import static io.blurfilter.decoder.InverseDct.F0_509;
import static io.blurfilter.decoder.InverseDct.F0_541;
import static io.blurfilter.decoder.InverseDct.F0_601;
import static io.blurfilter.decoder.InverseDct.F0_765;
import static io.blurfilter.decoder.InverseDct.F0_899;
import static io.blurfilter.decoder.InverseDct.F1_061;
import static io.blurfilter.decoder.InverseDct.F1_175;
import static io.blurfilter.decoder.InverseDct.F1_451;
import static io.blurfilter.decoder.InverseDct.F1_501;
import static io.blurfilter.decoder.InverseDct.F1_847;
import static io.blurfilter.decoder.InverseDct.F1_961;
import static io.blurfilter.decoder.InverseDct.F2_053;
import static io.blurfilter.decoder.InverseDct.F2_172;
import static io.blurfilter.decoder.InverseDct.F2_562;
import static io.blurfilter.decoder.InverseDct.F3_072;
import static io.blurfilter.decoder.InverseDct.PASS1_BITS;
import static io.blurfilter.decoder.InverseDct.PASS1_ROUND;
import static io.blurfilter.decoder.InverseDct.PASS1_SHIFT;
import static io.blurfilter.decoder.InverseDct.PASS2_ROUND;
import static io.blurfilter.decoder.InverseDct.PASS2_SHIFT;
import static io.blurfilter.decoder.InverseDct.QUARTER1_ROUND;
import static io.blurfilter.decoder.InverseDct.QUARTER1_SHIFT;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link InverseDct}'s 8x8 IDCT (libjpeg's {@code jidctint.c}) and its 4x4 one ({@code jidctred.c}) with the Vector API, giving the same
 * samples for every input, overflowing ones included. Loaded only through {@link VectorPaths}, where
 * {@code jdk.incubator.vector} is present.
 *
 * <p>Pass 1 runs the column butterfly on all 8 columns at once (lanes = columns, each input row one
 * vector). A column whose AC inputs are all zero takes libjpeg's shortcut, DC &lt;&lt; 2, which differs
 * from the butterfly when the DC term overflows int: the shortcut is blended in by a lane mask, so
 * both give what the plain code gives. Pass 2 writes one output row at a time as 8 lanes: each row's
 * butterfly is a Z-linear map, so mod 2^32 it equals a matrix product whose weights are the
 * butterfly applied to unit inputs ({@link #ROW}); rows with no AC take the same shortcut as the
 * plain code. libjpeg's range-limit table (low 10 bits, wrapped, clamped) is computed lane-wise.
 */
final class VectorInverseDct implements InverseDct.Vector {
    private static final VectorSpecies<Integer> I = VectorLanes.I;
    private static final VectorSpecies<Short> S = ShortVector.SPECIES_128;
    private static final VectorSpecies<Byte> B = VectorLanes.B;
    /** ROW[c * 8 + j]: the weight of input c in output j of one pass-2 row, mod 2^32. */
    private static final int[] ROW = new int[64];

    static {
        for (int c = 0; c < 8; c++) {
            int[] d = new int[8];
            d[c] = 1;
            int[] o = rowButterfly(d);
            System.arraycopy(o, 0, ROW, c * 8, 8);
        }
    }

    private VectorInverseDct() {}

    /** The instance, or null where 256-bit integer vectors are not native (they would be emulated, slowly). */
    public static InverseDct.Vector create() {
        return VectorLanes.native256() ? new VectorInverseDct() : null;
    }

    /** jidctint.c's row butterfly without the rounding term, for the weights. */
    private static int[] rowButterfly(int[] d) {
        int z1 = (d[2] + d[6]) * F0_541;
        int tmp2 = z1 - d[6] * F1_847;
        int tmp3 = z1 + d[2] * F0_765;
        int tmp0 = (d[0] + d[4]) << CONST_BITS;
        int tmp1 = (d[0] - d[4]) << CONST_BITS;
        int tmp10 = tmp0 + tmp3;
        int tmp13 = tmp0 - tmp3;
        int tmp11 = tmp1 + tmp2;
        int tmp12 = tmp1 - tmp2;
        int z5 = (d[7] + d[3] + d[5] + d[1]) * F1_175;
        int za = -(d[7] + d[1]) * F0_899;
        int zb = -(d[5] + d[3]) * F2_562;
        int zc = -(d[7] + d[3]) * F1_961 + z5;
        int zd = -(d[5] + d[1]) * F0_390 + z5;
        int o0 = d[7] * F0_298 + za + zc;
        int o1 = d[5] * F2_053 + zb + zd;
        int o2 = d[3] * F3_072 + zb + zc;
        int o3 = d[1] * F1_501 + za + zd;
        return new int[] {tmp10 + o3, tmp11 + o2, tmp12 + o1, tmp13 + o0, tmp13 - o0, tmp12 - o1, tmp11 - o2, tmp10 - o3};
    }

    private static IntVector row(short[] in, int i) {
        return (IntVector) ShortVector.fromArray(S, in, i).convertShape(VectorOperators.S2I, I, 0);
    }

    @Override
    public void full(short[] in, int at, int[] q, byte[] out, int outAt, int stride, int[] ws) {
        IntVector d0 = row(in, at);
        IntVector d1 = row(in, at + 8);
        IntVector d2 = row(in, at + 16);
        IntVector d3 = row(in, at + 24);
        IntVector d4 = row(in, at + 32);
        IntVector d5 = row(in, at + 40);
        IntVector d6 = row(in, at + 48);
        IntVector d7 = row(in, at + 56);
        VectorMask<Integer> empty = d1.or(d2).or(d3).or(d4).or(d5).or(d6).or(d7).compare(VectorOperators.EQ, 0);
        d0 = d0.mul(IntVector.fromArray(I, q, 0));
        d1 = d1.mul(IntVector.fromArray(I, q, 8));
        d2 = d2.mul(IntVector.fromArray(I, q, 16));
        d3 = d3.mul(IntVector.fromArray(I, q, 24));
        d4 = d4.mul(IntVector.fromArray(I, q, 32));
        d5 = d5.mul(IntVector.fromArray(I, q, 40));
        d6 = d6.mul(IntVector.fromArray(I, q, 48));
        d7 = d7.mul(IntVector.fromArray(I, q, 56));
        IntVector z1 = d2.add(d6).mul(F0_541);
        IntVector tmp2 = z1.sub(d6.mul(F1_847));
        IntVector tmp3 = z1.add(d2.mul(F0_765));
        IntVector tmp0 = d0.add(d4).lanewise(VectorOperators.LSHL, CONST_BITS).add(PASS1_ROUND);
        IntVector tmp1 = d0.sub(d4).lanewise(VectorOperators.LSHL, CONST_BITS).add(PASS1_ROUND);
        IntVector tmp10 = tmp0.add(tmp3);
        IntVector tmp13 = tmp0.sub(tmp3);
        IntVector tmp11 = tmp1.add(tmp2);
        IntVector tmp12 = tmp1.sub(tmp2);
        IntVector z5 = d7.add(d3).add(d5).add(d1).mul(F1_175);
        IntVector za = d7.add(d1).mul(-F0_899);
        IntVector zb = d5.add(d3).mul(-F2_562);
        IntVector zc = d7.add(d3).mul(-F1_961).add(z5);
        IntVector zd = d5.add(d1).mul(-F0_390).add(z5);
        IntVector o0 = d7.mul(F0_298).add(za).add(zc);
        IntVector o1 = d5.mul(F2_053).add(zb).add(zd);
        IntVector o2 = d3.mul(F3_072).add(zb).add(zc);
        IntVector o3 = d1.mul(F1_501).add(za).add(zd);
        IntVector dc = d0.lanewise(VectorOperators.LSHL, PASS1_BITS);
        // each pass-1 row descaled, the DC shortcut in the lanes of empty columns; written out, not a
        // helper: C2 stops inlining in this method (NodeCountInliningCutoff), and a helper it does not
        // inline gets boxed vectors and the Vector API's slow fallback
        tmp10.add(o3).lanewise(VectorOperators.ASHR, PASS1_SHIFT).blend(dc, empty).intoArray(ws, 0);
        tmp10.sub(o3).lanewise(VectorOperators.ASHR, PASS1_SHIFT).blend(dc, empty).intoArray(ws, 56);
        tmp11.add(o2).lanewise(VectorOperators.ASHR, PASS1_SHIFT).blend(dc, empty).intoArray(ws, 8);
        tmp11.sub(o2).lanewise(VectorOperators.ASHR, PASS1_SHIFT).blend(dc, empty).intoArray(ws, 48);
        tmp12.add(o1).lanewise(VectorOperators.ASHR, PASS1_SHIFT).blend(dc, empty).intoArray(ws, 16);
        tmp12.sub(o1).lanewise(VectorOperators.ASHR, PASS1_SHIFT).blend(dc, empty).intoArray(ws, 40);
        tmp13.add(o0).lanewise(VectorOperators.ASHR, PASS1_SHIFT).blend(dc, empty).intoArray(ws, 24);
        tmp13.sub(o0).lanewise(VectorOperators.ASHR, PASS1_SHIFT).blend(dc, empty).intoArray(ws, 32);

        int[] a = ROW;
        IntVector a0 = IntVector.fromArray(I, a, 0);
        IntVector a1 = IntVector.fromArray(I, a, 8);
        IntVector a2 = IntVector.fromArray(I, a, 16);
        IntVector a3 = IntVector.fromArray(I, a, 24);
        IntVector a4 = IntVector.fromArray(I, a, 32);
        IntVector a5 = IntVector.fromArray(I, a, 40);
        IntVector a6 = IntVector.fromArray(I, a, 48);
        IntVector a7 = IntVector.fromArray(I, a, 56);
        for (int w = 0, o = outAt; w < 64; w += 8, o += stride) {
            int e0 = ws[w];
            int e1 = ws[w + 1];
            int e2 = ws[w + 2];
            int e3 = ws[w + 3];
            int e4 = ws[w + 4];
            int e5 = ws[w + 5];
            int e6 = ws[w + 6];
            int e7 = ws[w + 7];
            IntVector x;
            if ((e1 | e2 | e3 | e4 | e5 | e6 | e7) == 0) {
                x = IntVector.broadcast(I, (e0 + (1 << (PASS1_BITS + 2))) >> (PASS1_BITS + 3));
            } else {
                x = a0.mul(e0).add(a1.mul(e1)).add(a2.mul(e2)).add(a3.mul(e3)).add(a4.mul(e4)).add(a5.mul(e5))
                        .add(a6.mul(e6)).add(a7.mul(e7)).add(PASS2_ROUND).lanewise(VectorOperators.ASHR, PASS2_SHIFT);
            }
            // the range table: the low 10 bits as a signed value, + 128, clamped to 0..255
            x = x.lanewise(VectorOperators.LSHL, 22).lanewise(VectorOperators.ASHR, 22).add(128).max(0).min(255);
            x.convertShape(VectorOperators.I2B, B, 0).reinterpretAsBytes().intoArray(out, o);
        }
    }

    /**
     * The 4x4 IDCT: pass 1 on all 8 columns as lanes (column 4, which pass 2 does not read, comes
     * along), the DC shortcut blended in per lane as in {@link #full}; pass 2 is the plain code's.
     */
    @Override
    public void quarter(short[] in, int at, int[] q, byte[] out, int outAt, int stride, int[] ws) {
        IntVector d0 = row(in, at);
        IntVector d1 = row(in, at + 8);
        IntVector d2 = row(in, at + 16);
        IntVector d3 = row(in, at + 24);
        IntVector d5 = row(in, at + 40);
        IntVector d6 = row(in, at + 48);
        IntVector d7 = row(in, at + 56);
        VectorMask<Integer> empty = d1.or(d2).or(d3).or(d5).or(d6).or(d7).compare(VectorOperators.EQ, 0);
        d0 = d0.mul(IntVector.fromArray(I, q, 0));
        d1 = d1.mul(IntVector.fromArray(I, q, 8));
        d2 = d2.mul(IntVector.fromArray(I, q, 16));
        d3 = d3.mul(IntVector.fromArray(I, q, 24));
        d5 = d5.mul(IntVector.fromArray(I, q, 40));
        d6 = d6.mul(IntVector.fromArray(I, q, 48));
        d7 = d7.mul(IntVector.fromArray(I, q, 56));
        IntVector even0 = d0.lanewise(VectorOperators.LSHL, CONST_BITS + 1).add(QUARTER1_ROUND);
        IntVector even2 = d2.mul(F1_847).sub(d6.mul(F0_765));
        IntVector tmp10 = even0.add(even2);
        IntVector tmp12 = even0.sub(even2);
        IntVector odd0 = d7.mul(-F0_211).add(d5.mul(F1_451)).sub(d3.mul(F2_172)).add(d1.mul(F1_061));
        IntVector odd2 = d7.mul(-F0_509).sub(d5.mul(F0_601)).add(d3.mul(F0_899)).add(d1.mul(F2_562));
        IntVector dc = d0.lanewise(VectorOperators.LSHL, PASS1_BITS);
        // written out as in full(), for the same reason
        tmp10.add(odd2).lanewise(VectorOperators.ASHR, QUARTER1_SHIFT).blend(dc, empty).intoArray(ws, 0);
        tmp12.add(odd0).lanewise(VectorOperators.ASHR, QUARTER1_SHIFT).blend(dc, empty).intoArray(ws, 8);
        tmp12.sub(odd0).lanewise(VectorOperators.ASHR, QUARTER1_SHIFT).blend(dc, empty).intoArray(ws, 16);
        tmp10.sub(odd2).lanewise(VectorOperators.ASHR, QUARTER1_SHIFT).blend(dc, empty).intoArray(ws, 24);
        InverseDct.quarterRows(ws, out, outAt, stride);
    }
}
