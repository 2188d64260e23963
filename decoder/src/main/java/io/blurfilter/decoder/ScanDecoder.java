package io.blurfilter.decoder;

/**
 * Walks the blocks of one scan in coding order: whole MCUs when the scan interleaves components, the
 * component's own block grid when it holds one component; restart markers every {@code restartInterval}
 * MCUs. Checks after each MCU row that the data did not run out, so a truncated file fails instead of
 * decoding the rest of the image as grey. Rows after {@code lastRow} (below a decode window) are
 * skipped to the scan's end without decoding them.
 */
final class ScanDecoder {
    private ScanDecoder() {}

    static void decode(Frame frame, FrameComponent[] scan, int restartInterval, EntropyReader in, BlockDecoder blocks,
            int lastRow) throws DecodeException {
        blocks.restart();
        int nextRestart = 0;
        int mcu = 0;
        if (scan.length == 1) {
            FrameComponent c = scan[0];
            int total = c.usedBlocksPerLine * c.usedBlocksPerColumn;
            for (int by = 0; by < c.usedBlocksPerColumn; by++) {
                for (int bx = 0; bx < c.usedBlocksPerLine; bx++) {
                    if (restartInterval > 0 && mcu > 0 && mcu % restartInterval == 0) {
                        in.restart(nextRestart);
                        nextRestart = (nextRestart + 1) & 7;
                        blocks.restart();
                    }
                    blocks.decode(c, bx, by);
                    mcu++;
                }
                in.checkNotExhausted();
                if (by == lastRow && by < c.usedBlocksPerColumn - 1) {
                    in.skipToMarker();
                    return;
                }
            }
            assert mcu == total;
            return;
        }
        for (int my = 0; my < frame.mcusPerColumn; my++) {
            for (int mx = 0; mx < frame.mcusPerLine; mx++) {
                if (restartInterval > 0 && mcu > 0 && mcu % restartInterval == 0) {
                    in.restart(nextRestart);
                    nextRestart = (nextRestart + 1) & 7;
                    blocks.restart();
                }
                for (FrameComponent c : scan) {
                    for (int v = 0; v < c.v; v++) {
                        for (int h = 0; h < c.h; h++) {
                            blocks.decode(c, mx * c.h + h, my * c.v + v);
                        }
                    }
                }
                mcu++;
            }
            in.checkNotExhausted();
            if (my == lastRow && my < frame.mcusPerColumn - 1) {
                in.skipToMarker();
                return;
            }
        }
    }
}
