package io.blurfilter.decoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The Vector API 8x8 and 4x4 IDCTs giving the plain path's bytes on every block, overflowing ones
 * included. Runs where jdk.incubator.vector is present (surefire's vector-idct execution); the choice
 * of path: {@link VectorPathsTest}.
 */
class InverseDctPathsTest {
    @Test
    void vectorMatchesPlainOnRandomAndExtremeBlocks() {
        compareOnRandomAndExtremeBlocks(8);
    }

    @Test
    void vectorQuarterMatchesPlainOnRandomAndExtremeBlocks() {
        compareOnRandomAndExtremeBlocks(4);
    }

    /** The size x size IDCT (8: jidctint, 4: jidctred's 4x4) by both paths on 400k blocks. */
    private static void compareOnRandomAndExtremeBlocks(int size) {
        InverseDct.Vector v = VectorPaths.idctOrNull();
        assumeTrue(v != null, "no Vector API in this JVM");
        InverseDct plain = new InverseDct(null);
        InverseDct vector = new InverseDct(v);
        Random rnd = new Random(22);
        short[] in = new short[64 + 64];
        int[] q = new int[64];
        int stride = 13;
        byte[] a = new byte[stride * 8 + 8];
        byte[] b = new byte[a.length];
        for (int t = 0; t < 400_000; t++) {
            int mode = t % 4;
            int at = t % 3 == 0 ? 64 : 0;
            for (int k = 0; k < 64; k++) {
                // 16-bit tables up to 65535; 0 is illegal but must still agree
                q[k] = mode == 0 ? 1 + rnd.nextInt(65535) : mode == 1 ? 1 + rnd.nextInt(255) : mode == 2 ? rnd.nextInt(65536) : 1 + rnd.nextInt(16);
                int s = rnd.nextInt(8);
                in[at + k] = (short) (s == 0 ? rnd.nextInt(65536) : s == 1 ? (rnd.nextBoolean() ? 32767 : -32768)
                        : s == 2 ? rnd.nextInt(64) - 32 : s == 3 ? rnd.nextInt(2048) - 1024 : 0);
            }
            // empty columns and rows, so both passes' shortcuts are taken, with and without overflow
            for (int c = 0; c < 8; c++) {
                if (rnd.nextInt(3) == 0) {
                    for (int r = 1; r < 8; r++) {
                        in[at + r * 8 + c] = 0;
                    }
                }
            }
            if (rnd.nextInt(4) == 0) {
                for (int k = 0; k < 64; k++) {
                    if (k % 8 != 0) {
                        in[at + k] = 0;
                    }
                }
            }
            java.util.Arrays.fill(a, (byte) 7);
            java.util.Arrays.fill(b, (byte) 7);
            plain.transform(size, in, at, q, a, 3, stride);
            vector.transform(size, in, at, q, b, 3, stride);
            assertArrayEquals(a, b, "block " + t + " at size " + size);
        }
    }
}
