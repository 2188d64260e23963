package io.blurfilter.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blurfilter.engine.preprocess.ImagePreprocessor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The preprocessing against OpenCV 4.6's cv2.resize (INTER_LINEAR, and INTER_AREA for
 * {@link Preprocessing.Interpolation#AREA}) + PaddleClas crop on synthetic images
 * (src/test/python/make_resize_fixtures.py). OpenCV's SIMD and scalar vertical passes round
 * differently, so a few pixels may be off by one; nothing may be off by more.
 */
class PreprocessingMatchesOpenCvTest {
    /** The closed-form pattern of make_resize_fixtures.py. */
    static Image pattern(int w, int h) {
        int[] argb = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int px = 0;
                for (int c = 0; c < 3; c++) {
                    long v = x * 7L + y * 13L + c * 50L + (((long) x * y) ^ (x + y * 3L)) % 97
                            + (((x / 5) + (y / 3)) & 1) * 60L;
                    px = px << 8 | (int) (v & 255);
                }
                argb[y * w + x] = 0xFF000000 | px;
            }
        }
        return Image.ofArgb(argb, w, h);
    }

    @Test
    void matchesCv2() throws Exception {
        Path dir = TestFiles.resource("cv2-resize");
        List<String> cases = Files.readAllLines(dir.resolve("cases.txt"));
        assertEquals(12, cases.size());
        Preprocessing identity = Preprocessing.imagenet().withNormalization(1f, new float[3], new float[] {1, 1, 1});
        for (String line : cases) {
            String[] f = line.split(" ");
            int w = Integer.parseInt(f[1]);
            int h = Integer.parseInt(f[2]);
            Preprocessing p = f[3].equals("resize_short")
                    ? Preprocessing.resizeShortThenCrop(Integer.parseInt(f[4]), Integer.parseInt(f[6]),
                            Integer.parseInt(f[6]))
                    : Preprocessing.resizeTo(Integer.parseInt(f[4]), Integer.parseInt(f[5]));
            p = p.withNormalization(1f, new float[3], new float[] {1, 1, 1});
            if (f[f.length - 1].equals("area")) {
                p = p.withInterpolation(Preprocessing.Interpolation.AREA);
            }
            ImagePreprocessor pre = new ImagePreprocessor(p);
            float[] chw = pre.apply(pattern(w, h));
            byte[] expected = Files.readAllBytes(dir.resolve(f[0] + ".u8"));
            int plane = chw.length / 3;
            int offByOne = 0;
            for (int i = 0; i < plane; i++) {
                for (int c = 0; c < 3; c++) {
                    int want = expected[i * 3 + c] & 0xFF;
                    int got = (int) chw[c * plane + i];
                    int diff = Math.abs(want - got);
                    assertTrue(diff <= 1, f[0] + ": pixel " + i + " channel " + c + " is " + got + ", OpenCV " + want);
                    offByOne += diff;
                }
            }
            assertTrue(offByOne <= plane * 3 / 100, f[0] + ": " + offByOne + " values off by one");
        }
        assertEquals(identity.cropWidth(), 224);
    }

    @Test
    void normalizesInFloat32LikePaddleClas() {
        Image one = Image.of(new byte[] {(byte) 255, 0, (byte) 128}, 1, 1, PixelFormat.RGB);
        Preprocessing p = Preprocessing.of(Preprocessing.Resize.NONE, 0, 0, 0, 0, 0, 0.00392157f,
                new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f},
                Preprocessing.ChannelOrder.RGB);
        float[] t = new ImagePreprocessor(p).apply(one);
        assertEquals((255 * 0.00392157f - 0.485f) / 0.229f, t[0]);
        assertEquals((0 * 0.00392157f - 0.456f) / 0.224f, t[1]);
        assertEquals((128 * 0.00392157f - 0.406f) / 0.225f, t[2]);
        float[] bgr = new ImagePreprocessor(p.withChannelOrder(Preprocessing.ChannelOrder.BGR)).apply(one);
        assertEquals((128 * 0.00392157f - 0.485f) / 0.229f, bgr[0]);
    }

    @Test
    void pythonRoundingOfTheShortSide() {
        ImagePreprocessor pre = new ImagePreprocessor(Preprocessing.resizeShortThenCrop(256, 224, 224));
        assertArrayEquals(new int[] {300, 256}, pre.resizedSize(600, 512));
        // 513 * 0.5 = 256.5: Python's round() goes to the even neighbour, 256
        assertArrayEquals(new int[] {256, 256}, pre.resizedSize(513, 512));
        // 515 * 0.5 = 257.5 -> 258
        assertArrayEquals(new int[] {258, 256}, pre.resizedSize(515, 512));
        assertArrayEquals(new int[] {256, 524}, pre.resizedSize(1001, 2048));
    }
}
