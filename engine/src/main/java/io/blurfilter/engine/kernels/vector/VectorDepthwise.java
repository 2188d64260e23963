package io.blurfilter.engine.kernels.vector;

import static io.blurfilter.engine.kernels.vector.Lanes.L;
import static io.blurfilter.engine.kernels.vector.Lanes.S;

import io.blurfilter.engine.kernels.fast.ConvParams;
import io.blurfilter.engine.kernels.fast.FusedActivation;
import io.blurfilter.engine.kernels.fast.PlainDepthwise;
import io.blurfilter.engine.runtime.Layer;
import jdk.incubator.vector.FloatVector;

/**
 * Depthwise convolution over NHWC, vectorized over channels. An interior output row is cut into
 * "units", each one vector of output: one channel vector of one pixel when C is a multiple of the
 * vector length, or L/C whole pixels when C divides it (stride 1 only, e.g. 8 channels). Four units
 * run at once, each keeping its accumulator in a register over all taps in a single flattened loop
 * (JDK 17 spills accumulators carried through nested ky/kx loops). Edge pixels check each tap.
 */
final class VectorDepthwise implements Layer {
    private final ConvParams p;
    private final int in;
    private final int out;
    /** Weights as [tap][R] and bias as [R], R = max(C, L), repeated across pixels when C < L. */
    private final float[] w;
    private final float[] bias;
    private final int rowWidth;
    /** Tap input offsets from a unit's window origin. */
    private final int[] tapOffset;
    /** Per unit of an interior row: input and output offsets from the row's origin, weight offset. */
    private final int[] unitIn;
    private final int[] unitOut;
    private final int[] unitW;
    /** Interior output columns that the units cover: [colLo, colCovered). */
    private final int colLo;
    private final int colCovered;
    private final boolean channelVectors;
    private final float[] wTapMajor;
    private final FusedActivation scalarAct;
    private final VectorActivation act;

    static boolean supports(ConvParams p) {
        return p.inC % L == 0 || (p.strideW == 1 && L % p.inC == 0);
    }

    VectorDepthwise(ConvParams p, int in, int out) {
        this.p = p;
        this.in = in;
        this.out = out;
        int c = p.inC;
        this.channelVectors = c % L == 0;
        this.rowWidth = Math.max(c, L);
        this.wTapMajor = PlainDepthwise.packTapMajor(p);
        this.w = new float[p.taps() * rowWidth];
        this.bias = new float[rowWidth];
        for (int j = 0; j < rowWidth; j++) {
            bias[j] = p.bias[j % c];
            for (int t = 0; t < p.taps(); t++) {
                w[t * rowWidth + j] = wTapMajor[t * c + j % c];
            }
        }
        this.tapOffset = PlainDepthwise.tapOffsets(p);
        this.colLo = p.firstInsideCol();
        int colHi = Math.max(colLo, p.endInsideCol());
        int pixelsPerUnit = channelVectors ? 1 : L / c;
        int unitsPerPixelStep = channelVectors ? c / L : 1;
        int steps = (colHi - colLo) / pixelsPerUnit;
        this.colCovered = colLo + steps * pixelsPerUnit;
        int units = steps * unitsPerPixelStep;
        unitIn = new int[units];
        unitOut = new int[units];
        unitW = new int[units];
        int u = 0;
        for (int s = 0; s < steps; s++) {
            int ox = colLo + s * pixelsPerUnit;
            for (int v = 0; v < unitsPerPixelStep; v++, u++) {
                int cv = channelVectors ? v * L : 0;
                unitIn[u] = (ox * p.strideW - p.padLeft) * c + cv;
                unitOut[u] = ox * c + cv;
                unitW[u] = cv;
            }
        }
        this.scalarAct = new FusedActivation(p.act);
        this.act = new VectorActivation(scalarAct);
    }

    @Override
    public void forward(float[][] slots) {
        float[] x = slots[in];
        float[] y = slots[out];
        int c = p.inC;
        int rowLo = p.firstInsideRow();
        int rowHi = Math.max(rowLo, p.endInsideRow());
        for (int n = 0; n < p.batch; n++) {
            int xImage = n * p.inH * p.inW * c;
            int yImage = n * p.outH * p.outW * c;
            for (int oy = 0; oy < p.outH; oy++) {
                if (oy < rowLo || oy >= rowHi) {
                    edge(x, xImage, y, yImage, oy, 0, p.outW);
                    continue;
                }
                interiorRow(x, xImage + (oy * p.strideH - p.padTop) * p.inW * c, y, yImage + oy * p.outW * c);
                edge(x, xImage, y, yImage, oy, 0, colLo);
                edge(x, xImage, y, yImage, oy, colCovered, p.outW);
            }
        }
    }

    private void interiorRow(float[] x, int xr, float[] y, int yr) {
        int units = unitIn.length;
        int u = 0;
        for (; u + 4 <= units; u += 4) {
            quad(x, xr, y, yr, u);
        }
        for (; u < units; u++) {
            int xi = xr + unitIn[u];
            int wo = unitW[u];
            FloatVector acc = FloatVector.fromArray(S, bias, wo);
            for (int t = 0; t < tapOffset.length; t++) {
                acc = FloatVector.fromArray(S, x, xi + tapOffset[t]).fma(FloatVector.fromArray(S, w, t * rowWidth + wo), acc);
            }
            store(acc, y, yr + unitOut[u]);
        }
    }

    private void quad(float[] x, int xr, float[] y, int yr, int u) {
        int i0 = xr + unitIn[u];
        int i1 = xr + unitIn[u + 1];
        int i2 = xr + unitIn[u + 2];
        int i3 = xr + unitIn[u + 3];
        int w0 = unitW[u];
        int w1 = unitW[u + 1];
        int w2 = unitW[u + 2];
        int w3 = unitW[u + 3];
        FloatVector a0 = FloatVector.fromArray(S, bias, w0);
        FloatVector a1 = FloatVector.fromArray(S, bias, w1);
        FloatVector a2 = FloatVector.fromArray(S, bias, w2);
        FloatVector a3 = FloatVector.fromArray(S, bias, w3);
        for (int t = 0; t < tapOffset.length; t++) {
            int to = tapOffset[t];
            int tw = t * rowWidth;
            a0 = FloatVector.fromArray(S, x, i0 + to).fma(FloatVector.fromArray(S, w, tw + w0), a0);
            a1 = FloatVector.fromArray(S, x, i1 + to).fma(FloatVector.fromArray(S, w, tw + w1), a1);
            a2 = FloatVector.fromArray(S, x, i2 + to).fma(FloatVector.fromArray(S, w, tw + w2), a2);
            a3 = FloatVector.fromArray(S, x, i3 + to).fma(FloatVector.fromArray(S, w, tw + w3), a3);
        }
        store(a0, y, yr + unitOut[u]);
        store(a1, y, yr + unitOut[u + 1]);
        store(a2, y, yr + unitOut[u + 2]);
        store(a3, y, yr + unitOut[u + 3]);
    }

    private void store(FloatVector acc, float[] y, int yo) {
        act.apply(acc).intoArray(y, yo);
        act.finish(y, yo, yo + L);
    }

    /** Output columns [from, to) of row oy, checking every tap. */
    private void edge(float[] x, int xImage, float[] y, int yImage, int oy, int from, int to) {
        int c = p.inC;
        for (int ox = from; ox < to; ox++) {
            int yo = yImage + (oy * p.outW + ox) * c;
            if (channelVectors) {
                edgeVectors(x, xImage, oy, ox, y, yo);
            } else {
                PlainDepthwise.borderPixel(p, wTapMajor, x, xImage, oy, ox, y, yo, 0, c);
                scalarAct.apply(y, yo, yo + c);
            }
        }
    }

    private void edgeVectors(float[] x, int xImage, int oy, int ox, float[] y, int yo) {
        int c = p.inC;
        int y0 = oy * p.strideH - p.padTop;
        int x0 = ox * p.strideW - p.padLeft;
        int kyLo = Math.max(0, ceilDiv(-y0, p.dilH));
        int kyHi = Math.min(p.kH, ceilDiv(p.inH - y0, p.dilH));
        int kxLo = Math.max(0, ceilDiv(-x0, p.dilW));
        int kxHi = Math.min(p.kW, ceilDiv(p.inW - x0, p.dilW));
        for (int cv = 0; cv < c; cv += L) {
            FloatVector acc = FloatVector.fromArray(S, bias, cv);
            for (int ky = kyLo; ky < kyHi; ky++) {
                int row = xImage + ((y0 + ky * p.dilH) * p.inW) * c + cv;
                for (int kx = kxLo; kx < kxHi; kx++) {
                    int xo = row + (x0 + kx * p.dilW) * c;
                    acc = FloatVector.fromArray(S, x, xo)
                            .fma(FloatVector.fromArray(S, w, (ky * p.kW + kx) * rowWidth + cv), acc);
                }
            }
            store(acc, y, yo + cv);
        }
    }

    private static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }
}
