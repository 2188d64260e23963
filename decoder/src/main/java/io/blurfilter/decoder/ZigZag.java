package io.blurfilter.decoder;

/** JPEG's zig-zag coefficient order, as natural (row-major) indexes of an 8x8 block. */
final class ZigZag {
    /** {@code NATURAL[k]} is where the k-th coefficient in zig-zag order sits in the block. */
    static final int[] NATURAL = build();

    private ZigZag() {}

    // walked rather than written out: a typo in a 64-entry table would only show as subtly wrong pixels
    private static int[] build() {
        int[] order = new int[64];
        int k = 0;
        for (int diagonal = 0; diagonal < 15; diagonal++) {
            int first = Math.max(0, diagonal - 7);
            int last = Math.min(diagonal, 7);
            for (int i = first; i <= last; i++) {
                // odd diagonals run down-left (row grows), even ones up-right
                int row = (diagonal & 1) == 1 ? i : first + last - i;
                order[k++] = row * 8 + (diagonal - row);
            }
        }
        return order;
    }
}
