package io.blurfilter.imageio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blurfilter.engine.Classification;
import io.blurfilter.engine.Image;
import io.blurfilter.engine.Model;
import io.blurfilter.model.BlurModel;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library's one call from an image file, or its bytes, to a classification: the same pixels and
 * scores from bytes as from the file, the model's scores on an independent whole-image decode for
 * photos small enough to decode at full size, and errors that name the file.
 */
class ImageFileClassifierTest {
    private static Model model;
    private static ImageFileClassifier photos;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() {
        model = BlurModel.loadDefault();
        photos = ImageFileClassifier.of(model);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    /** A photo-like picture: smooth on the left, noisy on the right. */
    private static BufferedImage picture(int width, int height) {
        BufferedImage img = TestImages.smooth(width, height);
        BufferedImage noise = TestImages.noise(width / 2, height, width * 31L + height);
        img.getGraphics().drawImage(noise, width / 2, 0, null);
        return img;
    }

    @Test
    void bytesDecodeToTheFilesPixels() throws IOException {
        byte[] jpeg = TestImages.withExifOrientation(TestImages.encode(picture(2800, 2100), "jpeg"), 6, true);
        byte[] png = TestImages.encode(picture(300, 200), "png");
        ImageDecoder decoder = new ImageDecoder(DecodeSettings.reducedFor(model.metadata().preprocessing(),
                DecodeSettings.DEFAULT_MAX_PIXELS), model::pixelsRead);
        for (byte[] encoded : Arrays.asList(jpeg, png)) {
            DecodedImage fromFile = decoder.decode(TestImages.write(tmp.resolve("f" + encoded.length), encoded));
            DecodedImage fromBytes = decoder.decode(encoded);
            assertEquals(fromFile.width(), fromBytes.width());
            assertEquals(fromFile.height(), fromBytes.height());
            assertEquals(fromFile.region(), fromBytes.region());
            assertEquals(fromFile.fullWidth(), fromBytes.fullWidth());
            assertEquals(fromFile.fullHeight(), fromBytes.fullHeight());
            assertArrayEquals(fromFile.argb(), fromBytes.argb());
        }
        // the JPEG was reduced (a short side of 2100 keeps at least 1024: every second pixel), turned
        // upright (orientation 6 swaps the sides) and cut to what the model reads
        DecodedImage d = decoder.decode(jpeg);
        assertEquals(1050, d.width());
        assertEquals(1400, d.height());
        assertEquals(2100, d.fullWidth());
        assertFalse(d.isWhole());
    }

    @Test
    void scoresAPhotoAsTheModelScoresAWholeImageIoDecode() throws IOException {
        for (BufferedImage img : Arrays.asList(picture(640, 480), TestImages.smooth(500, 700),
                TestImages.noise(800, 600, 3))) {
            Path file = TestImages.write(tmp.resolve("p" + img.getWidth() + ".jpg"), TestImages.encode(img, "jpeg"));
            BufferedImage decoded = ImageIO.read(file.toFile());
            int w = decoded.getWidth();
            int h = decoded.getHeight();
            Classification expected = model.classify(Image.ofArgb(decoded.getRGB(0, 0, w, h, null, 0, w), w, h));
            Classification actual = photos.classify(file);
            for (int c = 0; c < 2; c++) {
                assertEquals(expected.probability(c), actual.probability(c), w + "x" + h + " class " + c);
            }
            assertEquals(expected.label(), actual.label());
        }
    }

    @Test
    void aLargePhotoIsScoredFromEverySecondPixelAndItsBytesScoreTheSame() throws IOException {
        // short side 2100: reduced-size decoding keeps at least 1024, so every second pixel
        byte[] jpeg = TestImages.encode(picture(2800, 2100), "jpeg");
        Path file = TestImages.write(tmp.resolve("big.jpg"), jpeg);
        ImageReader reader = ImageIO.getImageReadersByFormatName("jpeg").next();
        BufferedImage half;
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            reader.setInput(in);
            ImageReadParam param = reader.getDefaultReadParam();
            param.setSourceSubsampling(2, 2, 0, 0);
            half = reader.read(0, param);
        } finally {
            reader.dispose();
        }
        int w = half.getWidth();
        int h = half.getHeight();
        assertEquals(1400, w);
        float expected = model.classify(Image.ofArgb(half.getRGB(0, 0, w, h, null, 0, w), w, h)).probability(BlurModel.BLUR);
        assertEquals(expected, photos.classify(file).probability(BlurModel.BLUR));
        assertEquals(expected, photos.classify(jpeg).probability(BlurModel.BLUR));
    }

    @Test
    void threadsSharingOneClassifierGetTheSequentialScores() throws Exception {
        int files = 12;
        byte[][] encoded = new byte[files][];
        float[] sequential = new float[files];
        for (int i = 0; i < files; i++) {
            encoded[i] = TestImages.encode(i % 2 == 0 ? picture(400 + 16 * i, 300) : TestImages.noise(320, 240 + 8 * i, i),
                    i % 3 == 0 ? "png" : "jpeg");
            sequential[i] = photos.classify(encoded[i]).probability(BlurModel.BLUR);
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Float>> scores = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (int i = 0; i < files; i++) {
                    byte[] bytes = encoded[i];
                    scores.add(pool.submit(() -> photos.classify(bytes).probability(BlurModel.BLUR)));
                }
            }
            for (int j = 0; j < scores.size(); j++) {
                assertEquals(sequential[j % files], scores.get(j).get(), "file " + j % files);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void sharpAndBlurredPicturesGetTheirLabels() throws IOException {
        assertTrue(photos.classify(TestImages.encode(TestImages.noise(640, 480, 9), "png")).probability(BlurModel.BLUR) < 0.5f);
        assertTrue(photos.classify(TestImages.encode(TestImages.smooth(640, 480), "png")).probability(BlurModel.BLUR) > 0.5f);
    }

    @Test
    void errorsNameTheFileAndTheProblem() throws IOException {
        byte[] jpeg = TestImages.encode(picture(640, 480), "jpeg");
        Path cut = TestImages.write(tmp.resolve("cut.jpg"), Arrays.copyOf(jpeg, jpeg.length * 2 / 3));
        ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> photos.classify(cut));
        assertTrue(e.getMessage().startsWith(cut.toString()) && e.getMessage().contains("truncated"), e.getMessage());

        Path missing = tmp.resolve("missing.jpg");
        e = assertThrows(ImageDecodeException.class, () -> photos.classify(missing));
        assertTrue(e.getMessage().startsWith(missing.toString()), e.getMessage());

        Path text = Files.writeString(tmp.resolve("notes.jpg"), "not a picture");
        e = assertThrows(ImageDecodeException.class, () -> photos.classify(text));
        assertTrue(e.getMessage().startsWith(text.toString()), e.getMessage());

        e = assertThrows(ImageDecodeException.class, () -> photos.classify(Arrays.copyOf(jpeg, jpeg.length / 2)));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        // cut below the rows the model reads: only the end-of-image check can tell
        e = assertThrows(ImageDecodeException.class, () -> photos.classify(Arrays.copyOf(jpeg, jpeg.length - 2)));
        assertTrue(e.getMessage().contains("end-of-image"), e.getMessage());
        e = assertThrows(ImageDecodeException.class, () -> photos.classify(new byte[0]));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }
}
