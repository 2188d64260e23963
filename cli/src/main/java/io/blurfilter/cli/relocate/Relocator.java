package io.blurfilter.cli.relocate;

import io.blurfilter.cli.scan.InputEntry;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Moves or copies files under a target folder, keeping their folder structure relative to the scan
 * root, never overwriting (collisions get {@code name (1).ext}), and journaling every action
 * before it happens (see {@link Journal}). A photo's {@link Sidecars} (RAW, XMP) go with it, under
 * the same new base name, each journaled, so {@code undo} puts them back with it. With {@code dryRun}
 * it only reports what it would do. Not thread-safe: the scan calls it from one thread, in order.
 */
public final class Relocator implements Closeable {
    /** What happens to a blurred file. */
    public enum Mode { MOVE, COPY }

    private final Mode mode;
    private final Path target;
    private final boolean dryRun;
    private final PrintStream log;
    private final boolean withSidecars;
    private final Set<Path> planned = new HashSet<>();
    private Journal journal;
    private int done;
    private int sidecarsDone;

    /**
     * @param log          where the journal path and dry-run plans are printed
     * @param withSidecars whether a photo's RAW and XMP files go with it
     */
    public Relocator(Mode mode, Path target, boolean dryRun, PrintStream log, boolean withSidecars) {
        this.mode = mode;
        this.target = target.toAbsolutePath().normalize();
        this.dryRun = dryRun;
        this.log = log;
        this.withSidecars = withSidecars;
    }

    public Mode mode() {
        return mode;
    }

    public Path target() {
        return target;
    }

    /** The journal, or null while nothing has been moved (or in a dry run). */
    public Path journalPath() {
        return journal == null ? null : journal.path();
    }

    /** Images moved or copied (or planned, in a dry run), not counting their sidecars. */
    public int count() {
        return done;
    }

    /** Sidecar files moved or copied with the images (or planned). */
    public int sidecarCount() {
        return sidecarsDone;
    }

    /** Moves or copies the entry's file and its sidecars; returns where the file went (or would go). */
    public Path relocate(InputEntry entry) throws IOException {
        Path source = entry.path().toAbsolutePath().normalize();
        if (source.startsWith(target)) {
            throw new IOException("already inside the target folder " + target);
        }
        List<Path> sidecars = withSidecars ? Sidecars.of(source) : List.of();
        Path destination = uniqueDestination(target.resolve(entry.relativePath().toString()).normalize(),
                source.getFileName().toString(), sidecars);
        if (!destination.startsWith(target)) {
            throw new IOException("refusing a destination outside the target: " + destination);
        }
        relocateOne(source, destination);
        done++;
        for (Path sidecar : sidecars) {
            try {
                relocateOne(sidecar, sidecarDestination(sidecar, source, destination));
            } catch (IOException e) {
                throw new SidecarNotRelocated("the image went to " + destination + " but its sidecar "
                        + sidecar + " was not " + (mode == Mode.MOVE ? "moved" : "copied")
                        + " (it and any sidecars after it are left in place): " + e.getMessage(), e);
            }
            sidecarsDone++;
        }
        return destination;
    }

    /** The image was moved or copied, one of its sidecars was not. */
    public static final class SidecarNotRelocated extends IOException {
        private static final long serialVersionUID = 1L;

        SidecarNotRelocated(String message, IOException cause) {
            super(message, cause);
        }
    }

    private void relocateOne(Path source, Path destination) throws IOException {
        String verb = mode == Mode.MOVE ? "move" : "copy";
        if (dryRun) {
            planned.add(destination);
            log.println("would " + verb + ": " + source + " -> " + destination);
            return;
        }
        String sha = Sha256.of(source);
        Files.createDirectories(destination.getParent());
        journal().record(new JournalEntry(verb, source, destination, sha));
        if (mode == Mode.MOVE) {
            SafeFiles.move(source, destination, sha);
        } else {
            SafeFiles.copyVerified(source, destination, sha);
        }
    }

    private static Path sidecarDestination(Path sidecar, Path photo, Path photoDestination) {
        return photoDestination.resolveSibling(Sidecars.renamedWith(sidecar.getFileName().toString(),
                photo.getFileName().toString(), photoDestination.getFileName().toString()));
    }

    private Journal journal() throws IOException {
        if (journal == null) {
            Files.createDirectories(target);
            journal = Journal.createIn(target);
            log.println("journal: " + journal.path() + "  (undo with: blurfilter undo '" + journal.path() + "')");
        }
        return journal;
    }

    /**
     * {@code dir/name.ext}, or {@code dir/name (n).ext} with the smallest n that is free for the file
     * and for each of its sidecars renamed to match.
     */
    private Path uniqueDestination(Path wanted, String sourceName, List<Path> sidecars) {
        if (isFreeWithSidecars(wanted, sourceName, sidecars)) {
            return wanted;
        }
        String name = wanted.getFileName().toString();
        String stem = Sidecars.stem(name);
        String ext = name.substring(stem.length());
        for (int n = 1; ; n++) {
            Path candidate = wanted.resolveSibling(stem + " (" + n + ")" + ext);
            if (isFreeWithSidecars(candidate, sourceName, sidecars)) {
                return candidate;
            }
        }
    }

    private boolean isFreeWithSidecars(Path destination, String sourceName, List<Path> sidecars) {
        if (!isFree(destination)) {
            return false;
        }
        for (Path sidecar : sidecars) {
            if (!isFree(destination.resolveSibling(Sidecars.renamedWith(sidecar.getFileName().toString(), sourceName,
                    destination.getFileName().toString())))) {
                return false;
            }
        }
        return true;
    }

    private boolean isFree(Path p) {
        return !SafeFiles.exists(p) && !planned.contains(p)
                && !SafeFiles.exists(p.resolveSibling(p.getFileName() + SafeFiles.PARTIAL_SUFFIX));
    }

    @Override
    public void close() throws IOException {
        if (journal != null) {
            journal.close();
        }
    }
}
