package io.blurfilter.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blurfilter.imageio.ImageFileClassifier;
import io.blurfilter.model.BlurModel;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkScanTest {
    private static final String[] COLUMNS = {"path", "blur_score", "label", "width", "height", "error"};

    private static SparkSession spark;
    /** Four small photos and one file of each bad kind. */
    @TempDir
    static Path photos;
    /** file name to ImageFileClassifier's score for the good ones */
    private static Map<String, Float> reference;
    /** file name to "WxH" as ImageIO reads it */
    private static Map<String, String> sizes;
    private static long largest;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws IOException {
        spark = SparkTests.session();
        ImageFileClassifier classifier = ImageFileClassifier.of(BlurModel.loadDefault());
        reference = new TreeMap<>();
        sizes = new TreeMap<>();
        byte[] first = null;
        for (Path p : SparkTests.smallPhotos(4)) {
            Files.copy(p, photos.resolve(p.getFileName()));
            reference.put(p.getFileName().toString(), classifier.classify(p).probability(BlurModel.BLUR));
            java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(p.toFile());
            sizes.put(p.getFileName().toString(), image.getWidth() + "x" + image.getHeight());
            largest = Math.max(largest, Files.size(p));
            first = first == null ? Files.readAllBytes(p) : first;
        }
        Files.write(photos.resolve("empty.jpg"), new byte[0]);
        Files.write(photos.resolve("cut.jpg"), Arrays.copyOf(first, first.length / 2));
        Files.writeString(photos.resolve("text.png"), "not a picture", StandardCharsets.US_ASCII);
        byte[] big = Arrays.copyOf(first, (int) largest + 1);
        Files.write(photos.resolve("big.jpg"), big); // over --max-bytes below
    }

    @Test
    void optionsHaveDefaults() {
        ScanOptions o = ScanOptions.parse("in", "out");

        assertEquals(new ScanOptions("in", "out", "parquet", Double.NaN, null, null, BlurFilterSpark.DEFAULT_MAX_BYTES), o);
        assertEquals(new ScanOptions("in", "out", "jsonl", 0.25, null, "m.bfm", 100),
                ScanOptions.parse("--format", "JSONL", "in", "--threshold", "0.25", "out", "--model", "m.bfm",
                        "--max-bytes", "100"));
        assertEquals("high", ScanOptions.parse("in", "out", "--strictness", "high").strictness());
        assertThrows(ScanOptions.HelpRequested.class, () -> ScanOptions.parse("in", "--help"));
    }

    @Test
    void optionMistakesSayWhatIsWrong() {
        Map<String, List<String>> cases = new TreeMap<>(Map.of(
                "IN and OUT are required", List.of(),
                "OUT is required", List.of("in"),
                "unexpected argument c (IN and OUT are already a and b)", List.of("a", "b", "c"),
                "unknown option --formta", List.of("in", "out", "--formta", "csv"),
                "--format must be one of parquet, csv, jsonl, not json", List.of("in", "out", "--format", "json"),
                "--format needs a value", List.of("in", "out", "--format"),
                "--threshold must be in [0, 1], not 1.5", List.of("in", "out", "--threshold", "1.5"),
                "--threshold needs a number in [0, 1], not high", List.of("in", "out", "--threshold", "high"),
                "--threshold and --strictness cannot be used together",
                        List.of("in", "out", "--threshold", "0.5", "--strictness", "high"),
                "--max-bytes needs a whole number of bytes, not 1e6", List.of("in", "out", "--max-bytes", "1e6")));
        cases.put("--max-bytes must not be negative, not -1", List.of("in", "out", "--max-bytes", "-1"));
        cases.put("--model needs a value", List.of("in", "out", "--model", "--format", "csv"));
        cases.forEach((message, args) -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ScanOptions.parse(args.toArray(String[]::new)), message);
            assertEquals(message, e.getMessage());
        });
    }

    @Test
    void writesScansColumnsAsParquet() throws Exception {
        checkWritten("parquet", spark.read().parquet(scan("parquet").toString()).collectAsList());
    }

    @Test
    void writesScansColumnsAsCsvWithAHeader() throws Exception {
        Path out = scan("csv");

        List<String> lines = partLines(out, ".csv");
        assertEquals(String.join(",", COLUMNS), lines.get(0));
        checkWritten("csv", spark.read().schema(SparkScan.OUTPUT_SCHEMA).option("header", "true")
                .csv(out.toString()).collectAsList());
    }

    /** One JSON object a line, every column in each, null ones too, as scan's jsonl. */
    @Test
    void writesScansColumnsAsJsonLinesWithNulls() throws Exception {
        Path out = scan("jsonl");

        List<String> lines = partLines(out, ".json");
        assertEquals(reference.size() + 4, lines.size());
        for (String line : lines) {
            assertTrue(line.startsWith("{\"path\":\"file:/") && line.endsWith("}"), line);
            for (String column : COLUMNS) {
                assertTrue(line.contains("\"" + column + "\":"), column + " in " + line);
            }
        }
        checkWritten("jsonl", spark.read().schema(SparkScan.OUTPUT_SCHEMA).json(out.toString()).collectAsList());
    }

    @Test
    void refusesAnExistingOutAndLeavesItAlone() throws IOException {
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("keep.txt"), "mine");

        SparkScan.ScanException e = assertThrows(SparkScan.ScanException.class,
                () -> SparkScan.run(spark, ScanOptions.parse(photos.toString(), out.toString())));

        assertEquals("OUT " + out + " already exists; SparkScan writes a new folder and never overwrites", e.getMessage());
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of(out.resolve("keep.txt")), files.toList());
        }
    }

    @Test
    void missingInOrBadModelOrStrictnessStopsBeforeAnyTask() throws IOException {
        Path missing = dir.resolve("missing");
        Path corrupt = Files.writeString(dir.resolve("corrupt.bfm"), "not a model");
        Path out = dir.resolve("out");

        SparkScan.ScanException noIn = assertThrows(SparkScan.ScanException.class,
                () -> SparkScan.run(spark, ScanOptions.parse(missing.toString(), out.toString())));
        SparkScan.ScanException badModel = assertThrows(SparkScan.ScanException.class, () -> SparkScan.run(spark,
                ScanOptions.parse(photos.toString(), out.toString(), "--model", corrupt.toString())));
        SparkScan.ScanException noPoint = assertThrows(SparkScan.ScanException.class, () -> SparkScan.run(spark,
                ScanOptions.parse(photos.toString(), out.toString(), "--model",
                        SparkTests.defaultModelWith(dir.resolve("p.bfm"), Map.of("high", 0.3f)).toString(),
                        "--strictness", "lenient")));

        assertTrue(noIn.getMessage().startsWith("cannot read " + missing + ": ") && noIn.getMessage().contains("not exist"),
                noIn.getMessage());
        assertTrue(badModel.getMessage().contains(corrupt.toString()), badModel.getMessage());
        assertTrue(noPoint.getMessage().endsWith("has no operating point 'lenient'; it has high"), noPoint.getMessage());
        assertTrue(Files.notExists(out), "nothing written");
    }

    @Test
    void strictnessLabelsAtTheModelsOperatingPoint() throws Exception {
        Path model = SparkTests.defaultModelWith(dir.resolve("points.bfm"), Map.of("everything", 0.0f));
        Path out = dir.resolve("strict");

        SparkScan.Summary summary = SparkScan.run(spark, ScanOptions.parse(photos.toString(), out.toString(),
                "--model", model.toString(), "--strictness", "everything", "--max-bytes", String.valueOf(largest)));

        assertEquals(Map.of("blur", (long) reference.size()), summary.labels());
        assertEquals(4, summary.failed());
    }

    private Path scan(String format) throws SparkScan.ScanException {
        Path out = dir.resolve("out-" + format);
        SparkScan.Summary summary = SparkScan.run(spark, ScanOptions.parse(photos.toString(), out.toString(),
                "--format", format, "--max-bytes", String.valueOf(largest)));
        assertEquals(reference.size() + 4, summary.images());
        assertEquals(4, summary.failed());
        assertEquals(reference.size(), summary.labels().values().stream().mapToLong(Long::longValue).sum());
        assertTrue(summary.toString().startsWith((reference.size() + 4) + " images: "), summary.toString());
        return out;
    }

    /** Scores equal to ImageFileClassifier's, labels at the model's threshold, sizes, and each bad file's error. */
    private static void checkWritten(String format, List<Row> rows) {
        Map<String, Row> byName = new TreeMap<>();
        for (Row row : rows) {
            assertArrayEquals(COLUMNS, row.schema().fieldNames(), format);
            String path = row.getString(0);
            assertTrue(path.startsWith("file:/"), path);
            byName.put(Path.of(URI.create(path)).getFileName().toString(), row);
        }
        assertEquals(reference.size() + 4, byName.size(), byName.keySet().toString());
        reference.forEach((name, score) -> {
            Row row = byName.get(name);
            assertEquals(score, row.getFloat(1), format + " " + name);
            assertEquals(score >= SparkTests.defaultThreshold() ? "blur" : "clear", row.getString(2));
            assertEquals(sizes.get(name), row.getInt(3) + "x" + row.getInt(4), name);
            assertNull(row.get(5), name);
        });
        for (String bad : List.of("empty.jpg", "cut.jpg", "text.png", "big.jpg")) {
            Row row = byName.get(bad);
            assertNull(row.get(1), bad);
            assertNull(row.get(2), bad);
            assertNull(row.get(3), bad);
            assertNull(row.get(4), bad);
        }
        assertEquals("empty file (0 bytes)", byName.get("empty.jpg").getString(5));
        assertTrue(byName.get("cut.jpg").getString(5).contains("truncated"), byName.get("cut.jpg").getString(5));
        assertEquals("not an image (content not recognised by any decoder)", byName.get("text.png").getString(5));
        assertEquals("file too large: over the " + largest + "-byte limit; not read", byName.get("big.jpg").getString(5));
    }

    private static List<String> partLines(Path out, String extension) throws IOException {
        try (Stream<Path> files = Files.list(out)) {
            List<Path> parts = files.filter(p -> p.getFileName().toString().startsWith("part-")
                    && p.toString().endsWith(extension)).sorted().toList();
            assertTrue(!parts.isEmpty(), "no part files in " + out);
            List<String> lines = new java.util.ArrayList<>();
            for (Path part : parts) {
                List<String> partLines = Files.readAllLines(part);
                if (extension.equals(".csv")) {
                    assertEquals(String.join(",", COLUMNS), partLines.get(0), part.toString());
                    lines.addAll(lines.isEmpty() ? partLines : partLines.subList(1, partLines.size()));
                } else {
                    lines.addAll(partLines);
                }
            }
            return lines;
        }
    }
}
