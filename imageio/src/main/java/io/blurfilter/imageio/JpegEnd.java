package io.blurfilter.imageio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

/**
 * Whether a JPEG's data reaches its end-of-image marker. Decoding a region stops at the region's
 * last row, so libjpeg never reaches (nor warns about) a file cut below it; this finds such cuts.
 * The marker segments before the first scan are skipped by their lengths (an EXIF thumbnail, with its
 * own end marker, lives in one); after that, entropy-coded data never holds FF D9 (a 0xFF byte there is
 * followed by stuffing or a restart marker), so an FF D9 anywhere after the first scan's header means
 * the image data ended properly, and a cut file has none. The search runs backwards from the file's
 * end, where the marker (or a trailer after it, such as a phone's appended video) usually is.
 */
final class JpegEnd {
    private static final int BUFFER = 1 << 16;

    private JpegEnd() {}

    static boolean reached(SeekableByteChannel channel) throws IOException {
        long scan = firstScanData(channel);
        return scan >= 0 && endMarkerAfter(channel, scan);
    }

    /** Where the first scan's entropy-coded data starts, or -1 if the file ends or breaks off before it. */
    private static long firstScanData(SeekableByteChannel channel) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(4);
        long pos = 2;
        if (!read(channel, 0, head, 2) || (head.get(0) & 0xFF) != 0xFF || (head.get(1) & 0xFF) != 0xD8) {
            return -1;
        }
        while (true) {
            if (!read(channel, pos, head, 2) || (head.get(0) & 0xFF) != 0xFF) {
                return -1;
            }
            int marker = head.get(1) & 0xFF;
            if (marker == 0xFF) {
                pos++; // fill byte
                continue;
            }
            if (marker == 0xD9 || !read(channel, pos + 2, head, 2)) {
                return -1;
            }
            int length = (head.get(0) & 0xFF) << 8 | (head.get(1) & 0xFF);
            if (length < 2) {
                return -1;
            }
            pos += 2 + length;
            if (marker == 0xDA) {
                return pos;
            }
        }
    }

    /** Whether FF D9 occurs at or after {@code from}, searching from the end of the file backwards. */
    private static boolean endMarkerAfter(SeekableByteChannel channel, long from) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        byte[] bytes = buffer.array();
        long end = channel.size();
        while (end - from >= 2) {
            long start = Math.max(from, end - BUFFER);
            int n = (int) (end - start);
            if (!read(channel, start, buffer, n)) {
                return false;
            }
            for (int i = n - 2; i >= 0; i--) {
                if (bytes[i] == (byte) 0xFF && bytes[i + 1] == (byte) 0xD9) {
                    return true;
                }
            }
            end = start + 1; // the next block ends with this block's first byte: a marker may straddle them
        }
        return false;
    }

    /** Reads {@code n} bytes at {@code position} into the start of {@code into}; false at the end of file. */
    private static boolean read(SeekableByteChannel channel, long position, ByteBuffer into, int n) throws IOException {
        into.clear().limit(n);
        channel.position(position);
        while (into.hasRemaining()) {
            if (channel.read(into) < 0) {
                return false;
            }
        }
        return true;
    }
}
