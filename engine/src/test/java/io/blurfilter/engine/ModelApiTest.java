package io.blurfilter.engine;


import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ModelApiTest {
    @Test
    void pooledClassifyIsThreadSafeAndMatchesASession() throws Exception {
        Model model = Model.of(TinyModels.classifier(5));
        Random r = new Random(1);
        List<Image> images = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            images.add(TinyModels.randomImage(r, 30 + r.nextInt(60), 30 + r.nextInt(60)));
        }
        List<float[]> expected = new ArrayList<>();
        try (Session s = model.newSession()) {
            for (Image img : images) {
                expected.add(s.classify(img).probabilities());
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> futures = new ArrayList<>();
            for (int round = 0; round < 5; round++) {
                for (Image img : images) {
                    futures.add(pool.submit(() -> model.classify(img).probabilities()));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                assertArrayEquals(expected.get(i % images.size()), futures.get(i).get());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void classifyEqualsPreprocessThenRun() {
        Model model = Model.of(TinyModels.classifier(6));
        Image img = TinyModels.randomImage(new Random(2), 77, 41);
        try (Session s = model.newSession()) {
            Tensor input = s.preprocess(img);
            assertArrayEquals(new int[] {1, 3, 32, 32}, input.shape());
            assertArrayEquals(s.run(input).data(), s.classify(img).probabilities());
        }
    }

    @Test
    void thresholdRuleIsPaddleClasThreshOutput() {
        ModelMetadata meta = TinyModels.classifier(7).metadata();
        Classification blurred = Classification.of(new float[] {0.3f, 0.7f}, meta);
        assertEquals("blur", blurred.label());
        assertEquals(0.7f, blurred.score());
        Classification clear = Classification.of(new float[] {0.6f, 0.4f}, meta);
        assertEquals("clear", clear.label());
        assertEquals(1f - 0.4f, clear.score());
        assertEquals("blur", Classification.of(new float[] {0.5f, 0.5f}, meta).label(), "at the threshold: blur");
    }

    @Test
    void imageInputsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> Image.ofArgb(new int[5], 2, 3));
        assertThrows(IllegalArgumentException.class, () -> Image.of(new byte[5], 2, 1, PixelFormat.RGB));
        assertThrows(IllegalArgumentException.class, () -> Image.ofArgb(new int[0], 0, 0));
        Image bgr = Image.of(new byte[] {1, 2, 3}, 1, 1, PixelFormat.BGR);
        assertEquals(0x030201, bgr.rgb(0, 0));
        Image gray = Image.of(new byte[] {(byte) 200}, 1, 1, PixelFormat.GRAY);
        assertEquals(0xC8C8C8, gray.rgb(0, 0));
    }

    @Test
    void tooSmallForTheCropIsAClearError() {
        Model model = Model.of(TinyModels.classifier(8));
        // resize_short 36 then crop 32: a 200x20 image becomes 360x36, fine; the crop needs 32x32
        model.classify(TinyModels.randomImage(new Random(3), 200, 20));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new io.blurfilter.engine.preprocess.ImagePreprocessor(
                        Preprocessing.resizeShortThenCrop(16, 32, 32))
                        .apply(TinyModels.randomImage(new Random(4), 40, 40)));
        assertEquals(true, e.getMessage().contains("smaller than the 32x32 crop"), e.getMessage());
    }

    @Test
    void closedModelRefusesWork() {
        Model model = Model.of(TinyModels.classifier(9));
        model.close();
        assertThrows(IllegalStateException.class, () -> model.run(Tensor.zeros(1, 3, 32, 32)));
    }

    @Test
    void withKernelsRunsTheSameModelOnAnotherFamily() {
        Model model = Model.of(TinyModels.classifier(10), KernelFamily.REFERENCE);
        Model plain = model.withKernels(KernelFamily.PLAIN);
        assertEquals(KernelFamily.REFERENCE, model.kernels());
        assertEquals(KernelFamily.PLAIN, plain.kernels());
        Random r = new Random(11);
        for (int i = 0; i < 5; i++) {
            Image img = TinyModels.randomImage(r, 40 + r.nextInt(40), 40 + r.nextInt(40));
            float[] expected = model.classify(img).probabilities();
            float[] actual = plain.classify(img).probabilities();
            for (int c = 0; c < expected.length; c++) {
                assertEquals(expected[c], actual[c], 1e-5, "class " + c);
            }
        }
        model.close();
        assertThrows(IllegalStateException.class, () -> model.withKernels(KernelFamily.PLAIN));
        plain.classify(TinyModels.randomImage(r, 40, 40)); // the derived model has a life of its own
    }
}
