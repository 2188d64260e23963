package io.blurfilter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blurfilter.imageio.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scan --move-blurred-to / --copy-blurred-to / --dry-run} and {@code undo}. */
class ScanMoveTest {
    @TempDir
    Path tmp;
    Path model;
    Path photos;
    byte[] blurry;

    @BeforeEach
    void makeTree() throws IOException {
        model = TestModels.laplacian(tmp.resolve("model.bin"));
        photos = tmp.resolve("photos");
        blurry = TestImages.encode(TestImages.smooth(120, 90), "png");
        TestImages.write(photos.resolve("sharp.png"), TestImages.encode(TestImages.noise(400, 300, 3), "png"));
        TestImages.write(photos.resolve("blurry.png"), blurry);
        TestImages.write(photos.resolve("2024/blurry.png"), blurry);
        TestImages.write(photos.resolve("2024/july/soft.png"), blurry);
    }

    private List<String> filesUnder(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString())
                    .filter(p -> !p.contains(".blurfilter-journal-")).sorted().toList();
        }
    }

    @Test
    void movesBlurredFilesKeepingFoldersAndNeverOverwriting() throws IOException {
        Path target = tmp.resolve("blurred");
        TestImages.write(target.resolve("blurry.png"), "already here".getBytes()); // a collision
        Cli r = Cli.run("scan", photos.toString(), "-r", "--model", model.toString(), "--move-blurred-to",
                target.toString(), "--format", "csv");
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        assertEquals(List.of("sharp.png"), filesUnder(photos));
        assertEquals(List.of("2024/blurry.png", "2024/july/soft.png", "blurry (1).png", "blurry.png"),
                filesUnder(target));
        assertEquals("already here", Files.readString(target.resolve("blurry.png")));
        assertTrue(r.err().contains("moved 3 blurred files to " + target.toAbsolutePath()), r.err());
        String journalLine = r.err().lines().filter(l -> l.startsWith("journal: ")).findFirst().orElseThrow();
        Path journal = Path.of(journalLine.substring("journal: ".length(), journalLine.indexOf("  (undo")));
        List<String> entries = Files.readAllLines(journal);
        assertEquals("action,source,destination,sha256", entries.get(0));
        assertEquals(4, entries.size());
        assertTrue(entries.get(1).startsWith("move," + photos.toAbsolutePath().resolve("2024/blurry.png")), entries.get(1));

        Cli undo = Cli.run("undo", journal.toString());
        assertEquals(ExitCode.OK, undo.exitCode(), undo.toString());
        assertTrue(undo.out().startsWith("restored 3, already in place 0"), undo.out());
        assertEquals(List.of("2024/blurry.png", "2024/july/soft.png", "blurry.png", "sharp.png"), filesUnder(photos));
        assertEquals(List.of("blurry.png"), filesUnder(target));
    }

    @Test
    void targetInsideTheScannedTreeIsNotScannedAgain() throws IOException {
        Path target = photos.resolve("_blurred");
        Cli r = Cli.run("scan", photos.toString(), "-r", "--model", model.toString(), "--move-blurred-to",
                target.toString(), "--format", "csv");
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        assertEquals(5, r.out().lines().count(), r.out()); // header + 4 files, none from _blurred
        assertEquals(List.of("2024/blurry.png", "2024/july/soft.png", "blurry.png"), filesUnder(target));
        // a second scan finds only the sharp file left outside the target
        Cli again = Cli.run("scan", photos.toString(), "-r", "--model", model.toString(), "--move-blurred-to",
                target.toString(), "--format", "csv");
        assertEquals(2, again.out().lines().count(), again.out());
    }

    @Test
    void dryRunOnlyTellsWhatWouldHappen() throws IOException {
        Path target = tmp.resolve("blurred");
        Cli r = Cli.run("scan", photos.toString(), "-r", "--model", model.toString(), "--move-blurred-to",
                target.toString(), "--dry-run", "--format", "csv");
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        assertFalse(Files.exists(target));
        assertEquals(4, filesUnder(photos).size());
        assertTrue(r.err().contains("would move: " + photos.resolve("blurry.png") + " -> "
                + target.toAbsolutePath().resolve("blurry.png")), r.err());
        assertTrue(r.err().contains("dry run: 3 blurred files would be moved"), r.err());
    }

    @Test
    void copiesLeaveTheOriginalsAndUndoLeavesTheCopies() throws IOException {
        Path target = tmp.resolve("copies");
        Cli r = Cli.run("scan", photos.toString(), "-r", "--model", model.toString(), "--copy-blurred-to",
                target.toString(), "-q");
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        assertEquals(4, filesUnder(photos).size());
        assertEquals(3, filesUnder(target).size());
        Path journal = TestFiles.journalIn(target);
        Cli undo = Cli.run("undo", journal.toString());
        assertTrue(undo.out().contains("copies left 3"), undo.out());
        assertEquals(3, filesUnder(target).size());
    }

    @Test
    void undoNeverOverwritesAndReportsConflicts() throws IOException {
        Path target = tmp.resolve("blurred");
        Cli r = Cli.run("scan", photos.toString(), "--model", model.toString(), "--move-blurred-to",
                target.toString(), "-q");
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        Path journal = TestFiles.journalIn(target);
        // someone puts a new file where the moved one was
        Files.writeString(photos.resolve("blurry.png"), "new file");
        Cli undo = Cli.run("undo", journal.toString());
        assertEquals(ExitCode.SOME_FAILED, undo.exitCode(), undo.toString());
        assertTrue(undo.err().contains("conflict"), undo.err());
        assertEquals("new file", Files.readString(photos.resolve("blurry.png")));
        assertTrue(Files.exists(target.resolve("blurry.png")));

        Files.writeString(journal, "this is not a journal\n");
        assertEquals(ExitCode.FATAL, Cli.run("undo", journal.toString()).exitCode());
        assertEquals(ExitCode.USAGE, Cli.run("undo").exitCode());
    }

    @Test
    void aMoveFolderInsideTheTreeIsLeftOutOfLaterScansWithoutTheOption() throws IOException {
        Path target = photos.resolve("_blurred");
        Cli move = Cli.run("scan", photos.toString(), "-r", "--model", model.toString(), "--move-blurred-to",
                target.toString(), "-q");
        assertEquals(ExitCode.OK, move.exitCode(), move.toString());
        Cli later = Cli.run("scan", photos.toString(), "-r", "--model", model.toString(), "--format", "csv");
        assertEquals(ExitCode.OK, later.exitCode(), later.toString());
        assertEquals(2, later.out().lines().count(), later.out()); // header + sharp.png
        assertTrue(later.err().contains("1 folder of moved or copied files"), later.err());
        // named on the command line, it is scanned
        Cli named = Cli.run("scan", target.toString(), "-r", "--model", model.toString(), "--format", "csv");
        assertEquals(4, named.out().lines().count(), named.out());
    }

    @Test
    void undoRemovesTheFoldersItEmptied() throws IOException {
        Path target = tmp.resolve("blurred");
        Files.createDirectories(target.resolve("kept"));
        Cli r = Cli.run("scan", photos.toString(), "-r", "--model", model.toString(), "--move-blurred-to",
                target.toString(), "-q");
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        assertTrue(Files.isDirectory(target.resolve("2024/july")));
        Path journal = TestFiles.journalIn(target);
        Cli undo = Cli.run("undo", journal.toString());
        assertEquals(ExitCode.OK, undo.exitCode(), undo.toString());
        try (Stream<Path> s = Files.list(target)) {
            assertEquals(List.of(journal.getFileName().toString(), "kept"),
                    s.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}
