package io.blurfilter.decoder;

/**
 * A JPEG frame (SOF): image size, components, MCU grid, and the scaled layout chosen for one decode.
 */
final class Frame {
    final int width;
    final int height;
    final boolean progressive;
    final FrameComponent[] components;
    final int maxH;
    final int maxV;
    final int mcusPerLine;
    final int mcusPerColumn;

    /** Output pixels per 8 image pixels: 8 for full size, 4, 2 or 1 for 1/2, 1/4, 1/8. */
    int scale = 8;
    int outputWidth;
    int outputHeight;

    Frame(int width, int height, boolean progressive, FrameComponent[] components) {
        this.width = width;
        this.height = height;
        this.progressive = progressive;
        this.components = components;
        int mh = 1;
        int mv = 1;
        for (FrameComponent c : components) {
            mh = Math.max(mh, c.h);
            mv = Math.max(mv, c.v);
        }
        maxH = mh;
        maxV = mv;
        mcusPerLine = ceilDiv(width, 8 * maxH);
        mcusPerColumn = ceilDiv(height, 8 * maxV);
        for (FrameComponent c : components) {
            c.blocksPerLine = mcusPerLine * c.h;
            c.blocksPerColumn = mcusPerColumn * c.v;
            c.usedBlocksPerLine = ceilDiv(ceilDiv(width * c.h, maxH), 8);
            c.usedBlocksPerColumn = ceilDiv(ceilDiv(height * c.v, maxV), 8);
        }
    }

    /**
     * Lays out the samples for output at {@code scale}/8 of the image size. Like libjpeg-turbo, a
     * subsampled component gets a larger inverse DCT where that saves upsampling (4:2:0 chroma at
     * 1/2 scale is decoded 8x8 and needs none), so the pixels match {@code djpeg -scale}.
     */
    void layout(int scale) throws DecodeException {
        this.scale = scale;
        outputWidth = ceilDiv(width * scale, 8);
        outputHeight = ceilDiv(height * scale, 8);
        for (FrameComponent c : components) {
            int size = scale;
            while (size < 8 && (maxH * scale) % (c.h * size * 2) == 0 && (maxV * scale) % (c.v * size * 2) == 0) {
                size *= 2;
            }
            if ((maxH * scale) % (c.h * size) != 0 || (maxV * scale) % (c.v * size) != 0) {
                throw new UnsupportedFeatureException("JPEG sampling factors " + c.h + "x" + c.v + " beside "
                        + maxH + "x" + maxV + " (not a whole upsampling ratio)");
            }
            c.idctSize = size;
            c.sampleWidth = ceilDiv(width * c.h * size, maxH * 8);
            c.sampleHeight = ceilDiv(height * c.v * size, maxV * 8);
            c.samplesStride = c.blocksPerLine * size;
            c.samples = new byte[c.samplesStride * c.blocksPerColumn * size];
        }
    }

    /** Pixels of the output per sample of the component, across and down. */
    int[] upsampling(FrameComponent c) {
        return new int[] {maxH * scale / (c.h * c.idctSize), maxV * scale / (c.v * c.idctSize)};
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
