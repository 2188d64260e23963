package io.blurfilter.imageio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.imaging.FormatCompliance;
import org.apache.commons.imaging.bytesource.ByteSource;
import org.apache.commons.imaging.formats.tiff.TiffDirectory;
import org.apache.commons.imaging.formats.tiff.TiffField;
import org.apache.commons.imaging.formats.tiff.TiffHeader;
import org.apache.commons.imaging.formats.tiff.TiffReader;
import org.apache.commons.imaging.formats.tiff.constants.TiffDirectoryConstants;
import org.junit.jupiter.api.Test;

/**
 * {@link TiffFields}, the java.base EXIF reader, against Apache Commons Imaging's TIFF reader (what
 * blurfilter read metadata with before): on every shared JPEG with an EXIF block, each wanted field
 * of IFD0 and the EXIF directory has the same value in both, and so the same {@link PhotoMetadata}
 * follows. Commons Imaging's raw values are taken as its {@code TiffField.getValue()} gives them
 * (SHORT unsigned, the first of several values, text up to the first NUL).
 */
class ExifAgreementTest {
    @Test
    void everySharedJpegWithExifGivesCommonsImagingsValues() throws IOException {
        Path shared = SharedDir.path();
        assumeTrue(Files.isDirectory(shared), "../shared is not beside the checkout");
        List<Path> jpegs;
        shared = shared.toRealPath(); // walk a linked ../shared too (Files.walk does not follow a link it starts at)
        try (Stream<Path> files = Files.walk(shared)) {
            jpegs = files.filter(p -> p.toString().toLowerCase(Locale.ROOT).matches(".*\\.jpe?g")).sorted().toList();
        }
        Map<String, byte[]> blocks = new TreeMap<>();
        for (Path jpeg : jpegs) {
            byte[] head;
            try (InputStream in = Files.newInputStream(jpeg)) {
                head = in.readNBytes(PhotoMetadata.HEAD_BYTES);
            }
            byte[] tiff = ExifBlock.find(head, head.length);
            if (tiff != null) {
                blocks.put(shared.relativize(jpeg).toString(), tiff);
            }
        }
        // today the shared photos' EXIF was stripped but for one phone photo: these add both byte
        // orders, every type the fields come in (ASCII, SHORT, LONG, RATIONAL), placeholders and
        // ISO beyond 65535
        int fromPhotos = blocks.size();
        blocks.put("canon MM", TestExif.canonBlock(true));
        blocks.put("canon II", TestExif.canonBlock(false));
        blocks.put("placeholders", TestExif.block(false,
                List.of(TestExif.ascii(0x010F, "  "), TestExif.ascii(0x0110, "Cam\u0001era\tX   ")),
                List.of(TestExif.rational(0x829A, 1, 0), TestExif.rational(0x829D, 0, 0), TestExif.shortValue(0x8827, 0),
                        TestExif.ascii(0x9003, "0000:00:00 00:00:00"), TestExif.ascii(0x9004, "2021:02:03 04:05:06"),
                        TestExif.ascii(0x9012, "+25:00"), TestExif.rational(0x920A, 0, 1))));
        blocks.put("iso speed", TestExif.block(true, List.of(), List.of(TestExif.shortValue(0x8827, 65535),
                new TestExif.Entry(0x8833, 4, 1, new byte[] {0, 1, (byte) 0x90, 0}))));
        for (boolean bigEndian : new boolean[] {true, false}) {
            blocks.put("other types " + (bigEndian ? "MM" : "II"), otherTypes(bigEndian));
        }

        Map<String, Integer> present = new TreeMap<>();
        List<String> differences = new ArrayList<>();
        for (Map.Entry<String, byte[]> block : blocks.entrySet()) {
            TiffFields ours = TiffFields.read(block.getValue(), ExifReader.TAGS);
            Map<Integer, Object> reference = commonsImaging(block.getValue());
            for (int tag : ExifReader.TAGS) {
                Object theirs = reference.get(tag);
                Object mine = ours.text(tag) != null ? ours.text(tag) : ours.number(tag);
                if (theirs != null) {
                    present.merge(String.format("0x%04X", tag), 1, Integer::sum);
                }
                if (!Objects.equals(theirs, mine)) {
                    differences.add(block.getKey() + String.format(" tag 0x%04X: ", tag) + mine + " vs " + theirs);
                }
            }
        }
        System.out.println(jpegs.size() + " shared JPEGs, " + fromPhotos + " with EXIF, " + blocks.size()
                + " blocks compared; fields present (tag=blocks): " + present);
        assertTrue(fromPhotos > 0, "no shared JPEG has EXIF");
        assertEquals(ExifReader.TAGS.size(), present.size(), "every wanted tag compared at least once: " + present);
        assertEquals(List.of(), differences);
    }

    /**
     * The fields in types real cameras rarely use (SRATIONAL, FLOAT, DOUBLE, SSHORT, SLONG), and a
     * model name whose bytes are not UTF-8 (Latin-1 é).
     */
    private static byte[] otherTypes(boolean bigEndian) {
        ByteBuffer b = ByteBuffer.allocate(36);
        b.putInt(-1).putInt(-60); // SRATIONAL: 1/60 as -1/-60
        b.putFloat(2.8f);
        b.putDouble(50.5);
        b.putShort((short) 400);
        b.putShort((short) 0);
        b.putInt(1000);
        b.putInt(0);
        byte[] v = b.array();
        return TestExif.block(bigEndian, List.of(TestExif.ascii(0x0110, "Cam\u00e9ra X")), List.of(
                new TestExif.Entry(0x829A, 10, 1, Arrays.copyOfRange(v, 0, 8)),
                new TestExif.Entry(0x829D, 11, 1, Arrays.copyOfRange(v, 8, 12)),
                new TestExif.Entry(0x920A, 12, 1, Arrays.copyOfRange(v, 12, 20)),
                new TestExif.Entry(0x8827, 8, 1, Arrays.copyOfRange(v, 20, 22)),
                new TestExif.Entry(0x8833, 9, 1, Arrays.copyOfRange(v, 24, 28))));
    }

    /** The wanted fields' values as Commons Imaging reads them, first occurrence in IFD0 or the EXIF directory. */
    private static Map<Integer, Object> commonsImaging(byte[] tiff) {
        Map<Integer, Object> values = new TreeMap<>();
        TiffReader.Listener listener = new TiffReader.Listener() {
            @Override
            public boolean setTiffHeader(TiffHeader header) {
                return true;
            }

            @Override
            public boolean addDirectory(TiffDirectory directory) {
                return true;
            }

            @Override
            public boolean addField(TiffField field) {
                int type = field.getDirectoryType();
                if ((type == TiffDirectoryConstants.DIRECTORY_TYPE_ROOT || type == TiffDirectoryConstants.DIRECTORY_TYPE_EXIF)
                        && ExifReader.TAGS.contains(field.getTag()) && !values.containsKey(field.getTag())) {
                    values.put(field.getTag(), value(field));
                }
                return true;
            }

            @Override
            public boolean readImageData() {
                return false;
            }

            @Override
            public boolean readOffsetDirectories() {
                return true;
            }
        };
        try {
            new TiffReader(false).read(ByteSource.array(tiff), FormatCompliance.getDefault(), listener);
        } catch (IOException e) {
            throw new AssertionError("Commons Imaging cannot read a shared photo's EXIF", e);
        }
        values.values().removeIf(Objects::isNull);
        return values;
    }

    private static Object value(TiffField field) {
        Object v;
        try {
            v = field.getValue();
        } catch (IOException e) {
            return null;
        }
        if (v instanceof String s) {
            int nul = s.indexOf('\0');
            return nul >= 0 ? s.substring(0, nul) : s;
        }
        if (v instanceof String[] a) {
            return a.length > 0 ? a[0] : null;
        }
        Object first = v != null && v.getClass().isArray() ? (Array.getLength(v) > 0
                ? Array.get(v, 0) : null) : v;
        if (!(first instanceof Number n)) {
            return null;
        }
        boolean unsignedShort = field.getFieldType().getType() == 3; // SHORT; the reader hands out a Java short
        return unsignedShort ? (double) (n.shortValue() & 0xFFFF) : n.doubleValue();
    }
}
