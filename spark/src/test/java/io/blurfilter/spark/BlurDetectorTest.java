package io.blurfilter.spark;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blurfilter.model.BlurModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlurDetectorTest {
    private static SparkSession spark;
    private static Dataset<Row> photos;
    /** path to the column function's struct: what the detector must equal */
    private static Map<String, Row> expected;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = SparkTests.session();
        photos = BlurFilterSpark.readImages(spark, SparkTests.oneScene()).cache();
        expected = structs(photos.select(col("path"), BlurFilterSpark.blurScore(col("content"))), 1);
    }

    @AfterAll
    static void release() {
        photos.unpersist();
    }

    @Test
    void defaultsScoreContentIntoBlurWithTheEmbeddedModel() {
        BlurDetector detector = new BlurDetector();
        assertEquals("content", detector.getInputCol());
        assertEquals("blur", detector.getOutputCol());
        assertTrue(Double.isNaN(detector.getThreshold()));
        assertNull(detector.getModelPath());

        Dataset<Row> scored = detector.transform(photos);

        assertEquals(3, expected.size());
        assertEquals(BlurFilterSpark.scoreSchema(), scored.schema().apply("blur").dataType());
        assertEquals(expected, structs(scored.select(col("path"), col("blur")), 1));
    }

    @Test
    void modelFromAPathScoresAsTheSameModelEmbedded() throws IOException {
        Path model = dir.resolve("copy.bfm");
        try (InputStream in = BlurModel.class.getResourceAsStream(BlurModel.RESOURCE)) {
            Files.copy(in, model);
        }
        Dataset<Row> scored = new BlurDetector().setModelPath(model.toUri().toString())
                .setInputCol("content").setOutputCol("b").transform(photos);

        assertEquals(expected, structs(scored.select(col("path"), col("b")), 1));
    }

    @Test
    void thresholdDecidesTheLabel() {
        Dataset<Row> scored = new BlurDetector().setThreshold(0.0).transform(photos);

        for (Row blur : structs(scored.select(col("path"), col("blur")), 1).values()) {
            assertEquals("blur", blur.getString(1));
        }
        assertThrows(IllegalArgumentException.class, () -> new BlurDetector().setThreshold(1.5));
    }

    /** The model's named operating points, as scan's --strictness; checked on the driver. */
    @Test
    void strictnessLabelsAtTheModelsOperatingPoint() throws IOException {
        Path model = SparkTests.defaultModelWith(dir.resolve("points.bfm"), Map.of("everything", 0.0f, "nothing", 1.0f));
        BlurDetector detector = new BlurDetector().setModelPath(model.toString());

        Map<String, Row> all = structs(detector.setStrictness("everything").transform(photos)
                .select(col("path"), col("blur")), 1);
        Map<String, Row> none = structs(detector.copy(new org.apache.spark.ml.param.ParamMap())
                .setStrictness("nothing").transform(photos).select(col("path"), col("blur")), 1);

        assertEquals("everything", detector.getStrictness());
        assertEquals(expected.keySet(), all.keySet());
        for (String path : expected.keySet()) {
            float score = expected.get(path).getFloat(0);
            assertEquals(score, all.get(path).getFloat(0));
            assertEquals("blur", all.get(path).getString(1));
            assertEquals(score >= 1.0f ? "blur" : "clear", none.get(path).getString(1));
        }
    }

    /** The embedded model's own operating points (high, balanced, lenient), as scan --strictness NAME. */
    @Test
    void strictnessOfTheEmbeddedModel() {
        Map<String, Float> points = BlurModel.shared().metadata().postprocessing().operatingPoints();
        org.junit.jupiter.api.Assumptions.assumeFalse(points.isEmpty(), "the embedded model names no operating points");
        for (Map.Entry<String, Float> point : points.entrySet()) {
            Map<String, Row> scored = structs(new BlurDetector().setStrictness(point.getKey()).transform(photos)
                    .select(col("path"), col("blur")), 1);
            for (String path : expected.keySet()) {
                float score = expected.get(path).getFloat(0);
                assertEquals(score, scored.get(path).getFloat(0));
                assertEquals(score >= point.getValue() ? "blur" : "clear", scored.get(path).getString(1),
                        point.getKey() + " " + path);
            }
        }
    }

    @Test
    void unknownStrictnessOrBothThresholdAndStrictnessFailAtTransform() throws IOException {
        Path points = SparkTests.defaultModelWith(dir.resolve("points.bfm"), Map.of("high", 0.3f, "lenient", 0.9f));
        Path none = SparkTests.defaultModelWith(dir.resolve("none.bfm"), Map.of());

        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> new BlurDetector()
                .setModelPath(points.toString()).setStrictness("strict").transform(photos));
        IllegalArgumentException noPoints = assertThrows(IllegalArgumentException.class, () -> new BlurDetector()
                .setModelPath(none.toString()).setStrictness("high").transform(photos));
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class, () -> new BlurDetector()
                .setModelPath(points.toString()).setStrictness("high").setThreshold(0.5).transform(photos));

        assertTrue(unknown.getMessage().endsWith("has no operating point 'strict'; it has high, lenient")
                || unknown.getMessage().endsWith("has no operating point 'strict'; it has lenient, high"),
                unknown.getMessage());
        assertTrue(noPoints.getMessage().contains("names no operating points"), noPoints.getMessage());
        assertTrue(both.getMessage().contains("not both"), both.getMessage());
    }

    @Test
    void strictnessIsSavedWithThePipeline() throws IOException {
        String saved = dir.resolve("strict").toString();
        new BlurDetector().setStrictness("balanced").save(saved);

        assertEquals("balanced", BlurDetector.load(saved).getStrictness());
        assertTrue(Double.isNaN(BlurDetector.load(saved).getThreshold()));
    }

    @Test
    void missingOrCorruptModelFailsAtTransformNotInTasks() throws IOException {
        Path corrupt = dir.resolve("corrupt.bfm");
        Files.writeString(corrupt, "not a model");
        Path missing = dir.resolve("missing.bfm");

        RuntimeException e1 = assertThrows(RuntimeException.class,
                () -> new BlurDetector().setModelPath(corrupt.toString()).transform(photos));
        RuntimeException e2 = assertThrows(RuntimeException.class,
                () -> new BlurDetector().setModelPath(missing.toString()).transform(photos));

        assertTrue(e1.getMessage().contains(corrupt.toString()), e1.getMessage());
        assertTrue(e2.getMessage().contains(missing.toString()), e2.getMessage());
    }

    @Test
    void wrongInputColumnIsRefusedFromTheSchema() {
        assertThrows(IllegalArgumentException.class, () -> new BlurDetector().setInputCol("path").transform(photos));
        assertThrows(IllegalArgumentException.class, () -> new BlurDetector().setOutputCol("length").transform(photos));
    }

    @Test
    void savedAndLoadedInAPipelineWithItsParams() throws IOException {
        Path model = dir.resolve("copy.bfm");
        try (InputStream in = BlurModel.class.getResourceAsStream(BlurModel.RESOURCE)) {
            Files.copy(in, model);
        }
        BlurDetector detector = new BlurDetector().setOutputCol("sharpness").setThreshold(0.25)
                .setModelPath(model.toString());
        PipelineModel fitted = new Pipeline().setStages(new PipelineStage[] {detector}).fit(photos);
        String saved = dir.resolve("pipeline").toString();
        fitted.write().save(saved);

        PipelineModel loaded = PipelineModel.load(saved);

        BlurDetector stage = assertInstanceOf(BlurDetector.class, loaded.stages()[0]);
        assertEquals(detector.uid(), stage.uid());
        assertEquals("sharpness", stage.getOutputCol());
        assertEquals(0.25, stage.getThreshold());
        assertEquals(model.toString(), stage.getModelPath());
        Map<String, Row> scored = structs(loaded.transform(photos).select(col("path"), col("sharpness")), 1);
        for (Map.Entry<String, Row> e : scored.entrySet()) {
            float score = expected.get(e.getKey()).getFloat(0);
            assertEquals(score, e.getValue().getFloat(0));
            assertEquals(score >= 0.25f ? "blur" : "clear", e.getValue().getString(1));
        }
    }

    @Test
    void savedAndLoadedAlone() throws IOException {
        String saved = dir.resolve("detector").toString();
        new BlurDetector().setInputCol("bytes").save(saved);

        BlurDetector loaded = BlurDetector.load(saved);

        assertEquals("bytes", loaded.getInputCol());
        assertTrue(Double.isNaN(loaded.getThreshold()));
        assertNull(loaded.getModelPath());
        assertNull(loaded.getStrictness());
    }

    private static Map<String, Row> structs(Dataset<Row> rows, int field) {
        Map<String, Row> byPath = new TreeMap<>();
        for (Row row : rows.collectAsList()) {
            byPath.put(row.getString(0), row.getStruct(field));
        }
        return byPath;
    }
}
