package io.blurfilter.decoder;

/** Decodes the entropy-coded data of one block of a scan; sequential and progressive files differ here only. */
interface BlockDecoder {
    void decode(FrameComponent c, int blockX, int blockY) throws DecodeException;

    /** Called at each restart marker: the coding state (DC predictions, end-of-band runs) starts over. */
    void restart();
}
