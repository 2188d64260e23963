package io.blurfilter.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadImagesTest {
    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = SparkTests.session();
    }

    @Test
    void readsImageFilesRecursivelyByExtensionInAnyCase() throws IOException {
        write("a.jpg", 10);
        write("sub/deeper/b.PNG", 20);
        write("sub/c.Tiff", 30);
        write("notes.txt", 40);
        write("d.jpg.bak", 50);

        Map<String, Row> rows = byName(BlurFilterSpark.readImages(spark, dir.toString()).collectAsList());

        assertEquals(Map.of("a.jpg", 10L, "b.PNG", 20L, "c.Tiff", 30L), lengths(rows));
        for (Row row : rows.values()) {
            assertTrue(row.getString(row.fieldIndex("path")).startsWith("file:/"), row.toString());
            assertNull(row.get(row.fieldIndex("error")));
            assertEquals(row.getLong(row.fieldIndex("length")), ((byte[]) row.get(row.fieldIndex("content"))).length);
        }
    }

    @Test
    void readsOneNamedFileOrAGlob() throws IOException {
        write("a.jpg", 10);
        write("b.jpg", 0);
        write("c.png", 30);

        assertEquals(Map.of("a.jpg", 10L), lengths(byName(
                BlurFilterSpark.readImages(spark, dir.resolve("a.jpg").toString()).collectAsList())));
        assertEquals(Map.of("a.jpg", 10L, "b.jpg", 0L), lengths(byName(
                BlurFilterSpark.readImages(spark, dir.resolve("*.jpg").toString()).collectAsList())));
    }

    @Test
    void zeroByteFileIsARowWithAnError() throws IOException {
        write("empty.jpg", 0);
        write("full.jpg", 5);

        Map<String, Row> rows = byName(BlurFilterSpark.readImages(spark, dir.toString()).collectAsList());

        assertEquals(2, rows.size(), rows.toString());
        Row empty = rows.get("empty.jpg");
        assertEquals("empty file (0 bytes)", empty.getString(empty.fieldIndex("error")));
        assertArrayEquals(new byte[0], (byte[]) empty.get(empty.fieldIndex("content")));
        assertTrue(empty.getString(empty.fieldIndex("path")).startsWith("file:/"));
        assertEquals(Files.getLastModifiedTime(dir.resolve("empty.jpg")).toMillis(),
                empty.getTimestamp(empty.fieldIndex("modificationTime")).getTime());
        assertNull(rows.get("full.jpg").get(empty.fieldIndex("error")));
    }

    @Test
    void fileOverTheLimitIsARowWithAnErrorAndNoContent() throws IOException {
        write("small.jpg", 100);
        write("large.jpg", 101);

        Map<String, Row> rows = byName(BlurFilterSpark.readImages(spark, dir.toString(), 100).collectAsList());

        Row large = rows.get("large.jpg");
        assertEquals(101L, large.getLong(large.fieldIndex("length")));
        assertNull(large.get(large.fieldIndex("content")));
        assertEquals("file too large: over the 100-byte limit; not read", large.getString(large.fieldIndex("error")));
        Row small = rows.get("small.jpg");
        assertNull(small.get(small.fieldIndex("error")));
        assertEquals(100, ((byte[]) small.get(small.fieldIndex("content"))).length);
    }

    /** Spark itself fails the whole job on a file over its own maxLength; here that file is a row. */
    @Test
    void sparksOwnLengthLimitGivesARowNotAFailedJob() throws IOException {
        write("small.jpg", 100);
        write("large.jpg", 5000);
        spark.conf().set(ImageFiles.SPARK_MAX_LENGTH, "1000");
        try {
            Map<String, Row> rows = byName(BlurFilterSpark.readImages(spark, dir.toString()).collectAsList());

            Row large = rows.get("large.jpg");
            assertNull(large.get(large.fieldIndex("content")));
            assertEquals("file too large: over the 1000-byte limit; not read", large.getString(large.fieldIndex("error")));
            assertEquals(100, ((byte[]) rows.get("small.jpg").get(large.fieldIndex("content"))).length);
        } finally {
            spark.conf().unset(ImageFiles.SPARK_MAX_LENGTH);
        }
    }

    private void write(String name, int length) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        byte[] bytes = new byte[length];
        byte[] text = ("bytes of " + name).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, bytes, 0, Math.min(text.length, length));
        Files.write(file, bytes);
    }

    private static Map<String, Row> byName(Iterable<Row> rows) {
        Map<String, Row> byName = new TreeMap<>();
        for (Row row : rows) {
            String path = row.getString(row.fieldIndex("path"));
            byName.put(path.substring(path.lastIndexOf('/') + 1), row);
        }
        return byName;
    }

    private static Map<String, Long> lengths(Map<String, Row> rows) {
        Map<String, Long> lengths = new TreeMap<>();
        rows.forEach((name, row) -> lengths.put(name, row.getLong(row.fieldIndex("length"))));
        return lengths;
    }
}
