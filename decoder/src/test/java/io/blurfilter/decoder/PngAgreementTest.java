package io.blurfilter.decoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Our PNG pixels against the JDK's ImageIO reader: bit-exact, every colour type, bit depth and interlacing. */
class PngAgreementTest {
    private final PngDecoder decoder = new PngDecoder(100_000_000L);

    static Stream<String> kinds() {
        return Stream.of(PngSamples.KINDS);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void everyColourTypeAndDepthEqualsTheJdkReader(String kind) throws IOException {
        // sizes where Adam7 passes are partial or empty, and one with long rows
        int[][] sizes = {{37, 29}, {1, 1}, {3, 2}, {8, 8}, {301, 5}};
        for (int[] size : sizes) {
            BufferedImage image = PngSamples.image(kind, size[0], size[1], kind.hashCode());
            for (boolean interlaced : new boolean[] {false, true}) {
                byte[] png = PngSamples.png(image, interlaced);
                // the writer chose the layout the kind names (IHDR: depth, colour type, ..., interlace)
                assertEquals(kind.replaceAll("\\D", "") + " " + colourType(kind) + " " + (interlaced ? 1 : 0),
                        png[24] + " " + png[25] + " " + png[28], kind + ": bit depth, colour type, interlace");
                assertPixelsEqualJdk(png, kind + " " + size[0] + "x" + size[1] + (interlaced ? " Adam7" : ""));
            }
        }
    }

    private static int colourType(String kind) {
        return kind.startsWith("palette") ? 3 : kind.startsWith("greyalpha") ? 4 : kind.startsWith("grey") ? 0
                : kind.startsWith("rgba") ? 6 : 2;
    }

    private void assertPixelsEqualJdk(byte[] png, String what) throws IOException {
        DecodedPixels ours = decoder.decode(png);
        assertArrayEquals(PngSamples.jdkArgb(png), ours.argb(), what);
    }

    @Test
    void greyAndRgbTransparencyKeysMakeThosePixelsTransparent() throws IOException {
        for (String kind : new String[] {"grey8", "grey16", "rgb8", "rgb16"}) {
            BufferedImage image = PngSamples.image(kind, 19, 11, 5);
            int bands = image.getRaster().getNumBands();
            int[] key = image.getRaster().getPixel(4, 3, new int[bands]);
            byte[] trns = new byte[2 * bands];
            for (int b = 0; b < bands; b++) {
                trns[2 * b] = (byte) (key[b] >> 8);
                trns[2 * b + 1] = (byte) key[b];
            }
            for (boolean interlaced : new boolean[] {false, true}) {
                byte[] png = PngSamples.withChunk(PngSamples.png(image, interlaced), "tRNS", trns);
                DecodedPixels ours = decoder.decode(png);
                int[] jdk = PngSamples.jdkArgb(png);
                int transparent = 0;
                for (int y = 0; y < 11; y++) {
                    for (int x = 0; x < 19; x++) {
                        int[] px = image.getRaster().getPixel(x, y, new int[bands]);
                        int i = y * 19 + x;
                        boolean keyed = java.util.Arrays.equals(px, key);
                        transparent += keyed ? 1 : 0;
                        assertEquals(keyed ? 0 : 0xFF, ours.argb()[i] >>> 24, kind + " alpha at " + x + "," + y);
                        assertEquals(jdk[i] & 0xFFFFFF, ours.argb()[i] & 0xFFFFFF, kind + " colour at " + x + "," + y);
                        if (jdk[i] >>> 24 != 0xFF) { // where the JDK applies tRNS, it agrees on alpha too
                            assertEquals(jdk[i], ours.argb()[i], kind + " at " + x + "," + y);
                        }
                    }
                }
                assertTrue(transparent > 0);
            }
        }
    }

    @Test
    void sharedPngsEqualTheJdkReader() throws IOException {
        List<Path> pngs;
        Path shared = JpegAgreementTest.shared();
        try (Stream<Path> a = Files.list(shared.resolve("fixtures/images"));
                Stream<Path> b = Files.list(shared.resolve("data/real-blur"))) {
            pngs = Stream.concat(a, b).filter(p -> p.toString().endsWith(".png")).sorted().collect(Collectors.toList());
        }
        assertTrue(pngs.size() >= 4, "shared PNGs missing");
        for (Path p : pngs) {
            assertPixelsEqualJdk(Files.readAllBytes(p), p.getFileName().toString());
        }
    }
}
