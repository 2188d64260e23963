package io.blurfilter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blurfilter.imageio.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code scan} does with its inputs and outputs before and around the scan (issue 19). */
class ScanInputsTest {
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
        TestImages.write(photos.resolve("blurry.png"), blurry);
    }

    @Test
    void aMissingInputIsAUsageErrorAndNothingIsMoved() {
        Path missing = tmp.resolve("no/such/dir");
        Path target = tmp.resolve("blurred");
        Cli r = Cli.run("scan", photos.toString(), missing.toString(), "--model", model.toString(),
                "--move-blurred-to", target.toString());
        assertEquals(ExitCode.USAGE, r.exitCode(), r.toString());
        assertTrue(r.err().contains(missing + ": no such file or folder"), r.err());
        assertEquals("", r.out());
        assertTrue(Files.exists(photos.resolve("blurry.png")));
        assertFalse(Files.exists(target));
    }

    @Test
    void folderLinksAreSkippedNotFailed() throws IOException {
        Path elsewhere = tmp.resolve("elsewhere");
        TestImages.write(elsewhere.resolve("other.png"), blurry);
        Files.createSymbolicLink(photos.resolve("link-to-elsewhere"), elsewhere);
        Cli r = Cli.run("scan", photos.toString(), "-r", "--model", model.toString(), "--format", "csv");
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        assertEquals(2, r.out().lines().count(), r.out()); // header + blurry.png
        assertTrue(r.err().contains("skipped: 1 symbolic link to a folder, not followed (--follow-links)"), r.err());
    }

    @Test
    void withFollowLinksASecondWayIntoAFolderIsAlreadyScanned() throws IOException {
        Path elsewhere = tmp.resolve("elsewhere");
        TestImages.write(elsewhere.resolve("other.png"), blurry);
        Files.createSymbolicLink(photos.resolve("a-link"), elsewhere);
        Files.createSymbolicLink(photos.resolve("b-link"), elsewhere);
        Cli r = Cli.run("scan", photos.toString(), "-r", "--follow-links", "--model", model.toString(), "--format",
                "csv");
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        assertEquals(3, r.out().lines().count(), r.out()); // header, a-link/other.png, blurry.png
        assertTrue(r.out().contains("a-link/other.png"), r.out());
        assertTrue(r.err().contains("skipped: 1 folder already scanned"), r.err());
        assertFalse(r.err().contains("loop"), r.err());
    }

    @Test
    void aReportThatCannotBeWrittenStopsTheScanBeforeItStarts() throws IOException {
        Path target = tmp.resolve("blurred");
        Path underAFile = photos.resolve("blurry.png").resolve("report.html");
        Cli r = Cli.run("scan", photos.toString(), "--model", model.toString(), "--move-blurred-to",
                target.toString(), "--report", underAFile.toString());
        assertEquals(ExitCode.FATAL, r.exitCode(), r.toString());
        assertTrue(r.err().contains("cannot write the report " + underAFile + ": " + photos.resolve("blurry.png")),
                r.err());
        assertTrue(r.err().contains("Not a directory") || r.err().contains("not a folder"), r.err());
        assertEquals("", r.out());
        assertTrue(Files.exists(photos.resolve("blurry.png")), "nothing was moved");
        assertFalse(Files.exists(target));

        Path aFolder = Files.createDirectories(tmp.resolve("reports"));
        Cli folder = Cli.run("scan", photos.toString(), "--model", model.toString(), "--report", aFolder.toString());
        assertEquals(ExitCode.FATAL, folder.exitCode(), folder.toString());
        assertTrue(folder.err().contains(aFolder + " is a folder"), folder.err());
        assertEquals("", folder.out());
        try (var left = Files.list(aFolder)) {
            assertEquals(0, left.count(), "the probe leaves nothing behind");
        }
    }

    @Test
    void theOutputFileExtensionPicksTheFormatUnlessFormatIsGiven() throws IOException {
        for (String extension : new String[] {"csv", "json", "jsonl", "JSONL"}) {
            Path out = tmp.resolve("rows." + extension);
            Cli r = Cli.run("scan", photos.toString(), "--model", model.toString(), "-o", out.toString(), "-q");
            assertEquals(ExitCode.OK, r.exitCode(), r.toString());
            String written = Files.readString(out);
            String expectedStart = switch (extension) {
                case "csv" -> "path,blur_score,label,width,height,error\n";
                case "json" -> "[\n{\"path\":";
                default -> "{\"path\":";
            };
            assertTrue(written.startsWith(expectedStart), extension + ": " + written);
        }
        Path txt = tmp.resolve("rows.txt");
        Cli.run("scan", photos.toString(), "--model", model.toString(), "-o", txt.toString(), "-q");
        assertTrue(Files.readString(txt).startsWith("SCORE "), Files.readString(txt)); // the table
        Path csvAsJsonl = tmp.resolve("forced.csv");
        Cli.run("scan", photos.toString(), "--model", model.toString(), "-o", csvAsJsonl.toString(), "--format",
                "jsonl", "-q");
        assertTrue(Files.readString(csvAsJsonl).startsWith("{\"path\":"), Files.readString(csvAsJsonl));
    }
}
