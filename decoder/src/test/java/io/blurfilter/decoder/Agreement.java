package io.blurfilter.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How closely decoded pixels follow a reference decoder's: the bound is +-1 on 99.9% of samples. */
final class Agreement {
    long samples;
    long exact;
    long beyondOne;
    int maxDifference;

    void add(String what, DecodedPixels ours, Pnm reference) {
        assertEquals(reference.width + "x" + reference.height, ours.width() + "x" + ours.height(), what + ": size");
        int[] argb = ours.argb();
        for (int i = 0; i < argb.length; i++) {
            for (int ch = 0; ch < 3; ch++) {
                int d = Math.abs((argb[i] >> (16 - 8 * ch) & 0xFF) - reference.sample(i, ch));
                samples++;
                exact += d == 0 ? 1 : 0;
                beyondOne += d > 1 ? 1 : 0;
                maxDifference = Math.max(maxDifference, d);
            }
        }
    }

    void assertWithinOneOn999Permille(String what) {
        assertTrue(samples > 0, what + ": nothing compared");
        assertTrue(beyondOne * 1000 <= samples, what + ": " + this);
    }

    @Override
    public String toString() {
        return String.format("%d samples, %.4f%% exact, %.4f%% off by more than 1, max difference %d",
                samples, 100.0 * exact / samples, 100.0 * beyondOne / samples, maxDifference);
    }
}
