package io.blurfilter.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blurfilter.engine.preprocess.ImagePreprocessor;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link ImagePreprocessor#pixelsRead}: preprocessing an image that holds only that region gives the
 * same tensor to the bit as the whole image, and the region is tight (one pixel less on any side and
 * preprocessing reads outside what the image holds).
 */
class PixelsReadTest {
    private static final List<Preprocessing> CONFIGS = List.of(
            Preprocessing.imagenet(),
            Preprocessing.imagenet().withInterpolation(Preprocessing.Interpolation.AREA),
            Preprocessing.resizeTo(160, 80),
            Preprocessing.resizeTo(96, 64).withInterpolation(Preprocessing.Interpolation.AREA),
            Preprocessing.of(Preprocessing.Resize.NONE, 0, 0, 0, 100, 60, 1f / 255f, new float[3],
                    new float[] {1, 1, 1}, Preprocessing.ChannelOrder.BGR));
    private static final int[][] SIZES = {{640, 480}, {480, 640}, {2000, 1500}, {1024, 1024}, {517, 389},
        {512, 700}, {300, 300}, {1999, 1501}, {203, 301}};

    private static int[] randomArgb(int w, int h, long seed) {
        Random r = new Random(seed);
        int[] argb = new int[w * h];
        for (int i = 0; i < argb.length; i++) {
            argb[i] = 0xFF000000 | r.nextInt(1 << 24);
        }
        return argb;
    }

    private static int[] cut(int[] argb, int width, PixelRegion region) {
        int[] part = new int[region.width() * region.height()];
        for (int y = region.y0(); y < region.y1(); y++) {
            System.arraycopy(argb, y * width + region.x0(), part, (y - region.y0()) * region.width(), region.width());
        }
        return part;
    }

    @Test
    void theRegionGivesTheWholeImagesTensor() {
        for (Preprocessing p : CONFIGS) {
            ImagePreprocessor pre = new ImagePreprocessor(p);
            for (int[] size : SIZES) {
                int w = size[0];
                int h = size[1];
                int[] argb = randomArgb(w, h, w * 31L + h);
                PixelRegion region = pre.pixelsRead(w, h);
                String what = p.resize() + "/" + p.interpolation() + " " + w + "x" + h + " region " + region;
                assertTrue(new PixelRegion(0, 0, w, h).contains(region), what);
                float[] whole = pre.apply(Image.ofArgb(argb, w, h));
                float[] part = pre.apply(Image.ofArgbRegion(cut(argb, w, region), w, h, region));
                assertArrayEquals(whole, part, what);
                for (PixelRegion smaller : shrunk(region)) {
                    assertThrows(IndexOutOfBoundsException.class,
                            () -> pre.apply(Image.ofArgbRegion(cut(argb, w, smaller), w, h, smaller)),
                            what + " shrunk to " + smaller);
                }
            }
        }
    }

    /** The region less one pixel on each side in turn. */
    private static List<PixelRegion> shrunk(PixelRegion r) {
        return List.of(new PixelRegion(r.x0() + 1, r.y0(), r.x1(), r.y1()),
                new PixelRegion(r.x0(), r.y0() + 1, r.x1(), r.y1()),
                new PixelRegion(r.x0(), r.y0(), r.x1() - 1, r.y1()),
                new PixelRegion(r.x0(), r.y0(), r.x1(), r.y1() - 1));
    }

    @Test
    void aPhotosCropReadsAboutHalfOfIt() {
        PixelRegion r = new ImagePreprocessor(Preprocessing.imagenet()).pixelsRead(4000, 3000);
        double share = (double) r.width() * r.height() / (4000.0 * 3000);
        assertTrue(share > 0.55 && share < 0.6, r + " is " + share + " of the photo");
    }

    @Test
    void refusesARegionThatDoesNotMatchItsPixels() {
        PixelRegion r = new PixelRegion(10, 10, 20, 30);
        assertThrows(IllegalArgumentException.class, () -> Image.ofArgbRegion(new int[10], 100, 100, r));
        assertThrows(IllegalArgumentException.class,
                () -> Image.ofArgbRegion(new int[200], 15, 100, r)); // region outside the image
        assertThrows(IllegalArgumentException.class, () -> new PixelRegion(5, 5, 5, 9));
    }

    @Test
    void regionsAreValues() {
        PixelRegion r = new PixelRegion(10, 10, 20, 30);
        assertEquals(new PixelRegion(10, 10, 20, 30), r);
        assertEquals(new PixelRegion(10, 10, 20, 30).hashCode(), r.hashCode());
        for (PixelRegion other : List.of(new PixelRegion(11, 10, 20, 30), new PixelRegion(10, 11, 20, 30),
                new PixelRegion(10, 10, 21, 30), new PixelRegion(10, 10, 20, 31))) {
            assertNotEquals(r, other);
        }
        assertEquals("PixelRegion[x0=10, y0=10, x1=20, y1=30]", r.toString());
        assertEquals(10, r.width());
        assertEquals(20, r.height());
    }
}
