package io.blurfilter.decoder;

/**
 * One colour component of a JPEG frame: its sampling factors, its block grid, and the samples it
 * decodes to. Samples are kept at the component's own scaled size ({@link #idctSize} pixels per block
 * side), before upsampling.
 */
final class FrameComponent {
    final int id;
    final int h;
    final int v;
    final int quantTable;

    /** Blocks per row and column, padded to whole MCUs (what an interleaved scan visits). */
    int blocksPerLine;
    int blocksPerColumn;
    /** Blocks that hold image samples (what a scan of this component alone visits). */
    int usedBlocksPerLine;
    int usedBlocksPerColumn;

    /** Pixels per block side after the (possibly reduced) inverse DCT: 8, 4, 2 or 1. */
    int idctSize;
    /** Samples holding image content at the scaled size (libjpeg's downsampled_width/height). */
    int sampleWidth;
    int sampleHeight;
    /** blocksPerLine * idctSize by blocksPerColumn * idctSize samples. */
    byte[] samples;
    int samplesStride;

    /** The blocks the decode window needs: columns firstBlockX until endBlockX, rows likewise. */
    int firstBlockX;
    int endBlockX;
    int firstBlockY;
    int endBlockY;

    /** Dequantisation table in natural order, taken when the component's first scan starts. */
    int[] quant;
    /** All coefficients, natural order per block, for progressive files (null for sequential ones). */
    short[] coefficients;

    // per-scan state
    HuffmanTable dcTable;
    HuffmanTable acTable;
    int dcPredictor;

    /** Whether the window needs this block's samples (else it is entropy-decoded only). */
    boolean needs(int blockX, int blockY) {
        return blockX >= firstBlockX && blockX < endBlockX && blockY >= firstBlockY && blockY < endBlockY;
    }

    FrameComponent(int id, int h, int v, int quantTable) {
        this.id = id;
        this.h = h;
        this.v = v;
        this.quantTable = quantTable;
    }
}
