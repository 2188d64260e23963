package io.blurfilter.decoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A windowed decode gives exactly the pixels a whole decode has inside the window, in every sampling,
 * mode and scale (the fancy upsampling's neighbours and the skipped rows below included), and a file
 * cut below the window still fails.
 */
class WindowedDecodeTest {
    private static final JpegDecoder DECODER = new JpegDecoder(100_000_000L);

    @TempDir
    static Path temp;

    @Test
    void windowsEqualTheWholeDecodeInEverySamplingModeAndScale() throws IOException {
        LibjpegTools.assumeInstalled();
        Path source = JpegAgreementTest.oddSizedSource(temp);
        String[][] variants = {{"-sample", "1x1"}, {"-sample", "2x1"}, {"-sample", "1x2"}, {"-sample", "2x2"},
            {"-sample", "4x1"}, {"-sample", "4x2"}, {"-grayscale"}};
        String[][] modes = {{}, {"-progressive"}, {"-restart", "1"}, {"-restart", "2B"}, {"-progressive", "-restart", "2B"}};
        int checked = 0;
        for (String[] variant : variants) {
            for (String[] mode : modes) {
                List<String> options = new ArrayList<>(List.of(variant));
                options.addAll(List.of(mode));
                byte[] jpeg = LibjpegTools.cjpeg(source, options.toArray(new String[0]));
                checked += checkWindows(options.toString(), jpeg);
            }
        }
        assertTrue(checked > 500, "windows checked: " + checked);
    }

    @Test
    void committedFixturesDecodeTheSameThroughAWindow() throws IOException {
        for (String name : Fixtures.JPEGS) {
            checkWindows(name, Fixtures.jpeg(name));
        }
    }

    @Test
    void aCutBelowTheWindowIsStillReported() throws IOException {
        byte[] jpeg = Fixtures.jpeg("baseline-420-restart");
        DecodedPixels whole = DECODER.decode(jpeg, 1);
        byte[] cut = Arrays.copyOf(jpeg, jpeg.length * 3 / 4);
        Window top = new Window(0, 0, whole.width(), 8);
        DecodeException e = assertThrows(DecodeException.class, () -> DECODER.decode(cut, 1, top));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    /**
     * A restart interval with none of the window's blocks is passed over unread: with the first MCU
     * row's data (its own interval) made undecodable, a whole decode fails, and a window below that
     * row still gives the intact file's pixels. Intervals of two MCUs skip columns the same way.
     */
    @Test
    void restartIntervalsOutsideTheWindowAreNotDecoded() throws IOException {
        LibjpegTools.assumeInstalled();
        Path source = JpegAgreementTest.oddSizedSource(temp);
        for (String interval : new String[] {"1", "2B"}) {
            byte[] jpeg = LibjpegTools.cjpeg(source, "-sample", "2x2", "-restart", interval);
            byte[] broken = withFirstIntervalUndecodable(jpeg);
            assertThrows(DecodeException.class, () -> DECODER.decode(broken, 1), interval);
            DecodedPixels whole = DECODER.decode(jpeg, 1);
            // "1": from the second MCU row on (16 pixels each), with room for the chroma and the
            // upsampling's neighbour rows; "2B": right of the first two MCUs (32 pixels), likewise
            int x0 = interval.equals("1") ? 0 : 48;
            int y0 = interval.equals("1") ? 24 : 0;
            for (int n : new int[] {1, 2}) {
                DecodedPixels reference = n == 1 ? whole : DECODER.decode(jpeg, n);
                Window window = new Window(x0 / n, y0 / n, reference.width() - x0 / n, reference.height() - y0 / n);
                assertArrayEquals(crop(reference, window), DECODER.decode(broken, n, window).argb(),
                        "-restart " + interval + " 1/" + n);
            }
        }
    }

    /** The file with its first restart interval's entropy-coded bytes replaced by all-ones bits (an invalid code). */
    private static byte[] withFirstIntervalUndecodable(byte[] jpeg) {
        byte[] out = jpeg.clone();
        int sos = Fixtures.marker(out, 0xDA);
        int data = sos + 2 + ((out[sos + 2] & 0xFF) << 8 | (out[sos + 3] & 0xFF));
        int rst0 = Fixtures.marker(out, 0xD0);
        assertTrue(rst0 - data >= 4, "the first interval has bytes to spoil");
        for (int i = data; i + 1 < rst0; i += 2) {
            out[i] = (byte) 0xFF; // a stuffed 0xFF: eight one-bits
            out[i + 1] = 0;
        }
        return out;
    }

    @Test
    void aWindowOutsideTheImageIsRefused() throws IOException {
        byte[] jpeg = Fixtures.jpeg("grey");
        DecodedPixels half = DECODER.decode(jpeg, 2);
        assertThrows(IllegalArgumentException.class,
                () -> DECODER.decode(jpeg, 2, new Window(1, 0, half.width(), half.height())));
        assertThrows(IllegalArgumentException.class, () -> new Window(0, 0, 0, 1));
    }

    /** Windows at the corners, edges and inside, of odd sizes and offsets, at every scale. */
    private static int checkWindows(String what, byte[] jpeg) throws IOException {
        int checked = 0;
        for (int n : new int[] {1, 2, 4, 8}) {
            DecodedPixels whole = DECODER.decode(jpeg, n);
            int w = whole.width();
            int h = whole.height();
            int[][] windows = {
                {0, 0, w, h}, {0, 0, 1, 1}, {w - 1, h - 1, 1, 1}, {w / 3, h / 3, Math.max(1, w / 3), Math.max(1, h / 4)},
                {1, 1, w - 2, h - 2}, {w / 8, h / 7, w - w / 8, h - h / 7}, {w / 2, 0, w - w / 2, Math.max(1, h / 5)},
                {0, h / 2, Math.max(1, w / 5), h - h / 2}, {17 % w, 9 % h, Math.min(w - 17 % w, 13), Math.min(h - 9 % h, 11)},
            };
            for (int[] r : windows) {
                if (r[2] < 1 || r[3] < 1) {
                    continue;
                }
                Window window = new Window(r[0], r[1], r[2], r[3]);
                DecodedPixels part = DECODER.decode(jpeg, n, window);
                assertEquals(r[2], part.width(), what);
                assertEquals(r[3], part.height(), what);
                assertArrayEquals(crop(whole, window), part.argb(), what + " 1/" + n + " window " + window);
                checked++;
            }
        }
        return checked;
    }

    private static int[] crop(DecodedPixels p, Window window) {
        int[] out = new int[window.width() * window.height()];
        for (int y = 0; y < window.height(); y++) {
            System.arraycopy(p.argb(), (window.y() + y) * p.width() + window.x(), out, y * window.width(), window.width());
        }
        return out;
    }
}
