package io.blurfilter.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** How Broadcast folds dims before its loops (its arithmetic is checked against PyTorch elsewhere). */
class BroadcastMergeTest {
    private static int[][] merge(int[] a, int[] b, int[] out) {
        return Broadcast.merge(out, Broadcast.strides(a, out), Broadcast.strides(b, out));
    }

    @Test
    void sameShapesAreOneFlatLoop() {
        int[][] m = merge(new int[] {1, 56, 76, 32}, new int[] {1, 56, 76, 32}, new int[] {1, 56, 76, 32});
        assertArrayEquals(new int[] {56 * 76 * 32}, m[0]);
        assertArrayEquals(new int[] {1}, m[1]);
        assertArrayEquals(new int[] {1}, m[2]);
    }

    @Test
    void aScalarIsAZeroStride() {
        int[][] m = merge(new int[] {1, 3, 8, 8}, new int[] {}, new int[] {1, 3, 8, 8});
        assertArrayEquals(new int[] {192}, m[0]);
        assertArrayEquals(new int[] {1}, m[1]);
        assertArrayEquals(new int[] {0}, m[2]);
    }

    @Test
    void aPerChannelOperandKeepsTheChannelAndThePixelDims() {
        // NCHW [1, C, H, W] times [1, C, 1, 1]: rows of H*W pixels, one value per channel
        int[][] m = merge(new int[] {1, 4, 5, 6}, new int[] {1, 4, 1, 1}, new int[] {1, 4, 5, 6});
        assertArrayEquals(new int[] {4, 30}, m[0]);
        assertArrayEquals(new int[] {30, 1}, m[1]);
        assertArrayEquals(new int[] {1, 0}, m[2]);
    }

    @Test
    void broadcastOnBothSidesStaysStrided() {
        // [2, 1, 3] + [1, 4, 1] -> [2, 4, 3]
        int[][] m = merge(new int[] {2, 1, 3}, new int[] {1, 4, 1}, new int[] {2, 4, 3});
        assertArrayEquals(new int[] {2, 4, 3}, m[0]);
        assertArrayEquals(new int[] {3, 0, 1}, m[1]);
        assertArrayEquals(new int[] {0, 1, 0}, m[2]);
    }

    @Test
    void anAllOnesShapeKeepsOneDim() {
        int[][] m = merge(new int[] {1, 1}, new int[] {1}, new int[] {1, 1});
        assertArrayEquals(new int[] {1}, m[0]);
    }
}
