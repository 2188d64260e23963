package io.blurfilter.decoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The Vector API YCbCr conversion giving the plain path's pixels for every (Y, Cb, Cr) and every
 * length (the scalar tail). Runs where jdk.incubator.vector is present (surefire's vector execution).
 */
class ColorConverterPathsTest {
    @Test
    void vectorMatchesPlainOnEveryColour() {
        ColorConverter.Ycc v = VectorPaths.colorOrNull();
        assumeTrue(v != null, "no Vector API in this JVM");
        int n = 1 << 16;
        byte[] cb = new byte[n];
        byte[] cr = new byte[n];
        for (int i = 0; i < n; i++) {
            cb[i] = (byte) i;
            cr[i] = (byte) (i >> 8);
        }
        for (int y = 0; y < 256; y++) {
            byte[] luma = new byte[n];
            java.util.Arrays.fill(luma, (byte) y);
            byte[][] planes = {luma, cb, cr};
            assertArrayEquals(ColorConverter.toArgb(ColorConverter.Space.YCBCR, planes, n, null),
                    ColorConverter.toArgb(ColorConverter.Space.YCBCR, planes, n, v), "Y " + y);
        }
    }

    @Test
    void vectorMatchesPlainOnEveryLength() {
        ColorConverter.Ycc v = VectorPaths.colorOrNull();
        assumeTrue(v != null, "no Vector API in this JVM");
        Random rnd = new Random(22);
        for (int n = 0; n < 70; n++) {
            byte[][] planes = new byte[3][n + 5];
            for (byte[] p : planes) {
                rnd.nextBytes(p);
            }
            assertArrayEquals(ColorConverter.toArgb(ColorConverter.Space.YCBCR, planes, n, null),
                    ColorConverter.toArgb(ColorConverter.Space.YCBCR, planes, n, v), "length " + n);
        }
    }
}
