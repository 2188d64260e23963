package io.blurfilter.decoder;

/**
 * Walks the coding units of one scan in coding order: whole MCUs when the scan interleaves components,
 * the component's own blocks when it holds one component; restart markers every {@code restartInterval}
 * units. Checks after each row of units that the data did not run out, so a truncated file fails
 * instead of decoding the rest of the image as grey. Rows below the last one a decode window needs
 * are skipped to the scan's end without decoding them, and so is every restart interval that holds no
 * unit the window needs: a restart marker resets all decoding state (DC predictions, a progressive
 * scan's end-of-band run), so the bytes up to it can be passed over unread.
 */
final class ScanDecoder {
    private ScanDecoder() {}

    static void decode(Frame frame, FrameComponent[] scan, int restartInterval, EntropyReader in, BlockDecoder blocks)
            throws DecodeException {
        boolean single = scan.length == 1;
        int rows = single ? scan[0].usedBlocksPerColumn : frame.mcusPerColumn;
        int[] needed = frame.unitsNeeded(scan);
        int lastRow = Math.min(needed[3], rows) - 1; // below it the window needs nothing
        blocks.restart();
        if (restartInterval > 0) {
            decodeIntervals(frame, scan, restartInterval, in, blocks, needed, lastRow);
            return;
        }
        // Without restart markers, plain loops over rows and columns: the interval walk below would
        // serve here too, but measured 1.07x the decode time at 640x480 (the JIT compiles it worse).
        if (single) {
            FrameComponent c = scan[0];
            for (int by = 0; by < c.usedBlocksPerColumn; by++) {
                for (int bx = 0; bx < c.usedBlocksPerLine; bx++) {
                    blocks.decode(c, bx, by);
                }
                if (endOfRow(in, by, lastRow, c.usedBlocksPerColumn)) {
                    return;
                }
            }
            return;
        }
        for (int my = 0; my < frame.mcusPerColumn; my++) {
            for (int mx = 0; mx < frame.mcusPerLine; mx++) {
                decodeMcu(scan, mx, my, blocks);
            }
            if (endOfRow(in, my, lastRow, frame.mcusPerColumn)) {
                return;
            }
        }
    }

    /** As {@link #decode}, for a scan with restart markers: intervals the window does not need are skipped. */
    private static void decodeIntervals(Frame frame, FrameComponent[] scan, int restartInterval, EntropyReader in,
            BlockDecoder blocks, int[] needed, int lastRow) throws DecodeException {
        boolean single = scan.length == 1;
        int perLine = single ? scan[0].usedBlocksPerLine : frame.mcusPerLine;
        int rows = single ? scan[0].usedBlocksPerColumn : frame.mcusPerColumn;
        int total = perLine * rows;
        int nextRestart = 0;
        for (int unit = 0; unit < total; unit += restartInterval) {
            if (unit > 0) {
                in.restart(nextRestart);
                nextRestart = (nextRestart + 1) & 7;
                blocks.restart();
            }
            int end = Math.min(unit + restartInterval, total);
            if (end < total && !anyNeeded(unit, end, perLine, needed)) {
                if (end / perLine > lastRow) {
                    in.skipToMarker();
                    return;
                }
                continue; // its bytes are passed over by the next in.restart
            }
            int x = unit % perLine;
            int y = unit / perLine;
            for (int u = unit; u < end; u++) {
                if (single) {
                    blocks.decode(scan[0], x, y);
                } else {
                    decodeMcu(scan, x, y, blocks);
                }
                if (++x == perLine) {
                    if (endOfRow(in, y, lastRow, rows)) {
                        return;
                    }
                    x = 0;
                    y++;
                }
            }
        }
    }

    private static void decodeMcu(FrameComponent[] scan, int mx, int my, BlockDecoder blocks) throws DecodeException {
        for (FrameComponent c : scan) {
            for (int v = 0; v < c.v; v++) {
                for (int h = 0; h < c.h; h++) {
                    blocks.decode(c, mx * c.h + h, my * c.v + v);
                }
            }
        }
    }

    /**
     * After row {@code row} of units: checks that the data did not run out, and at the window's last
     * row skips the rest of the scan; true when the scan is done.
     */
    private static boolean endOfRow(EntropyReader in, int row, int lastRow, int rows) throws DecodeException {
        in.checkNotExhausted();
        if (row == lastRow && row < rows - 1) {
            in.skipToMarker();
            return true;
        }
        return false;
    }

    /** Whether any of the units {@code from} until {@code to} (in coding order) lies in {@code needed}. */
    private static boolean anyNeeded(int from, int to, int perLine, int[] needed) {
        for (int y = from / perLine, lastY = (to - 1) / perLine; y <= lastY; y++) {
            if (y < needed[2] || y >= needed[3]) {
                continue;
            }
            int x0 = y == from / perLine ? from % perLine : 0;
            int x1 = y == lastY ? (to - 1) % perLine + 1 : perLine;
            if (x0 < needed[1] && x1 > needed[0]) {
                return true;
            }
        }
        return false;
    }
}
