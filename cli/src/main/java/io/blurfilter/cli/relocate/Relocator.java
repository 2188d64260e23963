package io.blurfilter.cli.relocate;

import io.blurfilter.cli.scan.InputEntry;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Moves or copies files under a target folder, keeping their folder structure relative to the scan
 * root, never overwriting (collisions get {@code name (1).ext}), and journaling every action
 * before it happens (see {@link Journal}). With {@code dryRun} it only reports what it would do.
 * Not thread-safe: the scan calls it from one thread, in order.
 */
public final class Relocator implements Closeable {
    /** What happens to a blurred file. */
    public enum Mode { MOVE, COPY }

    private final Mode mode;
    private final Path target;
    private final boolean dryRun;
    private final PrintStream log;
    private final Set<Path> planned = new HashSet<>();
    private Journal journal;
    private int done;

    /** @param log where the journal path and dry-run plans are printed */
    public Relocator(Mode mode, Path target, boolean dryRun, PrintStream log) {
        this.mode = mode;
        this.target = target.toAbsolutePath().normalize();
        this.dryRun = dryRun;
        this.log = log;
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

    /** Files moved or copied (or planned, in a dry run). */
    public int count() {
        return done;
    }

    /** Moves or copies the entry's file; returns where it went (or would go). */
    public Path relocate(InputEntry entry) throws IOException {
        Path source = entry.path().toAbsolutePath().normalize();
        if (source.startsWith(target)) {
            throw new IOException("already inside the target folder " + target);
        }
        Path destination = uniqueDestination(target.resolve(entry.relativePath().toString()).normalize());
        if (!destination.startsWith(target)) {
            throw new IOException("refusing a destination outside the target: " + destination);
        }
        String verb = mode == Mode.MOVE ? "move" : "copy";
        if (dryRun) {
            planned.add(destination);
            log.println("would " + verb + ": " + entry.path() + " -> " + destination);
            done++;
            return destination;
        }
        String sha = Sha256.of(source);
        Files.createDirectories(destination.getParent());
        journal().record(new JournalEntry(verb, source, destination, sha));
        if (mode == Mode.MOVE) {
            SafeFiles.move(source, destination, sha);
        } else {
            SafeFiles.copyVerified(source, destination, sha);
        }
        done++;
        return destination;
    }

    private Journal journal() throws IOException {
        if (journal == null) {
            Files.createDirectories(target);
            journal = Journal.createIn(target);
            log.println("journal: " + journal.path() + "  (undo with: blurfilter undo '" + journal.path() + "')");
        }
        return journal;
    }

    /** {@code dir/name.ext}, or {@code dir/name (n).ext} with the smallest n that is free. */
    private Path uniqueDestination(Path wanted) {
        if (isFree(wanted)) {
            return wanted;
        }
        String name = wanted.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        for (int n = 1; ; n++) {
            Path candidate = wanted.resolveSibling(stem + " (" + n + ")" + ext);
            if (isFree(candidate)) {
                return candidate;
            }
        }
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
