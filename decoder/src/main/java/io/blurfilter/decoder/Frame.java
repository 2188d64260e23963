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
    /** The part of the output to decode: the whole of it unless {@link #decodeOnly} narrowed it. */
    Window window;

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
        decodeOnly(Window.whole(outputWidth, outputHeight));
    }

    /**
     * Narrows the decode to {@code w}: each component transforms only the blocks whose samples the
     * window's pixels are made from, with one sample more on every side for the fancy upsampling's
     * neighbours, so the window's pixels equal a whole decode's.
     */
    void decodeOnly(Window w) {
        if (w.x1() > outputWidth || w.y1() > outputHeight) {
            throw new IllegalArgumentException("window " + w + " is outside the " + outputWidth + "x"
                    + outputHeight + " image");
        }
        window = w;
        for (FrameComponent c : components) {
            int[] ratio = upsampling(c);
            int size = c.idctSize;
            c.firstBlockX = Math.max(0, w.x() / ratio[0] - 1) / size;
            c.endBlockX = Math.min(c.sampleWidth - 1, (w.x1() - 1) / ratio[0] + 1) / size + 1;
            c.firstBlockY = Math.max(0, w.y() / ratio[1] - 1) / size;
            c.endBlockY = Math.min(c.sampleHeight - 1, (w.y1() - 1) / ratio[1] + 1) / size + 1;
        }
    }

    /**
     * The coding units (MCUs of an interleaved scan, the component's blocks for a scan of one
     * component) holding a block the window needs: columns {@code [0]} until {@code [1]}, rows {@code [2]}
     * until {@code [3]}. A restart interval with none of them can be skipped unread.
     */
    int[] unitsNeeded(FrameComponent[] scan) {
        if (scan.length == 1) {
            FrameComponent c = scan[0];
            return new int[] {c.firstBlockX, c.endBlockX, c.firstBlockY, c.endBlockY};
        }
        int[] units = {Integer.MAX_VALUE, 0, Integer.MAX_VALUE, 0};
        for (FrameComponent c : scan) {
            units[0] = Math.min(units[0], c.firstBlockX / c.h);
            units[1] = Math.max(units[1], ceilDiv(c.endBlockX, c.h));
            units[2] = Math.min(units[2], c.firstBlockY / c.v);
            units[3] = Math.max(units[3], ceilDiv(c.endBlockY, c.v));
        }
        return units;
    }

    /** Pixels of the output per sample of the component, across and down. */
    int[] upsampling(FrameComponent c) {
        return new int[] {maxH * scale / (c.h * c.idctSize), maxV * scale / (c.v * c.idctSize)};
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
