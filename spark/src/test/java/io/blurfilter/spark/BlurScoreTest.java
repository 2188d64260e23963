package io.blurfilter.spark;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blurfilter.imageio.ImageFileClassifier;
import io.blurfilter.model.BlurModel;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlurScoreTest {
    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = SparkTests.session();
    }

    /** The library's own one-call classifier, on a model instance of its own, is the reference. */
    @Test
    void scoresEqualImageFileClassifierOnRealPhotos() throws IOException {
        Path realDev = SparkTests.realDev();
        Map<String, Row> scored = byPath(BlurFilterSpark.readImages(spark, realDev.toString())
                .select(col("path"), BlurFilterSpark.blurScore(col("content")).as("blur")));

        ImageFileClassifier reference = ImageFileClassifier.of(BlurModel.loadDefault());
        Map<String, String> sizes = manifestSizes(realDev);
        assertEquals(sizes.keySet(), fileNames(scored.keySet()));
        double maxDifference = 0;
        for (Map.Entry<String, Row> e : scored.entrySet()) {
            Path file = Path.of(URI.create(e.getKey()));
            Row blur = e.getValue().getStruct(1);
            assertNull(blur.get(4), e.getKey());
            float expected = reference.classify(file).probability(BlurModel.BLUR);
            float score = blur.getFloat(0);
            maxDifference = Math.max(maxDifference, Math.abs(score - expected));
            assertEquals(score >= SparkTests.defaultThreshold() ? "blur" : "clear", blur.getString(1));
            assertEquals(sizes.get(file.getFileName().toString()), blur.getInt(2) + "x" + blur.getInt(3));
        }
        System.out.printf("blurScore vs ImageFileClassifier on %d real-dev photos: max |difference| %.3g%n",
                scored.size(), maxDifference);
        assertTrue(maxDifference <= 1e-6, "max difference " + maxDifference);
    }

    @Test
    void sqlFunctionGivesTheColumnFunctionsStruct() {
        Dataset<Row> images = BlurFilterSpark.readImages(spark, SparkTests.oneScene());
        BlurFilterSpark.register(spark);
        images.createOrReplaceTempView("photos");

        Map<String, Row> sql = byPath(spark.sql("SELECT path, blur_score(content) AS blur FROM photos"));
        Map<String, Row> columns = byPath(images.select(col("path"), BlurFilterSpark.blurScore(col("content"))));

        assertEquals(3, sql.size());
        assertEquals(columns, sql);
        assertEquals(BlurFilterSpark.scoreSchema(), spark.sql("SELECT blur_score(content) AS b FROM photos")
                .schema().apply("b").dataType());
    }

    @Test
    void thresholdDecidesTheLabel() {
        Dataset<Row> images = BlurFilterSpark.readImages(spark, SparkTests.oneScene());
        Map<String, Row> zero = byPath(images.select(col("path"), BlurFilterSpark.blurScore(col("content"), 0.0)));
        Map<String, Row> one = byPath(images.select(col("path"), BlurFilterSpark.blurScore(col("content"), 1.0)));
        for (String path : zero.keySet()) {
            assertEquals("blur", zero.get(path).getStruct(1).getString(1));
            float score = one.get(path).getStruct(1).getFloat(0);
            assertEquals(score >= 1f ? "blur" : "clear", one.get(path).getStruct(1).getString(1));
        }
    }

    /** Every kind of bad file is a row with the decoder's message: the job finishes. */
    @Test
    void badFilesAreRowsWithAnErrorNotAFailedJob() throws IOException {
        byte[] photo = Files.readAllBytes(firstPhoto());
        Files.write(dir.resolve("empty.jpg"), new byte[0]);
        Files.write(dir.resolve("cut.jpg"), java.util.Arrays.copyOf(photo, photo.length / 3));
        Files.writeString(dir.resolve("text.png"), "just some text, not a picture", StandardCharsets.US_ASCII);
        Files.write(dir.resolve("huge.jpg"), photo);
        Files.write(dir.resolve("ok.jpg"), java.util.Arrays.copyOf(photo, 1000)); // under the limit, but cut

        Map<String, Row> rows = byPath(BlurFilterSpark.readImages(spark, dir.toString(), photo.length - 1)
                .select(col("path"), col("error"), BlurFilterSpark.blurScore(col("content")).as("blur")));
        Map<String, String> errors = new TreeMap<>();
        rows.forEach((path, row) -> {
            Row blur = row.getStruct(2);
            assertNull(blur.get(0), path);
            assertNull(blur.get(1), path);
            errors.put(path.substring(path.lastIndexOf('/') + 1), blur.getString(4));
        });

        assertEquals("empty file (0 bytes)", errors.get("empty.jpg"));
        assertTrue(errors.get("cut.jpg").contains("truncated"), errors.get("cut.jpg"));
        assertTrue(errors.get("ok.jpg").contains("truncated"), errors.get("ok.jpg"));
        assertEquals("not an image (content not recognised by any decoder)", errors.get("text.png"));
        assertEquals("no image bytes (content is null)", errors.get("huge.jpg"));
        String readError = rows.entrySet().stream().filter(e -> e.getKey().endsWith("/huge.jpg"))
                .findFirst().orElseThrow().getValue().getString(1);
        assertTrue(readError.startsWith("file too large"), readError);
    }

    private static Path firstPhoto() throws IOException {
        try (var files = Files.list(SparkTests.realDev())) {
            return files.filter(p -> p.toString().endsWith(".jpg")).sorted().findFirst().orElseThrow();
        }
    }

    private static Map<String, Row> byPath(Dataset<Row> rows) {
        Map<String, Row> byPath = new TreeMap<>();
        for (Row row : rows.collectAsList()) {
            byPath.put(row.getString(0), row);
        }
        return byPath;
    }

    private static java.util.Set<String> fileNames(java.util.Set<String> uris) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        uris.forEach(u -> names.add(Path.of(URI.create(u)).getFileName().toString()));
        return names;
    }

    /** file name to "WxH", upright, as the data set's manifest gives it. */
    private static Map<String, String> manifestSizes(Path dir) throws IOException {
        Map<String, String> sizes = new HashMap<>();
        List<String> lines = Files.readAllLines(dir.resolve("manifest.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            sizes.put(f[0], f[4]);
        }
        return sizes;
    }
}
