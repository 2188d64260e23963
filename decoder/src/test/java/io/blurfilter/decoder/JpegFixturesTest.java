package io.blurfilter.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The committed fixtures against djpeg's pixels committed beside them: runs where djpeg is not installed. */
class JpegFixturesTest {
    private final JpegDecoder decoder = new JpegDecoder(1_000_000);

    @ParameterizedTest
    @ValueSource(strings = {"baseline-420-restart", "progressive-422", "grey"})
    void fixturesEqualDjpegsPixelsAtFullAndQuarterSize(String name) throws IOException {
        for (int n : new int[] {1, 4}) {
            Pnm reference = Pnm.parse(Fixtures.bytes("jpeg/" + name + ".djpeg-1-" + n + ".pnm"));
            Agreement a = new Agreement();
            a.add(name, decoder.decode(Fixtures.jpeg(name), n), reference);
            assertEquals(a.samples, a.exact, name + " at 1/" + n + ": " + a);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"baseline-420-restart", "progressive-422", "grey"})
    void headerGivesSizeAndLayout(String name) throws IOException {
        JpegInfo info = decoder.readInfo(Fixtures.jpeg(name));
        assertEquals(77, info.width());
        assertEquals(53, info.height());
        assertEquals(name.equals("grey") ? 1 : 3, info.components());
        assertEquals(name.startsWith("progressive"), info.progressive());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4, 8})
    void scaledSizeIsRoundedUp(int n) throws IOException {
        DecodedPixels p = decoder.decode(Fixtures.jpeg("grey"), n);
        assertEquals((77 + n - 1) / n, p.width());
        assertEquals((53 + n - 1) / n, p.height());
        for (int argb : p.argb()) {
            assertTrue(argb >>> 24 == 0xFF && (argb >> 16 & 0xFF) == (argb & 0xFF), "opaque grey");
        }
        assertFalse(p.argb().length == 0);
    }
}
