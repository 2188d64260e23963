package io.blurfilter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blurfilter.imageio.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A blurred photo's RAW and XMP files of the same base name move with it, journaled, and {@code undo}
 * puts them all back (issue 19, item 14); {@code --no-sidecars} moves the photo alone.
 */
class ScanSidecarsTest {
    @TempDir
    Path tmp;
    Path model;
    Path photos;

    @BeforeEach
    void makeFolder() throws IOException {
        model = TestModels.laplacian(tmp.resolve("model.bfm"));
        photos = tmp.resolve("photos");
        TestImages.write(photos.resolve("IMG_1.jpg"), TestImages.encode(TestImages.smooth(400, 300), "jpeg"));
        TestImages.write(photos.resolve("IMG_1.CR2"), "raw of IMG_1".getBytes());
        TestImages.write(photos.resolve("IMG_1.xmp"), "<xmp of IMG_1/>".getBytes());
        TestImages.write(photos.resolve("IMG_1.jpg.xmp"), "<darktable xmp of IMG_1.jpg/>".getBytes());
        TestImages.write(photos.resolve("IMG_1.CR2.xmp"), "<xmp of the raw/>".getBytes());
        TestImages.write(photos.resolve("IMG_1.txt"), "notes: not a sidecar".getBytes());
        TestImages.write(photos.resolve("IMG_10.CR2"), "raw of IMG_10, another photo".getBytes());
        TestImages.write(photos.resolve("IMG_2.jpg"), TestImages.encode(TestImages.noise(400, 300, 2), "jpeg"));
        TestImages.write(photos.resolve("IMG_2.CR2"), "raw of the sharp IMG_2".getBytes());
    }

    @Test
    void rawAndXmpMoveWithTheirPhotoAndComeBackWithUndo() throws Exception {
        Map<String, String> before = hashes(photos);
        Path target = tmp.resolve("blurred");
        TestImages.write(target.resolve("IMG_1.CR2"), "an earlier move's raw".getBytes()); // taken: all get (1)
        Cli r = Cli.run("scan", photos.toString(), "--model", model.toString(), "--format", "csv",
                "--move-blurred-to", target.toString());
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        assertEquals(List.of("IMG_1 (1).CR2", "IMG_1 (1).CR2.xmp", "IMG_1 (1).jpg", "IMG_1 (1).jpg.xmp",
                "IMG_1 (1).xmp", "IMG_1.CR2"), files(target));
        assertEquals(List.of("IMG_1.txt", "IMG_10.CR2", "IMG_2.CR2", "IMG_2.jpg"), files(photos));
        assertEquals("raw of IMG_1", Files.readString(target.resolve("IMG_1 (1).CR2")));
        assertTrue(r.err().contains("moved 1 blurred file and 4 sidecars to "), r.err());

        Path journal = TestFiles.journalIn(target);
        assertEquals(1 + 5, Files.readAllLines(journal).size(), "every moved file journaled");
        Cli undo = Cli.run("undo", journal.toString());
        assertEquals(ExitCode.OK, undo.exitCode(), undo.toString());
        assertTrue(undo.out().startsWith("restored 5,"), undo.out());
        assertEquals(before, hashes(photos));
        assertEquals(List.of("IMG_1.CR2"), files(target));
    }

    @Test
    void noSidecarsMovesThePhotoAlone() throws Exception {
        Path target = tmp.resolve("blurred");
        Cli r = Cli.run("scan", photos.toString(), "--model", model.toString(), "--format", "csv",
                "--move-blurred-to", target.toString(), "--no-sidecars");
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        assertEquals(List.of("IMG_1.jpg"), files(target));
        assertTrue(files(photos).contains("IMG_1.CR2"));
    }

    @Test
    void aDryRunNamesTheSidecarsAndMovesNothing() throws Exception {
        Map<String, String> before = hashes(photos);
        Cli r = Cli.run("scan", photos.toString(), "--model", model.toString(), "--format", "csv",
                "--move-blurred-to", tmp.resolve("blurred").toString(), "--dry-run");
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        assertTrue(r.err().contains("would move: " + photos.toAbsolutePath().resolve("IMG_1.CR2")), r.err());
        assertTrue(r.err().contains("dry run: 1 blurred file and 4 sidecars would be moved"), r.err());
        assertEquals(before, hashes(photos));
    }

    @Test
    void noSidecarsWithoutAMoveIsAUsageError() {
        Cli r = Cli.run("scan", photos.toString(), "--model", model.toString(), "--no-sidecars");
        assertEquals(ExitCode.USAGE, r.exitCode(), r.toString());
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".blurfilter-journal-"))
                    .sorted().toList();
        }
    }

    private static Map<String, String> hashes(Path dir) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (String name : files(dir)) {
            out.put(name, io.blurfilter.cli.relocate.Sha256.of(dir.resolve(name)));
        }
        return out;
    }
}
