package io.blurfilter.imageio;

import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageInputStream;

/**
 * Where {@link ImageDecoder} reads an encoded image from: a file, or bytes already in memory (what a
 * Spark or Flink job holds). Both give the same three views: random access (the EXIF head and the
 * JPEG end check), and an ImageIO stream for the reader.
 */
interface EncodedSource {
    /** Random access to the encoded bytes; the caller closes it. */
    SeekableByteChannel channel() throws IOException;

    /** The bytes as an ImageIO stream, null if ImageIO cannot open it; the caller closes it. */
    ImageInputStream imageStream() throws IOException;

    static EncodedSource of(Path file) {
        return new EncodedSource() {
            @Override
            public SeekableByteChannel channel() throws IOException {
                return Files.newByteChannel(file);
            }

            @Override
            public ImageInputStream imageStream() throws IOException {
                return ImageIO.createImageInputStream(file.toFile());
            }
        };
    }

    /** The array is read, never copied or changed; it must not change while a decode reads it. */
    static EncodedSource of(byte[] bytes) {
        return new EncodedSource() {
            @Override
            public SeekableByteChannel channel() {
                return new ByteArrayChannel(bytes);
            }

            @Override
            public ImageInputStream imageStream() {
                return new ByteArrayImageInputStream(bytes);
            }
        };
    }

    /** A read-only channel over an array. */
    final class ByteArrayChannel implements SeekableByteChannel {
        private final byte[] bytes;
        private long position;
        private boolean open = true;

        ByteArrayChannel(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read(ByteBuffer dst) {
            if (position >= bytes.length) {
                return -1;
            }
            int n = (int) Math.min(dst.remaining(), bytes.length - position);
            dst.put(bytes, (int) position, n);
            position += n;
            return n;
        }

        @Override
        public int write(ByteBuffer src) {
            throw new NonWritableChannelException();
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public SeekableByteChannel position(long newPosition) {
            if (newPosition < 0) {
                throw new IllegalArgumentException("negative position " + newPosition);
            }
            position = newPosition;
            return this;
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public SeekableByteChannel truncate(long size) {
            throw new NonWritableChannelException();
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }
}
