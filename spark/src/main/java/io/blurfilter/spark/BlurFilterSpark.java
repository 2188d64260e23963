package io.blurfilter.spark;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;

/**
 * blurfilter for Spark's Dataset API and SQL: read image files, score their bytes.
 *
 * <pre>{@code
 * Dataset<Row> scored = BlurFilterSpark.readImages(spark, "s3a://bucket/photos")
 *         .withColumn("blur", BlurFilterSpark.blurScore(col("content")))
 *         .select(col("path"), col("blur.*"));
 * }</pre>
 *
 * <p>The model (the embedded default here, any converted one through {@link BlurDetector}) is
 * loaded once per executor JVM and shared by its task threads. Spark evaluates a UDF again for each
 * action and may for a plan that uses its result twice (an {@code orderBy} samples first):
 * persist the scored rows before sorting them.
 */
public final class BlurFilterSpark {
    /** Files longer than this are not read (a row with an error instead); 256 MiB. */
    public static final long DEFAULT_MAX_BYTES = 256L << 20;

    /** The name {@link #register} gives the SQL function. */
    public static final String SQL_FUNCTION = "blur_score";

    private BlurFilterSpark() {}

    /**
     * The image files under {@code path} (a file, folder or glob on any Hadoop file system;
     * sub-folders too), with the extensions {@code blurfilter scan} reads in folders, in any case:
     * {@code binaryFile}'s columns ({@code path} as a URI such as {@code file:/...},
     * {@code modificationTime}, {@code length}, {@code content}) and {@code error}. A zero-byte file
     * has empty content and an error; one over {@link #DEFAULT_MAX_BYTES} (or Spark's
     * {@code spark.sql.sources.binaryFile.maxLength}, if lower) null content and an error: neither is
     * dropped and neither fails the job. Spark skips names starting with {@code .} or {@code _}.
     */
    public static Dataset<Row> readImages(SparkSession spark, String path) {
        return readImages(spark, path, DEFAULT_MAX_BYTES);
    }

    /** {@link #readImages(SparkSession, String)} with another size limit in bytes. */
    public static Dataset<Row> readImages(SparkSession spark, String path, long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must not be negative: " + maxBytes);
        }
        return ImageFiles.read(spark, path, maxBytes);
    }

    /**
     * An encoded image's bytes to a struct of {@code blur_score} (float, 0..1), {@code label},
     * {@code width}, {@code height} (upright, full resolution) and {@code error}, with the embedded
     * model at its own threshold. A bad image gets only an error (the decoder's message), never a
     * failed task.
     */
    public static Column blurScore(Column content) {
        return udf(ModelSource.embedded(), Float.NaN).apply(content);
    }

    /** {@link #blurScore(Column)}, blurred at or above {@code threshold}. */
    public static Column blurScore(Column content, double threshold) {
        return udf(ModelSource.embedded(), checkedThreshold(threshold)).apply(content);
    }

    /** Registers {@code blur_score(content)} for SQL: {@link #blurScore(Column)}'s struct. */
    public static void register(SparkSession spark) {
        spark.udf().register(SQL_FUNCTION, udf(ModelSource.embedded(), Float.NaN));
    }

    /** The struct's type: {@code blur_score, label, width, height, error}. */
    public static StructType scoreSchema() {
        return BlurStruct.SCHEMA;
    }

    static UserDefinedFunction udf(ModelSource model, float threshold) {
        return functions.udf(new BlurScoreFunction(model, threshold), BlurStruct.SCHEMA);
    }

    static float checkedThreshold(double threshold) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in [0, 1]: " + threshold);
        }
        return (float) threshold;
    }
}
