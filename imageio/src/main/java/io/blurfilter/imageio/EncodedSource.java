package io.blurfilter.imageio;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where {@link ImageDecoder} reads an encoded image from: a file, or bytes already in memory (what a
 * Spark or Flink job holds). Both give all bytes (for the built-in decoder) and random access (the
 * EXIF head and the JPEG end check); {@link ImageIoReader} makes its ImageIO stream from
 * {@link #file()} or {@link #bytes()}, so nothing here links {@code javax.imageio}.
 */
interface EncodedSource {
    /** Random access to the encoded bytes; the caller closes it. */
    SeekableByteChannel channel() throws IOException;

    /** All the encoded bytes (the built-in decoder reads from memory); for bytes given, the array itself. */
    byte[] bytes() throws IOException;

    /** The file, or null for bytes in memory. */
    Path file();

    static EncodedSource of(Path file) {
        return new EncodedSource() {
            @Override
            public SeekableByteChannel channel() throws IOException {
                return Files.newByteChannel(file);
            }

            @Override
            public byte[] bytes() throws IOException {
                return Files.readAllBytes(file);
            }

            @Override
            public Path file() {
                return file;
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
            public byte[] bytes() {
                return bytes;
            }

            @Override
            public Path file() {
                return null;
            }
        };
    }
}
