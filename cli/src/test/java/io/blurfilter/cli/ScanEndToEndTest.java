package io.blurfilter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blurfilter.cli.output.Csv;
import io.blurfilter.imageio.TestImages;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code blurfilter scan} on a generated tree with good images and every kind of bad file. */
class ScanEndToEndTest {
    /** The photo metadata fields of a row without any (ScanMetadataTest has photos with). */
    static final String NO_METADATA = "\"exposure_time\":null,\"iso\":null,\"focal_length\":null,\"f_number\":null,"
            + "\"camera_make\":null,\"camera_model\":null,\"capture_time\":null";

    @TempDir
    Path tmp;
    Path model;
    Path photos;

    @BeforeEach
    void makeTree() throws IOException {
        model = TestModels.laplacian(tmp.resolve("model.bin"));
        photos = tmp.resolve("photos");
        byte[] sharpJpeg = TestImages.encode(TestImages.noise(320, 240, 1), "jpeg");
        byte[] blurryJpeg = TestImages.encode(TestImages.smooth(320, 240), "jpeg");
        TestImages.write(photos.resolve("a-sharp.jpg"), sharpJpeg);
        TestImages.write(photos.resolve("b-blurry.jpg"), blurryJpeg);
        TestImages.write(photos.resolve("trip/c-sharp.png"), TestImages.encode(TestImages.noise(200, 300, 2), "png"));
        TestImages.write(photos.resolve("trip/d-blurry.png"), TestImages.encode(TestImages.smooth(300, 200), "png"));
        // a JPEG named .png: recognised by content
        TestImages.write(photos.resolve("trip/e-wrong-extension.png"), blurryJpeg);
        TestImages.write(photos.resolve("notes.txt"), "not scanned: no image extension".getBytes());
        Path bad = photos.resolve("bad");
        TestImages.write(bad.resolve("empty.jpg"), new byte[0]);
        TestImages.write(bad.resolve("truncated.jpg"), Arrays.copyOf(sharpJpeg, sharpJpeg.length / 3));
        TestImages.write(bad.resolve("not-an-image.jpg"), "plain text pretending\n".getBytes());
        TestImages.write(bad.resolve("huge.png"), TestImages.pngHeaderOnly(50_000, 40_000));
        Files.createSymbolicLink(bad.resolve("loop"), bad);                      // link to a folder (a cycle)
        Files.createSymbolicLink(bad.resolve("self-loop.jpg"), Path.of("self-loop.jpg"));
        Files.createSymbolicLink(bad.resolve("broken.jpg"), Path.of("nowhere.jpg"));
        Path locked = TestImages.write(bad.resolve("unreadable.jpg"), sharpJpeg);
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    }

    /** Rows of a CSV output by path relative to the photos folder. */
    private Map<String, List<String>> csvRows(String csv) {
        List<String> lines = csv.lines().toList();
        assertEquals("path,blur_score,label,width,height,error", lines.get(0));
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> f = Csv.split(line);
            assertEquals(6, f.size(), line);
            rows.put(photos.relativize(Path.of(f.get(0))).toString(), f);
        }
        return rows;
    }

    @Test
    void scoresGoodImagesAndReportsEveryBadOne() {
        Cli r = Cli.run("scan", photos.toString(), "--recursive", "--format", "csv", "--model", model.toString(),
                "--threads", "2");
        assertEquals(ExitCode.SOME_FAILED, r.exitCode(), r.toString());
        Map<String, List<String>> rows = csvRows(r.out());

        assertEquals("clear", rows.get("a-sharp.jpg").get(2));
        assertEquals("blur", rows.get("b-blurry.jpg").get(2));
        assertEquals("clear", rows.get("trip/c-sharp.png").get(2));
        assertEquals("blur", rows.get("trip/d-blurry.png").get(2));
        assertEquals("blur", rows.get("trip/e-wrong-extension.png").get(2));
        assertEquals(List.of("200", "300"), rows.get("trip/c-sharp.png").subList(3, 5));
        assertEquals("", rows.get("a-sharp.jpg").get(5));
        float blurScore = Float.parseFloat(rows.get("b-blurry.jpg").get(1));
        assertTrue(blurScore > 0.9f && blurScore <= 1f, "blur score " + blurScore);

        assertError(rows, "bad/empty.jpg", "empty file (0 bytes)");
        assertError(rows, "bad/truncated.jpg", "truncated");
        assertError(rows, "bad/not-an-image.jpg", "not an image");
        assertError(rows, "bad/huge.png", "image too large: 50000x40000 is 2000.0 megapixels");
        assertFalse(rows.containsKey("bad/loop"), "a link to a folder is skipped, not a failure");
        assertError(rows, "bad/self-loop.jpg", "symbolic link loop");
        assertError(rows, "bad/broken.jpg", "broken symbolic link");
        boolean root = Files.isReadable(photos.resolve("bad/unreadable.jpg")); // root reads anything
        if (!root) {
            assertError(rows, "bad/unreadable.jpg", "permission denied");
        }
        assertFalse(rows.containsKey("notes.txt"));
        // rows come in sorted walk order, folders where they sort
        assertEquals(List.of("a-sharp.jpg", "b-blurry.jpg", "bad/broken.jpg"),
                rows.keySet().stream().limit(3).toList());
        assertTrue(r.err().contains((root ? "6" : "5") + " images in"), r.err());
        assertTrue(r.err().contains((root ? "3 clear" : "2 clear") + ", 3 blur; " + (root ? 6 : 7) + " files failed"),
                r.err());
        assertTrue(r.err().contains("1 not an image extension (--all-files scans them)"), r.err());
        assertTrue(r.err().contains("1 symbolic link to a folder, not followed (--follow-links)"), r.err());
    }

    private static void assertError(Map<String, List<String>> rows, String path, String expected) {
        List<String> row = rows.get(path);
        assertNotNull(row, path + " has no row; rows: " + rows.keySet());
        assertEquals("", row.get(1), path);
        assertTrue(row.get(5).contains(expected), path + ": " + row.get(5));
    }

    @Test
    void followLinksEndsTheLoop() {
        Cli r = Cli.run("scan", photos.resolve("bad").toString(), "-r", "--follow-links", "--format", "csv",
                "--model", model.toString());
        Map<String, List<String>> rows = csvRows(r.out());
        assertFalse(rows.keySet().stream().anyMatch(p -> p.startsWith("bad/loop")), rows.keySet().toString());
        assertTrue(r.err().contains("1 folder already scanned"), r.err());
    }

    @Test
    void jsonAndJsonlCarryTheSameFields() {
        Path sub = photos.resolve("trip");
        Cli json = Cli.run("scan", sub.toString(), "--format", "json", "--model", model.toString(), "-q");
        assertEquals(ExitCode.OK, json.exitCode(), json.toString());
        List<String> lines = json.out().lines().toList();
        assertEquals("[", lines.get(0));
        assertEquals("]", lines.get(lines.size() - 1));
        assertEquals(5, lines.size());
        assertTrue(lines.get(1).matches("\\{\"path\":\".*c-sharp.png\",\"blur_score\":[0-9.E-]+,\"label\":\"clear\","
                + "\"width\":200,\"height\":300,\"error\":null," + NO_METADATA + "},"), lines.get(1));
        assertEquals("", json.err(), "--quiet prints no summary");

        Cli jsonl = Cli.run("scan", photos.resolve("bad/empty.jpg").toString(), "--format", "jsonl", "--model",
                model.toString());
        assertEquals(ExitCode.SOME_FAILED, jsonl.exitCode());
        assertEquals("{\"path\":" + io.blurfilter.cli.output.Json.string(photos.resolve("bad/empty.jpg").toString())
                + ",\"blur_score\":null,\"label\":null,\"width\":null,\"height\":null,"
                + "\"error\":\"empty file (0 bytes)\"," + NO_METADATA + "}\n", jsonl.out());
    }

    @Test
    void tableIsForPeopleAndEndsWithTheSummary() throws IOException {
        Path out = tmp.resolve("out/rows.csv");
        Cli r = Cli.run("scan", photos.resolve("trip").toString(), "--model", model.toString(), "--threshold", "0.5");
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).startsWith("SCORE   LABEL"), lines.get(0));
        assertTrue(lines.get(1).matches("0\\.\\d{4}  clear\\s+200x300  .*c-sharp.png"), lines.get(1));
        assertTrue(lines.get(lines.size() - 1).startsWith("3 images in"), r.out());

        Cli toFile = Cli.run("scan", photos.resolve("trip").toString(), "--model", model.toString(), "-o",
                out.toString(), "--format", "csv");
        assertEquals("", toFile.out());
        assertEquals(4, Files.readAllLines(out).size());
    }

    @Test
    void usageErrorsExitWithTwoAndFatalOnesWithThree() {
        assertEquals(ExitCode.USAGE, Cli.run("scan").exitCode());
        assertEquals(ExitCode.USAGE, Cli.run("scan", "x", "--format", "xml").exitCode());
        assertEquals(ExitCode.USAGE, Cli.run("scan", "x", "--threshold", "1.5").exitCode());
        assertEquals(ExitCode.USAGE, Cli.run("scan", "x", "--dry-run").exitCode());
        assertEquals(ExitCode.USAGE, Cli.run("scan", "x", "--move-blurred-to", "a", "--copy-blurred-to", "b").exitCode());
        assertEquals(ExitCode.USAGE, Cli.run("frobnicate").exitCode());
        Cli missingModel = Cli.run("scan", photos.toString(), "--model", tmp.resolve("nope.bin").toString());
        assertEquals(ExitCode.FATAL, missingModel.exitCode());
        assertTrue(missingModel.err().contains("model file not found"), missingModel.err());
        Cli notAModel = Cli.run("scan", photos.toString(), "--model", photos.resolve("a-sharp.jpg").toString());
        assertEquals(ExitCode.FATAL, notAModel.exitCode());
        assertTrue(notAModel.err().contains("cannot load model"), notAModel.err());
    }

    @Test
    void helpAndVersion() {
        Cli help = Cli.run("--help");
        assertEquals(ExitCode.OK, help.exitCode());
        for (String command : List.of("scan", "eval", "undo", "info", "run", "convert", "bench")) {
            assertTrue(help.out().contains("\n  " + command + " "), command);
        }
        assertTrue(Cli.run("scan", "--help").out().contains("--move-blurred-to=DIR"));
        assertTrue(Cli.run("--version").out().startsWith("blurfilter "));
    }

    @Test
    void aFileThatVanishesBeforeItIsReadGetsARow() throws IOException {
        Path gone = TestImages.write(tmp.resolve("gone.jpg"), TestImages.encode(
                TestImages.quadrants(8, 8, BufferedImage.TYPE_INT_RGB), "jpeg"));
        var pipeline = new io.blurfilter.cli.scan.ScanPipeline(
                new io.blurfilter.imageio.ImageDecoder(io.blurfilter.imageio.DecodeSettings.fullSize()),
                image -> 0.5f, new io.blurfilter.cli.scan.Labels("clear", "blur", 0.5f), 1, null);
        List<io.blurfilter.cli.scan.ScanRow> rows = new java.util.ArrayList<>();
        pipeline.run(sink -> {
            var entry = io.blurfilter.cli.scan.InputEntry.ok(gone, tmp);
            Files.delete(gone); // listed, then gone before the decoder gets to it
            sink.accept(entry);
        }, rows::add);
        assertEquals("file vanished before it could be read", rows.get(0).error());
    }
}
