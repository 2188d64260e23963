package io.blurfilter.cli.relocate;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Moving and copying without overwriting or losing anything: an atomic rename where source and
 * destination share a file system; otherwise copy to a temporary name beside the destination,
 * force it to disk, compare its SHA-256 with the source's, rename it into place, and only then
 * delete the source (for a move).
 */
final class SafeFiles {
    static final String PARTIAL_SUFFIX = ".blurfilter-partial";

    private SafeFiles() {}

    static boolean exists(Path p) {
        return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Moves {@code source} to {@code destination}, which must not exist. rename(2) would replace an
     * existing destination, so existence is checked right before; the target folder is assumed to
     * be ours alone for the duration of the run.
     */
    static void move(Path source, Path destination, String sha256) throws IOException {
        refuseExisting(destination);
        try {
            Files.move(source, destination, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            copyVerified(source, destination, sha256);
            Files.delete(source);
        }
    }

    /** Copies to a destination that must not exist, verifying the copy's SHA-256 before it appears. */
    static void copyVerified(Path source, Path destination, String sha256) throws IOException {
        refuseExisting(destination);
        Path partial = destination.resolveSibling(destination.getFileName() + PARTIAL_SUFFIX);
        Files.deleteIfExists(partial); // only ever a leftover of our own interrupted copy
        Files.copy(source, partial, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        try {
            if (!Files.isSymbolicLink(partial)) {
                try (FileChannel ch = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
                String copied = Sha256.of(partial);
                if (!copied.equals(sha256)) {
                    throw new IOException("copy of " + source + " does not match its sha256 (" + copied + " vs "
                            + sha256 + "); source left in place");
                }
            }
            refuseExisting(destination);
            Files.move(partial, destination, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static void refuseExisting(Path destination) throws FileAlreadyExistsException {
        if (exists(destination)) {
            throw new FileAlreadyExistsException(destination.toString(), null, "destination exists, not overwritten");
        }
    }
}
