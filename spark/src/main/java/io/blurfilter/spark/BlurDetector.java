package io.blurfilter.spark;

import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Spark ML stage: adds a {@link BlurFilterSpark#scoreSchema() blur struct} column scored from a
 * column of encoded image bytes. The model is the embedded default unless {@link #setModelPath}
 * names a converted {@code .bfm} on any Hadoop file system; it is loaded on the driver when the
 * stage transforms (a missing or corrupt model fails there, before any task) and then once per
 * executor JVM. Saved and loaded with its Pipeline (the model path is saved, not the model).
 *
 * <pre>{@code
 * BlurDetector detector = new BlurDetector().setInputCol("content").setOutputCol("blur").setThreshold(0.7);
 * Dataset<Row> scored = detector.transform(BlurFilterSpark.readImages(spark, "hdfs:///photos"));
 * }</pre>
 */
public final class BlurDetector extends Transformer implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final Param<String> inputCol;
    private final Param<String> outputCol;
    private final DoubleParam threshold;
    private final Param<String> modelPath;
    private final Param<String> strictness;

    public BlurDetector() {
        this(Identifiable$.MODULE$.randomUID("blurDetector"));
    }

    /** For Spark's copy and load, which create stages by uid. */
    public BlurDetector(String uid) {
        this.uid = uid;
        // the params ask this stage's uid, so they are made after it is set
        inputCol = new Param<>(this, "inputCol", "column of encoded image bytes (binary)");
        outputCol = new Param<>(this, "outputCol", "struct column to add: blur_score, label, width, height, error");
        threshold = new DoubleParam(this, "threshold",
                "blurred at or above this score; unset: the model's own threshold", ParamValidators.inRange(0, 1));
        modelPath = new Param<>(this, "modelPath", "a converted .bfm model on any Hadoop file system; unset: the embedded default");
        strictness = new Param<>(this, "strictness",
                "one of the model's named operating points instead of a threshold (the default model: high, balanced, lenient)");
        setDefault(inputCol, "content");
        setDefault(outputCol, "blur");
    }

    public static MLReader<BlurDetector> read() {
        return new DefaultParamsReader<>();
    }

    public static BlurDetector load(String path) {
        return read().load(path);
    }

    @Override
    public String uid() {
        return uid;
    }

    public Param<String> inputCol() {
        return inputCol;
    }

    public Param<String> outputCol() {
        return outputCol;
    }

    public DoubleParam threshold() {
        return threshold;
    }

    public Param<String> modelPath() {
        return modelPath;
    }

    public Param<String> strictness() {
        return strictness;
    }

    public BlurDetector setInputCol(String column) {
        set(inputCol, column);
        return this;
    }

    public BlurDetector setOutputCol(String column) {
        set(outputCol, column);
        return this;
    }

    public BlurDetector setThreshold(double value) {
        set(threshold, value);
        return this;
    }

    public BlurDetector setModelPath(String path) {
        set(modelPath, path);
        return this;
    }

    /**
     * Labels at the model's operating point of this name (the names the model declares, as
     * {@code blurfilter scan --strictness NAME}); the model is checked for it when the stage
     * transforms. Not together with {@link #setThreshold}.
     */
    public BlurDetector setStrictness(String name) {
        set(strictness, name);
        return this;
    }

    public String getInputCol() {
        return getOrDefault(inputCol);
    }

    public String getOutputCol() {
        return getOrDefault(outputCol);
    }

    /** NaN when unset: the model's own threshold applies. */
    public double getThreshold() {
        return isDefined(threshold) ? (Double) getOrDefault(threshold) : Double.NaN;
    }

    /** Null when unset: the threshold, or else the model's own, applies. */
    public String getStrictness() {
        return isDefined(strictness) ? getOrDefault(strictness) : null;
    }

    /** Null when unset: the embedded default model. */
    public String getModelPath() {
        return isDefined(modelPath) ? getOrDefault(modelPath) : null;
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        transformSchema(dataset.schema(), true);
        if (getStrictness() != null && !Double.isNaN(getThreshold())) {
            throw new IllegalArgumentException("set a threshold or a strictness, not both (threshold "
                    + getThreshold() + ", strictness " + getStrictness() + ")");
        }
        ModelSource model = getModelPath() == null ? ModelSource.embedded()
                : ModelSource.at(dataset.sparkSession(), getModelPath());
        // loads it here, on the driver: a bad model or strictness fails the call, not every task
        BlurScorer scorer = ExecutorScorers.get(model);
        float t = getStrictness() != null ? scorer.operatingPoint(getStrictness())
                : Double.isNaN(getThreshold()) ? Float.NaN : (float) getThreshold();
        return dataset.withColumn(getOutputCol(), BlurFilterSpark.udf(model, t).apply(dataset.col(getInputCol())));
    }

    @Override
    public StructType transformSchema(StructType schema) {
        StructField input = schema.apply(getInputCol());
        if (!input.dataType().equals(DataTypes.BinaryType)) {
            throw new IllegalArgumentException("input column " + getInputCol() + " must be binary (image bytes), not "
                    + input.dataType().simpleString());
        }
        if (java.util.Arrays.asList(schema.fieldNames()).contains(getOutputCol())) {
            throw new IllegalArgumentException("output column " + getOutputCol() + " already exists");
        }
        return schema.add(getOutputCol(), BlurStruct.SCHEMA, true);
    }

    @Override
    public BlurDetector copy(ParamMap extra) {
        return defaultCopy(extra);
    }
}
