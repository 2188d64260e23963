package io.blurfilter.cli.relocate;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * An append-only CSV record of moves and copies. Each entry is written and forced to disk
 * ({@link FileChannel#force}) <em>before</em> the file it names is touched, so after a crash at any
 * point the journal names every file that may have left its place; {@code undo} sorts out which
 * ones actually did.
 */
public final class Journal implements Closeable {
    private static final String NAME_PREFIX = ".blurfilter-journal-";

    private final Path path;
    private final FileChannel channel;

    private Journal(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /** Creates {@code dir/.blurfilter-journal-<timestamp>.csv} (a new file, never an existing one). */
    public static Journal createIn(Path dir) throws IOException {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        for (int attempt = 0; ; attempt++) {
            Path file = dir.resolve(NAME_PREFIX + stamp + (attempt == 0 ? "" : "-" + attempt) + ".csv");
            try {
                FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND);
                Journal j = new Journal(file, ch);
                j.append(JournalEntry.HEADER + '\n');
                return j;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt > 1000) {
                    throw e;
                }
            }
        }
    }

    /** Whether the file's name is a journal's. */
    public static boolean isJournal(Path file) {
        return file.getFileName().toString().startsWith(NAME_PREFIX);
    }

    public Path path() {
        return path;
    }

    /** Appends the entry and waits until it is on disk. */
    public void record(JournalEntry entry) throws IOException {
        append(entry.toCsvLine());
    }

    private void append(String text) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
        channel.force(false);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
