package io.blurfilter.cli.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a JPEG file's data reaches its end-of-image marker. Decoding a region stops at the region's
 * last row, so libjpeg never reaches (nor warns about) a file cut below it; this walk finds such cuts.
 * Marker segments are skipped by their lengths (so an EXIF thumbnail's own end marker does not count);
 * in entropy-coded data a 0xFF byte is followed only by stuffing (0x00), a restart marker or the next
 * marker, so the first FF D9 outside segments is the end of the image. Bytes after it are not read.
 */
final class JpegEnd {
    private static final int BUFFER = 1 << 16;

    private final SeekableByteChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
    private final byte[] bytes = buffer.array();
    private int pos;
    private int limit;

    private JpegEnd(SeekableByteChannel channel) {
        this.channel = channel;
    }

    static boolean reached(Path file) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            return new JpegEnd(channel).walk();
        }
    }

    private boolean walk() throws IOException {
        if (next() != 0xFF || next() != 0xD8) {
            return false;
        }
        int b = next();
        while (b >= 0) {
            if (b != 0xFF) {
                b = nextFF();
                continue;
            }
            int marker = next();
            while (marker == 0xFF) {
                marker = next();
            }
            if (marker < 0) {
                return false;
            }
            if (marker == 0xD9) {
                return true;
            }
            if (marker == 0x00 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                b = next(); // stuffing, TEM or a restart marker: no length, data goes on
                continue;
            }
            int hi = next();
            int lo = next();
            if (lo < 0) {
                return false;
            }
            int length = hi << 8 | lo;
            if (length < 2 || !skip(length - 2)) {
                return false;
            }
            b = next();
        }
        return false;
    }

    private int next() throws IOException {
        if (pos == limit && !fill()) {
            return -1;
        }
        return bytes[pos++] & 0xFF;
    }

    /** The next 0xFF byte, or -1 at the end of the file. */
    private int nextFF() throws IOException {
        while (true) {
            for (; pos < limit; pos++) {
                if (bytes[pos] == (byte) 0xFF) {
                    pos++;
                    return 0xFF;
                }
            }
            if (!fill()) {
                return -1;
            }
        }
    }

    private boolean skip(long n) throws IOException {
        long buffered = limit - pos;
        if (n <= buffered) {
            pos += (int) n;
            return true;
        }
        long target = channel.position() + (n - buffered);
        if (target > channel.size()) {
            return false;
        }
        channel.position(target);
        pos = limit;
        return true;
    }

    private boolean fill() throws IOException {
        buffer.clear();
        int n;
        do {
            n = channel.read(buffer);
        } while (n == 0);
        pos = 0;
        limit = Math.max(0, n);
        return n > 0;
    }
}
