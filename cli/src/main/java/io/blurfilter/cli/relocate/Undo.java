package io.blurfilter.cli.relocate;

import io.blurfilter.cli.output.Csv;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Puts moved files back where a journal says they came from, newest first. Never overwrites: a file
 * whose original place is taken, or whose content changed since the move (SHA-256), is reported as
 * a conflict and left alone. Entries already restored (or never carried out because the scan was
 * killed between journaling and moving) are skipped. Copies are left in place.
 */
public final class Undo {
    /** What an undo did. */
    public record Outcome(int restored, int alreadyInPlace, int duplicatesRemoved, int copiesLeft, int conflicts,
            int missing, int unreadableEntries) {
        public boolean clean() {
            return conflicts == 0 && missing == 0 && unreadableEntries == 0;
        }
    }

    private final boolean dryRun;
    private final PrintStream log;

    public Undo(boolean dryRun, PrintStream log) {
        this.dryRun = dryRun;
        this.log = log;
    }

    public Outcome run(Path journalFile) throws IOException {
        List<Csv.Record> records;
        try (BufferedReader in = Files.newBufferedReader(journalFile, StandardCharsets.UTF_8)) {
            records = Csv.records(in);
        }
        if (records.isEmpty() || !records.get(0).text().equals(JournalEntry.HEADER)) {
            throw new IOException(journalFile + " is not a blurfilter journal (expected the header '"
                    + JournalEntry.HEADER + "')");
        }
        List<JournalEntry> entries = new ArrayList<>();
        int unreadable = 0;
        for (Csv.Record record : records.subList(1, records.size())) {
            JournalEntry e = JournalEntry.parse(record.fields());
            if (e == null) {
                // normally a write cut short by a crash, whose file was never touched; said, not hidden
                unreadable++;
                log.println("unreadable journal entry at line " + record.line() + " of " + journalFile
                        + ", nothing restored for it: " + record.text());
            } else {
                entries.add(e);
            }
        }
        Collections.reverse(entries);
        Path journalFolder = journalFile.toAbsolutePath().normalize().getParent();
        int restored = 0;
        int inPlace = 0;
        int duplicates = 0;
        int copies = 0;
        int conflicts = 0;
        int missing = 0;
        for (JournalEntry e : entries) {
            if (e.action().equals("copy")) {
                copies++;
                continue;
            }
            boolean atSource = SafeFiles.exists(e.source());
            boolean atDestination = SafeFiles.exists(e.destination());
            if (atSource && !atDestination) {
                inPlace++;
            } else if (!atSource && !atDestination) {
                missing++;
                log.println("missing: neither " + e.source() + " nor " + e.destination() + " exists");
            } else if (!atSource) {
                if (!matches(e.destination(), e.sha256())) {
                    conflicts++;
                    log.println("conflict: " + e.destination() + " changed since it was moved; left in place");
                } else if (dryRun) {
                    restored++;
                    log.println("would restore: " + e.destination() + " -> " + e.source());
                } else {
                    Files.createDirectories(e.source().getParent());
                    SafeFiles.move(e.destination(), e.source(), e.sha256());
                    removeEmptiedFolders(e.destination(), journalFolder);
                    restored++;
                }
            } else if (matches(e.source(), e.sha256()) && matches(e.destination(), e.sha256())) {
                // an interrupted copy-verify-delete across file systems: the original is intact
                duplicates++;
                if (!dryRun) {
                    Files.delete(e.destination());
                    removeEmptiedFolders(e.destination(), journalFolder);
                }
                log.println((dryRun ? "would remove" : "removed") + " duplicate " + e.destination()
                        + " (identical to " + e.source() + ")");
            } else {
                conflicts++;
                log.println("conflict: " + e.source() + " exists again with other content; " + e.destination()
                        + " left in place");
            }
        }
        return new Outcome(restored, inPlace, duplicates, copies, conflicts, missing, unreadable);
    }

    /**
     * Deletes the folders above {@code removed} that are empty now, up to the journal's folder (which
     * the move created them in, and which keeps the journal).
     */
    private static void removeEmptiedFolders(Path removed, Path journalFolder) throws IOException {
        for (Path dir = removed.getParent(); dir != null && dir.startsWith(journalFolder)
                && !dir.equals(journalFolder) && Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS);
                dir = dir.getParent()) {
            try {
                Files.delete(dir);
            } catch (DirectoryNotEmptyException e) {
                return;
            }
        }
    }

    private static boolean matches(Path file, String sha256) throws IOException {
        return Files.isRegularFile(file) ? Sha256.of(file).equals(sha256) : Files.isSymbolicLink(file);
    }
}
