package io.blurfilter.cli.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blurfilter.imageio.DecodeSettings;
import io.blurfilter.imageio.ImageDecoder;
import io.blurfilter.imageio.TestImages;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanPipelineTest {
    @TempDir
    Path tmp;

    @Test
    void keepsWalkOrderAndABoundedWindowWhateverTheWorkersDo() throws IOException {
        Path image = TestImages.write(tmp.resolve("i.png"),
                TestImages.encode(TestImages.quadrants(16, 16, BufferedImage.TYPE_INT_RGB), "png"));
        int threads = 4;
        int files = 400;
        AtomicInteger produced = new AtomicInteger();
        AtomicInteger consumed = new AtomicInteger();
        int[] maxInFlight = {0};
        BlurScorer slowAndUneven = img -> {
            try {
                Thread.sleep(ThreadLocalRandom.current().nextInt(3));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0.25f;
        };
        ScanPipeline pipeline = new ScanPipeline(new ImageDecoder(DecodeSettings.fullSize()), slowAndUneven,
                new Labels("clear", "blur", 0.5f), threads, null);
        List<Integer> order = new ArrayList<>();
        pipeline.run(sink -> {
            for (int i = 0; i < files; i++) {
                maxInFlight[0] = Math.max(maxInFlight[0], produced.get() - consumed.get());
                produced.incrementAndGet();
                // the root carries the sequence number so the sink can check the order
                sink.accept(InputEntry.ok(image, tmp.resolve(Integer.toString(i))));
            }
        }, row -> {
            consumed.incrementAndGet();
            order.add(Integer.parseInt(row.entry().root().getFileName().toString()));
            assertEquals("clear", row.label());
        });
        assertEquals(files, order.size());
        for (int i = 0; i < files; i++) {
            assertEquals(i, order.get(i));
        }
        // memory bound: never more than the window of 4 x threads files waiting
        assertTrue(maxInFlight[0] <= 4 * threads, "in flight: " + maxInFlight[0]);
    }

    @Test
    void aThrowingModelFailsOnlyThatFile() throws IOException {
        Path image = TestImages.write(tmp.resolve("i.png"),
                TestImages.encode(TestImages.quadrants(8, 8, BufferedImage.TYPE_INT_RGB), "png"));
        ScanPipeline pipeline = new ScanPipeline(new ImageDecoder(DecodeSettings.fullSize()), img -> {
            throw new IllegalArgumentException("boom");
        }, new Labels("clear", "blur", 0.5f), 2, null);
        List<ScanRow> rows = new ArrayList<>();
        pipeline.run(sink -> sink.accept(InputEntry.ok(image, tmp)), rows::add);
        assertEquals("model failed on this image: java.lang.IllegalArgumentException: boom", rows.get(0).error());
    }

    @Test
    void progressLineShowsRateAndEta() {
        assertEquals("10 images  5.0 img/s", ProgressBar.line(10, 2_000_000_000L, -1));
        assertEquals("[###############...............] 10/20  5.0 img/s  ETA 0:02",
                ProgressBar.line(10, 2_000_000_000L, 20));
        assertEquals("1:01:01", ProgressBar.formatDuration(3661));
    }
}
