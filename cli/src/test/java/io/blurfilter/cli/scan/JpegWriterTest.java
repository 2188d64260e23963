package io.blurfilter.cli.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blurfilter.decoder.DecodedPixels;
import io.blurfilter.decoder.JpegDecoder;
import io.blurfilter.imageio.TestImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The java.base JPEG writer against ImageIO's (libjpeg's) writer at the same quality, the one the
 * report's thumbnails came from before: both decoders read its files back at the right size, and
 * size and error stay within a little of what ImageIO's writer gives for the same pixels.
 */
class JpegWriterTest {
    @Test
    void decodesBackLikeImageIosOwnJpegAtTheSameQuality() throws IOException {
        // odd sizes: macroblocks cut at the right and bottom edges, and a single pixel
        int[][] sizes = {{128, 96}, {37, 21}, {17, 128}, {1, 1}, {8, 8}};
        for (int[] size : sizes) {
            for (BufferedImage picture : new BufferedImage[] {TestImages.smooth(size[0], size[1]),
                TestImages.quadrants(size[0], size[1], BufferedImage.TYPE_INT_RGB), photoLike(size[0], size[1])}) {
                int w = picture.getWidth();
                int h = picture.getHeight();
                int[] argb = picture.getRGB(0, 0, w, h, null, 0, w);
                byte[] ours = JpegWriter.rgb(argb, w, h, 75);
                byte[] reference = TestImages.encode(picture, "jpeg"); // ImageIO's default quality, 0.75
                String what = w + "x" + h;
                double ourError = error(argb, ImageIO.read(new ByteArrayInputStream(ours)), what);
                double referenceError = error(argb, ImageIO.read(new ByteArrayInputStream(reference)), what);
                assertTrue(ourError <= referenceError * 1.1 + 0.5, what + ": error " + ourError + " vs " + referenceError);
                assertTrue(ours.length <= reference.length * 1.1 + 64, what + ": " + ours.length + " vs " + reference.length);

                DecodedPixels builtIn = new JpegDecoder(1 << 20).decode(ours);
                assertEquals(w, builtIn.width(), what);
                assertEquals(h, builtIn.height(), what);
            }
        }
    }

    @Test
    void qualityHundredIsNearlyLossless() throws IOException {
        BufferedImage noise = TestImages.noise(40, 24, 7);
        int[] argb = noise.getRGB(0, 0, 40, 24, null, 0, 40);
        BufferedImage grey = new BufferedImage(40, 24, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < argb.length; i++) {
            int v = (argb[i] >> 8) & 0xFF;
            grey.setRGB(i % 40, i / 40, v << 16 | v << 8 | v); // no chroma for 4:2:0 to average away
        }
        int[] g = grey.getRGB(0, 0, 40, 24, null, 0, 40);
        double error = error(g, ImageIO.read(new ByteArrayInputStream(JpegWriter.rgb(g, 40, 24, 100))), "q100");
        assertTrue(error < 1.5, "mean error " + error);
        double coarse = error(g, ImageIO.read(new ByteArrayInputStream(JpegWriter.rgb(g, 40, 24, 10))), "q10");
        assertTrue(coarse > 5 * error, "quality 10 loses more: " + coarse);
    }

    @Test
    void rejectsWhatItCannotWrite() {
        assertThrows(IllegalArgumentException.class, () -> JpegWriter.rgb(new int[0], 0, 1, 75));
        assertThrows(IllegalArgumentException.class, () -> JpegWriter.rgb(new int[4], 2, 3, 75));
        assertThrows(IllegalArgumentException.class, () -> JpegWriter.rgb(new int[1 << 17], 1 << 16, 2, 75));
        assertThrows(IllegalArgumentException.class, () -> JpegWriter.rgb(new int[4], 2, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> JpegWriter.rgb(new int[4], 2, 2, 101));
    }

    /** Noise on a gradient: detail in every block, and colour that 4:2:0 must average. */
    private static BufferedImage photoLike(int w, int h) {
        BufferedImage noise = TestImages.noise(w, h, w * 31L + h);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int n = noise.getRGB(x, y);
                int r = 40 + 150 * x / w + ((n >> 16) & 0x1F);
                int g = 60 + 100 * y / h + ((n >> 8) & 0x1F);
                int b = 120 + (n & 0x3F);
                out.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        return out;
    }

    /** Mean absolute difference per channel, after checking the decoded size. */
    private static double error(int[] argb, BufferedImage decoded, String what) {
        int w = decoded.getWidth();
        int h = decoded.getHeight();
        assertEquals(argb.length, w * h, what);
        long sum = 0;
        for (int i = 0; i < argb.length; i++) {
            int p = decoded.getRGB(i % w, i / w);
            for (int s = 0; s < 24; s += 8) {
                sum += Math.abs(((p >> s) & 0xFF) - ((argb[i] >> s) & 0xFF));
            }
        }
        return sum / (3.0 * argb.length);
    }
}
