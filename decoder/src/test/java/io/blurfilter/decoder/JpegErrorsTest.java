package io.blurfilter.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Files the decoder refuses, each with a message naming why. */
class JpegErrorsTest {
    private final JpegDecoder decoder = new JpegDecoder(100_000_000L);

    private static byte[] withFrameMarker(int marker) {
        byte[] jpeg = Fixtures.jpeg("baseline-420-restart");
        jpeg[Fixtures.marker(jpeg, 0xC0) + 1] = (byte) marker;
        return jpeg;
    }

    @Test
    void arithmeticLosslessAndHierarchicalAreNamedAsUnsupported() {
        String[][] cases = {{"C9", "arithmetic-coded JPEG"}, {"CA", "arithmetic-coded JPEG"},
            {"C3", "lossless JPEG"}, {"C5", "hierarchical JPEG"}};
        for (String[] c : cases) {
            UnsupportedFeatureException e = assertThrows(UnsupportedFeatureException.class,
                    () -> decoder.decode(withFrameMarker(Integer.parseInt(c[0], 16))));
            assertEquals(c[1], e.feature());
            assertEquals("unsupported: " + c[1], e.getMessage());
        }
    }

    @Test
    void twelveBitIsNamedAsUnsupported() {
        byte[] jpeg = Fixtures.jpeg("grey");
        jpeg[Fixtures.marker(jpeg, 0xC0) + 4] = 12; // precision byte after the segment length
        UnsupportedFeatureException e = assertThrows(UnsupportedFeatureException.class, () -> decoder.decode(jpeg));
        assertEquals("12-bit JPEG", e.feature());
    }

    @Test
    void decompressionBombIsRefusedFromItsHeader() {
        byte[] jpeg = Fixtures.jpeg("grey");
        int sof = Fixtures.marker(jpeg, 0xC0);
        jpeg[sof + 5] = jpeg[sof + 6] = jpeg[sof + 7] = jpeg[sof + 8] = (byte) 0xFD; // 65021 x 65021
        DecodeException e = assertThrows(DecodeException.class, () -> decoder.decode(jpeg));
        assertTrue(e.getMessage().startsWith("image too large: 65021x65021 is 4227.7 megapixels"), e.getMessage());
        assertThrows(DecodeException.class, () -> decoder.readInfo(jpeg));
    }

    @Test
    void aFileCutShortIsTruncated() {
        for (String name : Fixtures.JPEGS) {
            byte[] jpeg = Fixtures.jpeg(name);
            for (int cut : new int[] {jpeg.length - 2, jpeg.length * 2 / 3, Fixtures.marker(jpeg, 0xDA) + 20, 100}) {
                DecodeException e = assertThrows(DecodeException.class, () -> decoder.decode(Arrays.copyOf(jpeg, cut)),
                        name + " cut at " + cut);
                assertTrue(e.getMessage().startsWith("truncated JPEG"), name + " cut at " + cut + ": " + e.getMessage());
            }
        }
    }

    @Test
    void otherContentIsNotAJpeg() {
        DecodeException e = assertThrows(DecodeException.class, () -> decoder.decode(new byte[] {(byte) 0x89, 'P', 'N', 'G'}));
        assertEquals("not a JPEG: the file does not start with a start-of-image marker", e.getMessage());
        assertThrows(DecodeException.class, () -> decoder.decode(new byte[0]));
    }

    @Test
    void scaleMustBeAPowerOfTwoUpTo8() {
        assertThrows(IllegalArgumentException.class, () -> decoder.decode(Fixtures.jpeg("grey"), 3));
    }
}
