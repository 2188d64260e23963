package io.blurfilter.decoder;

import java.util.Arrays;

/**
 * Baseline and extended-sequential blocks: each block's 64 coefficients arrive in one scan, so the
 * block goes through the inverse DCT straight into the component's samples; no coefficient store.
 */
final class SequentialBlocks implements BlockDecoder {
    private final EntropyReader in;
    private final FrameComponent[] scanComponents;
    private final InverseDct idct = new InverseDct();
    private final short[] block = new short[64];

    SequentialBlocks(EntropyReader in, FrameComponent[] scanComponents) {
        this.in = in;
        this.scanComponents = scanComponents;
    }

    @Override
    public void decode(FrameComponent c, int blockX, int blockY) throws DecodeException {
        short[] b = block;
        Arrays.fill(b, (short) 0);
        c.dcPredictor += in.sequentialDc(c.dcTable);
        b[0] = (short) c.dcPredictor;
        int last = in.sequentialAc(c.acTable, b);
        if (c.needs(blockX, blockY)) {
            int size = c.idctSize;
            int at = blockY * size * c.samplesStride + blockX * size;
            if (last > 0) {
                idct.transform(size, b, 0, c.quant, c.samples, at, c.samplesStride);
            } else {
                InverseDct.dcOnly(size, b, 0, c.quant, c.samples, at, c.samplesStride);
            }
        }
    }

    @Override
    public void restart() {
        for (FrameComponent c : scanComponents) {
            c.dcPredictor = 0;
        }
    }
}
