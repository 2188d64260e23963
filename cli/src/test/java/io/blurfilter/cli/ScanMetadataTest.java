package io.blurfilter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.blurfilter.cli.output.Csv;
import io.blurfilter.imageio.TestExif;
import io.blurfilter.imageio.TestImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Photo metadata in {@code scan}'s rows (issue 19, item 16): JSON and JSON Lines always carry it,
 * CSV only with {@code --metadata}, the report on each thumbnail; a photo whose metadata is damaged
 * still gets its score. The EXIF values were checked with exiftool (see PhotoMetadataTest).
 */
class ScanMetadataTest {
    static final String CANON_JSON = "\"exposure_time\":0.125,\"iso\":800,\"focal_length\":35.0,\"f_number\":2.8,"
            + "\"camera_make\":\"Canon\",\"camera_model\":\"Canon EOS 5D\",\"capture_time\":\"2024-05-17T18:30:05+02:00\"";

    @TempDir
    Path tmp;
    Path model;
    Path photos;

    @BeforeEach
    void makePhotos() throws IOException {
        model = TestModels.laplacian(tmp.resolve("model.bin"));
        photos = tmp.resolve("photos");
        byte[] jpeg = TestImages.encode(TestImages.noise(320, 240, 3), "jpeg");
        TestImages.write(photos.resolve("a-canon.jpg"), TestExif.jpegWithExif(jpeg, TestExif.canonBlock(false)));
        TestImages.write(photos.resolve("b-plain.png"), TestImages.encode(TestImages.smooth(300, 200), "png"));
        // EXIF whose pointer to the EXIF directory leads past the block: IFD0's camera only
        byte[] block = TestExif.canonBlock(true);
        int pointer = indexOf(block, new byte[] {(byte) 0x87, 0x69, 0, 4, 0, 0, 0, 1}) + 8;
        block[pointer] = (byte) 0x7F;
        TestImages.write(photos.resolve("c-damaged-exif.jpg"), TestExif.jpegWithExif(jpeg, block));
        // a directory that is its own next directory, and an EXIF pointer back to IFD0
        byte[] loop = TestExif.canonBlock(false);
        int next = 8 + 2 + 12 * 4; // IFD0 holds Make, Model, DateTime and the EXIF pointer
        loop[next] = 8;
        loop[pointer] = 8; // same position in either byte order: the first byte of the pointer's value
        TestImages.write(photos.resolve("d-looping-exif.jpg"), TestExif.jpegWithExif(jpeg, loop));
        TestImages.write(photos.resolve("e-empty.jpg"), new byte[0]);
    }

    @Test
    void jsonRowsCarryTheMetadataAndNullWhereThereIsNone() {
        Cli r = Cli.run("scan", photos.toString(), "--format", "json", "--model", model.toString(), "-q");
        assertEquals(ExitCode.SOME_FAILED, r.exitCode(), r.toString()); // the empty file
        List<String> rows = r.out().lines().toList();
        assertTrue(rows.get(1).matches("\\{\"path\":\".*a-canon.jpg\",\"blur_score\":[0-9.E-]+,\"label\":\"clear\","
                + "\"width\":320,\"height\":240,\"error\":null," + Pattern.quote(CANON_JSON) + "},"), rows.get(1));
        assertTrue(rows.get(2).endsWith("\"error\":null," + ScanEndToEndTest.NO_METADATA + "},"), rows.get(2));
        // damaged metadata never fails the photo: its score is there, the unreadable fields are null
        assertTrue(rows.get(3).contains("\"label\":\"clear\",\"width\":320,\"height\":240,\"error\":null,"
                + "\"exposure_time\":null,\"iso\":null,\"focal_length\":null,\"f_number\":null,"
                + "\"camera_make\":\"Canon\",\"camera_model\":\"Canon EOS 5D\",\"capture_time\":null}"), rows.get(3));
        assertTrue(rows.get(4).contains("\"label\":\"clear\",\"width\":320,\"height\":240,\"error\":null,"), rows.get(4));
        assertTrue(rows.get(4).contains("\"camera_model\":\"Canon EOS 5D\""), rows.get(4));
        assertTrue(rows.get(5).endsWith("\"error\":\"empty file (0 bytes)\"," + ScanEndToEndTest.NO_METADATA + "}"),
                rows.get(5));
    }

    @Test
    void aRealPhonePhotosExposureIsoAndModelInJsonLines() {
        Path shared = TestFiles.sharedImages();
        assumeTrue(shared != null, "the shared fixtures are not beside the checkout");
        Path photo = shared.resolve("clarity_blured_demo.jpg");
        Cli r = Cli.run("scan", photo.toString(), "--format", "jsonl", "--model", model.toString(), "-q");
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        // exiftool -n: ExposureTime 0.02, ISO 64, FocalLength 3.81, FNumber 2.2, Make HUAWEI,
        // Model BND-L21, DateTimeOriginal 2019:07:03 19:43:26 (no offset stored)
        assertTrue(r.out().contains(",\"error\":null,\"exposure_time\":0.02,\"iso\":64,\"focal_length\":3.81,"
                + "\"f_number\":2.2,\"camera_make\":\"HUAWEI\",\"camera_model\":\"BND-L21\","
                + "\"capture_time\":\"2019-07-03T19:43:26\"}\n"), r.out());
    }

    @Test
    void csvKeepsItsColumnsUnlessAskedForMetadata() {
        Cli plain = Cli.run("scan", photos.toString(), "--format", "csv", "--model", model.toString(), "-q");
        List<String> lines = plain.out().lines().toList();
        assertEquals("path,blur_score,label,width,height,error", lines.get(0));
        for (String line : lines) {
            assertEquals(6, Csv.split(line).size(), line);
        }

        Cli withMetadata = Cli.run("scan", photos.toString(), "--format", "csv", "--metadata", "--model",
                model.toString(), "-q");
        lines = withMetadata.out().lines().toList();
        assertEquals("path,blur_score,label,width,height,error,exposure_time,iso,focal_length,f_number,camera_make,"
                + "camera_model,capture_time", lines.get(0));
        assertEquals(List.of("", "0.125", "800", "35.0", "2.8", "Canon", "Canon EOS 5D", "2024-05-17T18:30:05+02:00"),
                Csv.split(lines.get(1)).subList(5, 13));
        assertEquals(List.of("", "", "", "", "", "", "", ""), Csv.split(lines.get(2)).subList(5, 13), lines.get(2));
        assertEquals("empty file (0 bytes)", Csv.split(lines.get(5)).get(5));
        assertEquals(13, Csv.split(lines.get(5)).size());
    }

    @Test
    void metadataWithTheTableIsAUsageError() {
        Cli r = Cli.run("scan", photos.toString(), "--metadata", "--model", model.toString());
        assertEquals(ExitCode.USAGE, r.exitCode(), r.toString());
        assertTrue(r.err().contains("--metadata adds columns to --format csv"), r.err());
        assertEquals("", r.out(), "nothing was scanned");
    }

    @Test
    void theReportShowsEachThumbnailsExposureAndCamera() throws IOException {
        Path report = tmp.resolve("report.html");
        Cli r = Cli.run("scan", photos.toString(), "--model", model.toString(), "--report", report.toString(), "-q");
        assertEquals(ExitCode.SOME_FAILED, r.exitCode(), r.toString());
        String html = Files.readString(report, StandardCharsets.UTF_8);
        assertTrue(html.contains("<div class=\"exif\"><span>1/8 s</span> \u00b7 <span>f/2.8</span> \u00b7 "
                + "<span>ISO 800</span> \u00b7 <span>35 mm</span><br/>Canon EOS 5D \u00b7 <span>2024-05-17</span> "
                + "<span>18:30:05+02:00</span></div>"), html);
        assertTrue(html.contains("<div class=\"exif\">Canon EOS 5D</div>"), "the damaged EXIF's camera alone");
        assertEquals(4, html.split("class=\"card").length - 1, "four thumbnails");
        assertEquals(3, html.split("<div class=\"exif\">").length - 1, "the plain PNG has no metadata line");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
