package io.blurfilter.imageio;

import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageInputStream;

/**
 * Where {@link ImageDecoder} reads an encoded image from: a file, or bytes already in memory (what a
 * Spark or Flink job holds). Both give the same three views: all bytes (for the built-in decoder),
 * random access (the EXIF head and the JPEG end check), and an ImageIO stream for the reader.
 */
interface EncodedSource {
    /** Random access to the encoded bytes; the caller closes it. */
    SeekableByteChannel channel() throws IOException;

    /** All the encoded bytes (the built-in decoder reads from memory); for bytes given, the array itself. */
    byte[] bytes() throws IOException;

    /** The bytes as an ImageIO stream, null if ImageIO cannot open it; the caller closes it. */
    ImageInputStream imageStream() throws IOException;

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
            public ImageInputStream imageStream() throws IOException {
                // File is what ImageIO reads in place; a file on another file system (zip, in-memory)
                // has none, so its bytes are read first (closing ImageIO's wrapper would not close a stream)
                return file.getFileSystem() == FileSystems.getDefault() ? ImageIO.createImageInputStream(file.toFile())
                        : new ByteArrayImageInputStream(Files.readAllBytes(file));
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
            public ImageInputStream imageStream() {
                return new ByteArrayImageInputStream(bytes);
            }
        };
    }
}
