package io.blurfilter.cli.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every expected value here was worked out by hand (pairs counted, ties as one half). */
class BinaryMetricsTest {
    @Test
    void aucOfTheTextbookExample() {
        // positives 0.35, 0.8; negatives 0.1, 0.4: pairs won 0.35>0.1, 0.8>0.1, 0.8>0.4 -> 3 of 4
        BinaryMetrics m = new BinaryMetrics(new float[] {0.1f, 0.4f, 0.35f, 0.8f},
                new boolean[] {false, false, true, true});
        assertEquals(0.75, m.rocAuc(), 1e-12);
    }

    @Test
    void tiesCountOneHalf() {
        // positives 0.5, 0.9; negatives 0.5, 0.2: 0.5=0.5 -> 1/2, others won -> 3.5 of 4
        BinaryMetrics m = new BinaryMetrics(new float[] {0.5f, 0.5f, 0.2f, 0.9f},
                new boolean[] {true, false, false, true});
        assertEquals(0.875, m.rocAuc(), 1e-12);
        List<double[]> roc = m.rocCurve();
        assertEquals(4, roc.size());
        assertArrayEquals(new double[] {0, 0}, roc.get(0));
        assertArrayEquals(new double[] {0, 0.5}, roc.get(1));
        assertArrayEquals(new double[] {0.5, 1}, roc.get(2)); // the tie moves diagonally
        assertArrayEquals(new double[] {1, 1}, roc.get(3));
    }

    @Test
    void confusionAtAThresholdCountsScoresAtTheThresholdAsPositive() {
        BinaryMetrics m = new BinaryMetrics(new float[] {0.5f, 0.5f, 0.2f, 0.9f},
                new boolean[] {true, false, false, true});
        BinaryMetrics.Confusion c = m.at(0.5);
        assertEquals(new BinaryMetrics.Confusion(2, 1, 1, 0), c);
        assertEquals(1.0, c.truePositiveRate());
        assertEquals(0.5, c.falsePositiveRate());
        assertEquals(0.75, c.accuracy());
        BinaryMetrics.Confusion strict = m.at(0.95);
        assertEquals(new BinaryMetrics.Confusion(0, 0, 2, 2), strict);
        assertEquals(0.0, strict.truePositiveRate());
        assertEquals(0.5, strict.accuracy());
    }

    @Test
    void perfectAndInvertedRankings() {
        boolean[] labels = {false, false, true, true, true};
        assertEquals(1.0, new BinaryMetrics(new float[] {0.1f, 0.2f, 0.7f, 0.8f, 0.9f}, labels).rocAuc());
        assertEquals(0.0, new BinaryMetrics(new float[] {0.9f, 0.8f, 0.3f, 0.2f, 0.1f}, labels).rocAuc());
        assertEquals(0.5, new BinaryMetrics(new float[] {0.5f, 0.5f, 0.5f, 0.5f, 0.5f}, labels).rocAuc());
    }

    @Test
    void oneClassOnlyHasNoAuc() {
        BinaryMetrics m = new BinaryMetrics(new float[] {0.2f, 0.9f}, new boolean[] {true, true});
        assertTrue(Double.isNaN(m.rocAuc()));
        assertTrue(Double.isNaN(m.at(0.5).falsePositiveRate()));
        assertEquals(0.5, m.at(0.5).truePositiveRate());
    }
}
