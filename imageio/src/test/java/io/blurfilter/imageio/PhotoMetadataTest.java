package io.blurfilter.imageio;

import static io.blurfilter.imageio.TestExif.ascii;
import static io.blurfilter.imageio.TestExif.rational;
import static io.blurfilter.imageio.TestExif.shortValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Photo metadata as blurfilter reads it (ExifAgreementTest compares the fields with Commons
 * Imaging's, which read them before). Expected values come from exiftool 12.57 (Debian's
 * libimage-exiftool-perl), run on the same files when the tests were written: for the shared photo
 * {@code exiftool -n -ExposureTime -ISO -FocalLength -FNumber -Make -Model -DateTimeOriginal} gives
 * 0.02, 64, 3.81, 2.2, HUAWEI, BND-L21, 2019:07:03 19:43:26; for {@link TestExif#canonBlock} in a
 * JPEG (both byte orders), a PNG eXIf chunk, a WebP EXIF chunk and as a TIFF file: 0.125, 800, 35,
 * 2.8, Canon, Canon EOS 5D, 2024:05:17 18:30:05, OffsetTimeOriginal +02:00.
 */
class PhotoMetadataTest {
    private static final PhotoMetadata CANON =
            new PhotoMetadata(0.125, 800, 35.0, 2.8, "Canon", "Canon EOS 5D", "2024-05-17T18:30:05+02:00");

    @TempDir
    Path tmp;

    static byte[] jpeg() throws IOException {
        return TestImages.encode(TestImages.quadrants(64, 48, BufferedImage.TYPE_INT_RGB), "jpeg");
    }

    static byte[] png() throws IOException {
        return TestImages.encode(TestImages.quadrants(64, 48, BufferedImage.TYPE_INT_RGB), "png");
    }

    @Test
    void aRealPhoneJpegGivesWhatExiftoolReads() {
        Path photo = SharedDir.path().resolve("fixtures/images/clarity_blured_demo.jpg");
        assumeTrue(Files.isRegularFile(photo), "the shared fixtures are not beside the checkout");
        PhotoMetadata m = PhotoMetadata.read(photo);
        assertEquals(new PhotoMetadata(0.02, 64, 3.81, 2.2, "HUAWEI", "BND-L21", "2019-07-03T19:43:26"), m);
        assertEquals("1/50 s", m.exposureTimeText());
        assertEquals("f/2.2", m.fNumberText());
        assertEquals("3.8 mm", m.focalLengthText());
        assertEquals("HUAWEI BND-L21", m.cameraText());
        // its sibling was saved without EXIF
        assertTrue(PhotoMetadata.read(photo.resolveSibling("clarity_clear_demo.jpg")).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"jpeg-big-endian", "jpeg-little-endian", "png", "webp", "tiff"})
    void everyContainerGivesTheSameValues(String container) throws IOException {
        byte[] file = switch (container) {
            case "jpeg-big-endian" -> TestExif.jpegWithExif(jpeg(), TestExif.canonBlock(true));
            case "jpeg-little-endian" -> TestExif.jpegWithExif(jpeg(), TestExif.canonBlock(false));
            case "png" -> TestExif.pngWithExif(png(), TestExif.canonBlock(false));
            case "webp" -> TestExif.webpWithExif(TestExif.canonBlock(true));
            default -> TestExif.canonBlock(true);
        };
        assertEquals(CANON, PhotoMetadata.read(file));
        assertEquals(CANON, PhotoMetadata.read(TestImages.write(tmp.resolve("photo"), file)));
    }

    @Test
    void textsAsPhotographersWriteThem() {
        assertEquals("1/8 s", CANON.exposureTimeText());
        assertEquals("f/2.8", CANON.fNumberText());
        assertEquals("35 mm", CANON.focalLengthText());
        assertEquals("Canon EOS 5D", CANON.cameraText(), "the maker is not repeated");
        PhotoMetadata slow = new PhotoMetadata(0.3, null, null, null, null, "X100V", null);
        assertEquals("0.3 s", slow.exposureTimeText());
        assertEquals("X100V", slow.cameraText());
        assertEquals("1/4 s", new PhotoMetadata(0.25, null, null, null, null, null, null).exposureTimeText());
        assertEquals("2 s", new PhotoMetadata(2.0, null, null, null, null, null, null).exposureTimeText());
        assertNull(PhotoMetadata.NONE.exposureTimeText());
        assertNull(PhotoMetadata.NONE.cameraText());
    }

    @Test
    void filesWithoutExifHaveNone() throws IOException {
        for (byte[] file : List.of(jpeg(), png(), TestImages.encode(TestImages.quadrants(8, 8,
                BufferedImage.TYPE_INT_RGB), "gif"), new byte[0], "plain text".getBytes())) {
            assertTrue(PhotoMetadata.read(file).isEmpty());
        }
        assertTrue(PhotoMetadata.read(tmp.resolve("no-such-file.jpg")).isEmpty(), "an unreadable file has none");
        assertTrue(PhotoMetadata.read(tmp).isEmpty(), "nor does a folder");
    }

    @Test
    void placeholdersAndImpossibleValuesAreAbsent() throws IOException {
        byte[] block = TestExif.block(false,
                List.of(ascii(0x010F, "  "), ascii(0x0110, "Cam\u0001era\tX   ")),
                List.of(rational(0x829A, 1, 0), rational(0x829D, 0, 0), shortValue(0x8827, 0),
                        ascii(0x9003, "0000:00:00 00:00:00"), ascii(0x9004, "2021:02:03 04:05:06"),
                        ascii(0x9012, "+25:00"), rational(0x920A, 0, 1)));
        PhotoMetadata m = PhotoMetadata.read(TestExif.jpegWithExif(jpeg(), block));
        // 1/0 s, f/0, ISO 0, 0 mm: what some phones write for "unknown"; an empty make; the
        // digitized time stands in for a blank original time, without its impossible offset
        assertEquals(new PhotoMetadata(null, null, null, null, null, "Cam era X", "2021-02-03T04:05:06"), m);
    }

    @Test
    void isoAboveTheShortRangeComesFromIsoSpeed() throws IOException {
        byte[] block = TestExif.block(true, List.of(), List.of(shortValue(0x8827, 65535),
                new TestExif.Entry(0x8833, 4, 1, new byte[] {0, 1, (byte) 0x90, 0}))); // LONG 102400
        assertEquals(102_400, PhotoMetadata.read(TestExif.jpegWithExif(jpeg(), block)).iso());
        byte[] high = TestExif.block(true, List.of(), List.of(shortValue(0x8827, 51200)));
        assertEquals(51_200, PhotoMetadata.read(TestExif.jpegWithExif(jpeg(), high)).iso(), "SHORT is unsigned");
    }

    @Test
    void longCameraNamesAreCut() throws IOException {
        byte[] block = TestExif.block(true, List.of(ascii(0x0110, "M".repeat(5000))), List.of());
        assertEquals(ExifReader.MAX_TEXT, PhotoMetadata.read(TestExif.jpegWithExif(jpeg(), block)).cameraModel().length());
    }

    @Test
    void exifBeyondTheFirstBytesIsNotRead() throws IOException {
        // two 64 KB comment segments push the EXIF segment past the bytes that are read
        byte[] late = TestExif.jpegWithExif(jpeg(), TestExif.canonBlock(true));
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(late, 0, 2);
        for (int i = 0; i < 2; i++) {
            file.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFE, (byte) 0xFF, (byte) 0xFF});
            file.writeBytes(new byte[0xFFFF - 2]);
        }
        assertTrue(file.size() > PhotoMetadata.HEAD_BYTES);
        file.write(late, 2, late.length - 2);
        assertTrue(PhotoMetadata.read(file.toByteArray()).isEmpty());
        assertTrue(PhotoMetadata.read(TestImages.write(tmp.resolve("late.jpg"), file.toByteArray())).isEmpty());
        assertEquals(CANON, PhotoMetadata.read(late), "the same segment right after SOI is read");
    }
}
