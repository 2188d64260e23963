package io.blurfilter.converter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** A source file read whole (with a size limit, so a huge file fails cleanly) plus its sha256. */
final class SourceFile {
    /** The model format's weight limit is 1 GiB; sources beyond that cannot convert anyway. */
    static final long MAX_BYTES = 1L << 30;

    final Path path;
    final String name;
    final byte[] bytes;

    private SourceFile(Path path, byte[] bytes) {
        this.path = path;
        this.name = path.getFileName().toString();
        this.bytes = bytes;
    }

    static SourceFile read(Path path) throws IOException, ConversionException {
        long size = Files.size(path);
        if (size > MAX_BYTES) {
            throw new ConversionException(path + ": " + size + " bytes is larger than the " + MAX_BYTES
                    + "-byte limit");
        }
        return new SourceFile(path, Files.readAllBytes(path));
    }

    String sha256() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(bytes);
            StringBuilder sb = new StringBuilder();
            for (byte b : d) {
                sb.append(String.format("%02x", b & 0xff));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
