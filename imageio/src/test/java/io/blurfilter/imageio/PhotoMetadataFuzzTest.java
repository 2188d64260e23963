package io.blurfilter.imageio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Damaged and crafted EXIF blocks: the metadata read returns (never throws, never hangs) with only
 * plausible values, and fast. The damaged corpus follows {@link CorruptBytesFuzzTest} (seeded flips,
 * runs, cuts and overwritten length and offset fields), aimed at the EXIF block; the crafted files
 * are the structures that make a TIFF reader loop or allocate: directories that point at themselves
 * or each other, chains of thousands of directories, a directory of thousands of entries each
 * claiming most of the block, counts of 2^32 - 1. The timeouts run the test in a thread of its own,
 * so a hang fails the test instead of stopping the build.
 */
class PhotoMetadataFuzzTest {
    private static final int CASES = 1500;
    /** One read may take this long on a busy two-core machine; a normal one takes well under a millisecond. */
    private static final long SLOW_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final Pattern TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d([+-]\\d\\d:\\d\\d)?");

    /** A sample file and where its EXIF block lies in it. */
    private record Sample(String name, byte[] bytes, int from, int to) {}

    @Test
    @Timeout(value = 120, threadMode = ThreadMode.SEPARATE_THREAD)
    void damagedExifGivesPlausibleValuesOrNone() throws IOException {
        for (Sample sample : samples()) {
            Random random = new Random(sample.name().hashCode());
            PhotoMetadata good = PhotoMetadata.read(sample.bytes());
            assertTrue(good.exposureTime() != null && good.cameraModel() != null, sample.name() + ": " + good);
            int same = 0;
            int none = 0;
            for (int c = 0; c < CASES; c++) {
                byte[] bad = damage(sample, random);
                PhotoMetadata m = timedRead(bad, sample.name() + " case " + c);
                if (m.equals(good)) {
                    same++;
                } else if (m.isEmpty()) {
                    none++;
                }
            }
            // the damage must hit: some reads lose everything, others keep what lies before the damage
            int partial = CASES - same - none;
            assertTrue(none > 0 && partial > 0, sample.name() + ": " + same + " unchanged, " + partial + " partly read, "
                    + none + " empty");
        }
    }

    @Test
    @Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
    void craftedDirectoriesEndFast() {
        // IFD0 whose next directory is itself; an EXIF pointer back to IFD0; two directories pointing at each other
        assertEquals("Loop", timedRead(tiff(ifd(8, 8, make())), "self loop").cameraMake());
        assertEquals("Loop", timedRead(tiff(ifd(8, 0, make(), exifPointer(8))), "exif back to IFD0").cameraMake());
        byte[] pair = tiff(ifd(8, 8 + 30, make()), ifd(8 + 30, 8, make()));
        assertEquals("Loop", timedRead(pair, "two directories in a ring").cameraMake());

        // 4,000 directories, each pointing at the next: a reader that follows them all recurses 4,000 deep
        List<byte[]> chain = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            int at = 8 + 30 * i;
            chain.add(ifd(at, i < 3999 ? at + 30 : 0, make()));
        }
        assertEquals("Loop", timedRead(tiff(chain.toArray(byte[][]::new)), "chain of next directories").cameraMake());

        // the same through EXIF pointers: each sub-directory holds a pointer to the next
        List<byte[]> nested = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            int at = 8 + 30 * i;
            nested.add(ifd(at, 0, i == 0 ? make() : iso(100 + i), exifPointer(at + 30)));
        }
        PhotoMetadata deep = timedRead(tiff(nested.toArray(byte[][]::new)), "chain of EXIF directories");
        assertEquals("Loop", deep.cameraMake());
        assertEquals(101, deep.iso(), "the first EXIF directory's");
    }

    @Test
    @Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
    void craftedEntriesEndFast() {
        int size = PhotoMetadata.HEAD_BYTES;
        // a directory of 10,000 entries, each an UNDEFINED value of nearly the whole block: read in
        // full, 1.2 GB of copying
        int entries = 10_000;
        ByteBuffer many = ByteBuffer.allocate(size).order(ByteOrder.BIG_ENDIAN);
        many.put(new byte[] {'M', 'M', 0, 42}).putInt(8).putShort((short) entries);
        for (int i = 0; i < entries; i++) {
            many.putShort((short) (0x9000 + i % 4096)).putShort((short) 7).putInt(size - 16).putInt(8);
        }
        assertTrue(timedRead(many.array(), "many large entries").isEmpty());

        // counts of 2^32 - 1 (32 GB of RATIONALs), offsets past the end, a directory count of 65,535
        ByteBuffer huge = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
        huge.put(new byte[] {'I', 'I', 42, 0}).putInt(8).putShort((short) 0xFFFF);
        for (int i = 0; i < 300; i++) {
            huge.putShort((short) (i % 2 == 0 ? 0x829A : 0x0110)).putShort((short) (i % 2 == 0 ? 5 : 2))
                    .putInt(-1).putInt(i % 3 == 0 ? -8 : 8);
        }
        assertTrue(timedRead(huge.array(), "huge counts").isEmpty());

        // a first directory far beyond the block, and one at a negative offset
        for (int offset : new int[] {Integer.MAX_VALUE, -8, 7, 3}) {
            byte[] t = ByteBuffer.allocate(64).put(new byte[] {'M', 'M', 0, 42}).putInt(offset).array();
            assertTrue(timedRead(t, "first directory at " + offset).isEmpty());
        }

        // a JPEG whose EXIF segment claims 64 KB but the file ends after 20 bytes
        byte[] cut = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE1, (byte) 0xFF, (byte) 0xFF, 'E', 'x', 'i', 'f', 0,
            0, 'M', 'M', 0, 42, 0, 0, 0, 8};
        assertTrue(timedRead(cut, "cut segment").isEmpty());
    }

    /** Reads, checks the values are plausible, and that it took no longer than {@link #SLOW_NANOS}. */
    private static PhotoMetadata timedRead(byte[] file, String what) {
        long start = System.nanoTime();
        PhotoMetadata m;
        try {
            m = PhotoMetadata.read(file);
        } catch (RuntimeException | Error e) {
            fail(what + ": " + e, e);
            return null;
        }
        long took = System.nanoTime() - start;
        assertTrue(took < SLOW_NANOS, what + " took " + took / 1_000_000 + " ms");
        if (m.exposureTime() != null) {
            assertTrue(m.exposureTime() > 0 && m.exposureTime() <= 86_400, what + ": " + m);
        }
        if (m.iso() != null) {
            assertTrue(m.iso() >= 1 && m.iso() <= 100_000_000, what + ": " + m);
        }
        if (m.focalLength() != null) {
            assertTrue(m.focalLength() > 0 && m.focalLength() <= 100_000, what + ": " + m);
        }
        if (m.fNumber() != null) {
            assertTrue(m.fNumber() > 0 && m.fNumber() <= 1_000, what + ": " + m);
        }
        for (String s : Arrays.asList(m.cameraMake(), m.cameraModel())) {
            if (s != null) {
                assertTrue(!s.isEmpty() && s.length() <= ExifReader.MAX_TEXT && s.equals(s.strip())
                        && s.chars().noneMatch(Character::isISOControl), what + ": " + m);
            }
        }
        if (m.captureTime() != null) {
            assertTrue(TIME.matcher(m.captureTime()).matches(), what + ": " + m);
        }
        return m;
    }

    private static List<Sample> samples() throws IOException {
        List<Sample> samples = new ArrayList<>();
        byte[] jpeg = PhotoMetadataTest.jpeg();
        for (boolean bigEndian : new boolean[] {true, false}) {
            byte[] block = TestExif.canonBlock(bigEndian);
            samples.add(new Sample("jpeg " + (bigEndian ? "MM" : "II"), TestExif.jpegWithExif(jpeg, block), 10,
                    10 + block.length));
        }
        byte[] block = TestExif.canonBlock(false);
        samples.add(new Sample("png", TestExif.pngWithExif(PhotoMetadataTest.png(), block), 41, 41 + block.length));
        samples.add(new Sample("tiff", TestExif.canonBlock(true), 0, block.length));
        Path photo = SharedDir.path().resolve("fixtures/images/clarity_blured_demo.jpg");
        if (Files.isRegularFile(photo)) { // a real phone's EXIF: 24 KB with a maker note and a thumbnail
            byte[] head;
            try (InputStream in = Files.newInputStream(photo)) {
                head = in.readNBytes(PhotoMetadata.HEAD_BYTES);
            }
            int segment = ((head[4] & 0xFF) << 8) | (head[5] & 0xFF);
            samples.add(new Sample("phone", head, 12, 4 + segment));
        }
        return samples;
    }

    /** One kind of damage, inside the EXIF block. */
    private static byte[] damage(Sample s, Random random) {
        byte[] bad = s.bytes().clone();
        int span = s.to() - s.from();
        int at = s.from() + random.nextInt(span);
        switch (random.nextInt(5)) {
            case 0: // a few flipped bytes
                for (int i = 1 + random.nextInt(4); i > 0; i--) {
                    bad[s.from() + random.nextInt(span)] ^= (byte) (1 + random.nextInt(255));
                }
                return bad;
            case 1: // a run overwritten with 0x00 or 0xFF
                Arrays.fill(bad, at, Math.min(s.to(), at + 1 + random.nextInt(32)), random.nextBoolean() ? 0 : (byte) 0xFF);
                return bad;
            case 2: // cut inside the block
                return Arrays.copyOf(bad, at);
            case 3: // a count, offset or length field set to an extreme or to a place inside the block
                int[] values = {0, 1, 8, 0xFFFF, 0x7FFFFFFF, 0xFFFFFFFF, at - s.from(), random.nextInt(span)};
                int v = values[random.nextInt(values.length)];
                int field = at - (at - s.from()) % 2;
                for (int i = 0; i < 4 && field + i < s.to(); i++) {
                    bad[field + i] = (byte) (v >>> (8 * (3 - i)));
                }
                return bad;
            default: // a slice of the block copied elsewhere in it: directories that repeat or point back
                int from = s.from() + random.nextInt(span);
                int length = Math.min(1 + random.nextInt(64), Math.min(s.to() - from, s.to() - at));
                System.arraycopy(s.bytes(), from, bad, at, length);
                return bad;
        }
    }

    /** A big-endian TIFF of the given directories, each placed at the offset it was made for. */
    private static byte[] tiff(byte[]... directories) {
        int size = 8 + 30 * directories.length + 64;
        ByteBuffer b = ByteBuffer.allocate(Math.min(size, PhotoMetadata.HEAD_BYTES));
        b.put(new byte[] {'M', 'M', 0, 42}).putInt(8);
        for (byte[] d : directories) {
            if (b.remaining() < 30) {
                break;
            }
            b.put(d).put(new byte[30 - d.length]);
        }
        return b.array();
    }

    /** A directory at {@code at} holding {@code entries} (12 bytes each, at most two), then the next offset. */
    private static byte[] ifd(int at, int next, byte[]... entries) {
        ByteBuffer b = ByteBuffer.allocate(2 + 12 * entries.length + 4);
        b.putShort((short) entries.length);
        for (byte[] e : entries) {
            b.put(e);
        }
        b.putInt(next);
        assertTrue(b.capacity() <= 30, "directories are 30 bytes apart");
        return b.array();
    }

    private static byte[] make() {
        return ByteBuffer.allocate(12).putShort((short) 0x010F).putShort((short) 2).putInt(4)
                .put(new byte[] {'L', 'o', 'o', 'p'}).array(); // "Loop" without its NUL, inline
    }

    private static byte[] exifPointer(int to) {
        return ByteBuffer.allocate(12).putShort((short) 0x8769).putShort((short) 4).putInt(1).putInt(to).array();
    }

    /** An ISO entry, a SHORT held in the entry itself. */
    private static byte[] iso(int value) {
        return ByteBuffer.allocate(12).putShort((short) 0x8827).putShort((short) 3).putInt(1).putShort((short) value)
                .array();
    }
}
