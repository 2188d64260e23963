package io.blurfilter.decoder;

/**
 * One scan of a progressive file: a band of coefficients (Ss..Se in zig-zag order) at one bit
 * position (Al), either first seen (Ah = 0) or refined by one more bit. Coefficients accumulate in
 * the component's store; the inverse DCT runs once all scans are read.
 */
final class ProgressiveBlocks implements BlockDecoder {
    private final EntropyReader in;
    private final FrameComponent[] scanComponents;
    private final int start;
    private final int end;
    private final int high;
    private final int low;
    /** Blocks left in the current end-of-band run (AC scans only). */
    private int endOfBandRun;

    ProgressiveBlocks(EntropyReader in, FrameComponent[] scanComponents, int start, int end, int high, int low) {
        this.in = in;
        this.scanComponents = scanComponents;
        this.start = start;
        this.end = end;
        this.high = high;
        this.low = low;
    }

    @Override
    public void decode(FrameComponent c, int blockX, int blockY) throws DecodeException {
        int at = (blockY * c.blocksPerLine + blockX) * 64;
        short[] coef = c.coefficients;
        if (start == 0) {
            if (high == 0) {
                c.dcPredictor += in.dcDifference(c.dcTable);
                coef[at] = (short) (c.dcPredictor << low);
            } else if (in.bit() != 0) {
                coef[at] |= (short) (1 << low);
            }
        } else if (high == 0) {
            firstAc(c, coef, at);
        } else {
            refineAc(c, coef, at);
        }
    }

    private void firstAc(FrameComponent c, short[] coef, int at) throws DecodeException {
        if (endOfBandRun > 0) {
            endOfBandRun--;
            return;
        }
        for (int k = start; k <= end; k++) {
            int rs = c.acTable.decode(in);
            int run = rs >>> 4;
            int size = rs & 15;
            if (size == 0) {
                if (run < 15) {
                    endOfBandRun = (1 << run) - 1 + in.bits(run);
                    return;
                }
                k += 15;
                continue;
            }
            k += run;
            if (k > 63) {
                throw new DecodeException("corrupt JPEG: a block has more than 64 coefficients");
            }
            coef[at + ZigZag.NATURAL[k]] = (short) (in.receiveExtend(size) << low);
        }
    }

    /**
     * Refinement (G.1.2.3 of the standard): coefficients already non-zero get one correction bit each;
     * runs count only zero coefficients, and a newly non-zero one is +-1 at this bit position.
     */
    private void refineAc(FrameComponent c, short[] coef, int at) throws DecodeException {
        int plus = 1 << low;
        int minus = -1 << low;
        int k = start;
        if (endOfBandRun == 0) {
            for (; k <= end; k++) {
                int rs = c.acTable.decode(in);
                int zeros = rs >>> 4;
                int size = rs & 15;
                int value = 0;
                if (size != 0) {
                    if (size != 1) {
                        throw new DecodeException("corrupt JPEG: invalid refinement coefficient size " + size);
                    }
                    value = in.bit() != 0 ? plus : minus;
                } else if (zeros != 15) {
                    endOfBandRun = (1 << zeros) + in.bits(zeros);
                    break;
                }
                while (k <= end) {
                    int z = at + ZigZag.NATURAL[k];
                    if (coef[z] != 0) {
                        refine(coef, z, plus, minus);
                    } else if (--zeros < 0) {
                        break;
                    }
                    k++;
                }
                if (value != 0) {
                    if (k > end) {
                        throw new DecodeException("corrupt JPEG: a refinement places a coefficient past its band");
                    }
                    coef[at + ZigZag.NATURAL[k]] = (short) value;
                }
            }
        }
        if (endOfBandRun > 0) {
            for (; k <= end; k++) {
                int z = at + ZigZag.NATURAL[k];
                if (coef[z] != 0) {
                    refine(coef, z, plus, minus);
                }
            }
            endOfBandRun--;
        }
    }

    private void refine(short[] coef, int z, int plus, int minus) {
        if (in.bit() != 0 && (coef[z] & plus) == 0) {
            coef[z] += (short) (coef[z] >= 0 ? plus : minus);
        }
    }

    @Override
    public void restart() {
        endOfBandRun = 0;
        for (FrameComponent c : scanComponents) {
            c.dcPredictor = 0;
        }
    }
}
