package io.blurfilter.imageio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decoder in a JVM that really has no {@code java.desktop} (nor {@code java.logging}):
 * JPEG and PNG decode through the built-in decoder, other formats are errors naming the format and
 * the missing module, photo metadata is what this JVM reads, and nothing throws a {@code
 * NoClassDefFoundError}.
 */
class LimitedJvmDecodeTest {
    @TempDir
    Path tmp;

    @Test
    void decodesJpegAndPngAndNamesWhatItCannotRead() throws IOException, InterruptedException {
        BufferedImage picture = TestImages.quadrants(60, 40, BufferedImage.TYPE_INT_RGB);
        // EXIF with camera fields (Commons Imaging, which read them before, needs java.logging)
        Path jpeg = TestImages.write(tmp.resolve("a.jpg"),
                TestExif.jpegWithExif(TestImages.encode(picture, "jpeg"), TestExif.canonBlock(false)));
        Path png = TestImages.write(tmp.resolve("b.png"), TestImages.encode(picture, "png"));
        Path progressive = TestImages.write(tmp.resolve("c.jpg"), TestImages.progressiveJpeg(picture));
        Path gif = TestImages.write(tmp.resolve("d.gif"), TestImages.encode(picture, "gif"));
        Path bmp = TestImages.write(tmp.resolve("e.bmp"), TestImages.encode(picture, "bmp"));
        Path empty = TestImages.write(tmp.resolve("f.jpg"), new byte[0]);
        // the pixels must be what this JVM's built-in decoder gives (checked against libjpeg-turbo and
        // the JDK's readers in the decoder module's tests)
        ImageDecoder builtIn = new ImageDecoder(DecodeSettings.fullSize(), null, true);
        String a = LimitedJvmDecodeMain.crc(builtIn.decode(jpeg).argb());
        String b = LimitedJvmDecodeMain.crc(builtIn.decode(png).argb());
        String c = LimitedJvmDecodeMain.crc(builtIn.decode(progressive).argb());
        PhotoMetadata canon = PhotoMetadata.read(jpeg);
        assertEquals("Canon", canon.cameraMake());
        String none = PhotoMetadata.NONE.toString();
        LimitedJvm.Result r = LimitedJvm.run(tmp, 60, LimitedJvmDecodeMain.class.getName(),
                List.of(jpeg.toString(), png.toString(), progressive.toString(), gif.toString(), bmp.toString(),
                        empty.toString()));
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(List.of(
                "imageio=false",
                "a.jpg ok 60x40 crc=" + a + " bytes=same metadata=" + canon,
                "b.png ok 60x40 crc=" + b + " bytes=same metadata=" + none,
                "c.jpg ok 60x40 crc=" + c + " bytes=same metadata=" + none,
                "d.gif error: GIF image: this JVM has no java.desktop module (ImageIO), which decodes GIF; only JPEG"
                        + " and PNG are decoded without it",
                "e.bmp error: BMP image: this JVM has no java.desktop module (ImageIO), which decodes BMP; only JPEG"
                        + " and PNG are decoded without it",
                "f.jpg error: empty file (0 bytes)"), r.stdout().lines().toList(), r::toString);
        assertFalse(r.stderr().contains("Exception") || r.stderr().contains("Error"), r::toString);
    }
}
