package io.blurfilter.decoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The Vector API parts of the fancy 2x2 upsampling giving the plain path's samples for random and
 * extreme (0/255) planes of every small size, whole and in random windows. Runs where
 * jdk.incubator.vector is present (surefire's vector execution).
 */
class UpsamplerPathsTest {
    @Test
    void vectorMatchesPlainOnRandomAndExtremePlanes() {
        Upsampler.Fancy v = VectorPaths.upsamplerOrNull();
        assumeTrue(v != null, "no Vector API in this JVM");
        Random rnd = new Random(22);
        for (int t = 0; t < 3000; t++) {
            int n = 1 + rnd.nextInt(t < 1500 ? 40 : 300);
            int rows = 1 + rnd.nextInt(12);
            FrameComponent c = new FrameComponent(1, 1, 1, 0);
            c.sampleWidth = n;
            c.sampleHeight = rows;
            c.samplesStride = n + rnd.nextInt(9);
            c.samples = new byte[c.samplesStride * rows];
            int mode = t % 3;
            for (int k = 0; k < c.samples.length; k++) {
                c.samples[k] = (byte) (mode == 0 ? rnd.nextInt(256) : mode == 1 ? (rnd.nextBoolean() ? 0 : 255) : 255);
            }
            int w = 2 * n;
            int h = 2 * rows;
            Window window = t % 2 == 0 ? new Window(0, 0, w, h) : window(rnd, w, h);
            assertArrayEquals(Upsampler.upsample(c, 2, 2, true, window, null), Upsampler.upsample(c, 2, 2, true, window, v),
                    "plane " + t + " " + n + "x" + rows + " " + window);
        }
    }

    private static Window window(Random rnd, int w, int h) {
        int x = rnd.nextInt(w);
        int y = rnd.nextInt(h);
        return new Window(x, y, 1 + rnd.nextInt(w - x), 1 + rnd.nextInt(h - y));
    }
}
