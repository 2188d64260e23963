package io.blurfilter.spark;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code blurfilter scan} as a Spark job: {@code spark-submit --class io.blurfilter.spark.SparkScan
 * blurfilter-spark-VERSION-all.jar IN OUT [--format parquet|csv|jsonl] [--threshold T | --strictness
 * NAME] [--model M.bfm] [--max-bytes N]} writes one row per image file under IN to the new folder OUT
 * with scan's columns (path as a URI, blur_score, label, width, height, error) and prints a summary.
 * Files that cannot be read or decoded are rows with an error; the job stops before any task, with
 * exit code 3 and a message, for a bad model or strictness, a missing IN or an OUT that exists.
 */
public final class SparkScan {
    /** The columns written, as {@code blurfilter scan} writes them (the path a URI). */
    static final StructType OUTPUT_SCHEMA = new StructType()
            .add("path", DataTypes.StringType)
            .add("blur_score", DataTypes.FloatType)
            .add("label", DataTypes.StringType)
            .add("width", DataTypes.IntegerType)
            .add("height", DataTypes.IntegerType)
            .add("error", DataTypes.StringType);

    private SparkScan() {}

    /** A mistake found on the driver, before any image is read: the message says what and where. */
    static final class ScanException extends Exception {
        private static final long serialVersionUID = 1L;

        ScanException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** What was written: rows per label, failed files, where. */
    record Summary(long images, Map<String, Long> labels, long failed, String output, String format) {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder().append(images).append(images == 1 ? " image: " : " images: ");
            labels.forEach((label, n) -> sb.append(n).append(' ').append(label).append(", "));
            return sb.append(failed).append(" failed; written to ").append(output).append(" (").append(format)
                    .append(')').toString();
        }
    }

    public static void main(String[] args) {
        ScanOptions options;
        try {
            options = ScanOptions.parse(args);
        } catch (ScanOptions.HelpRequested e) {
            System.out.println(ScanOptions.USAGE);
            return;
        } catch (IllegalArgumentException e) {
            System.err.println("SparkScan: " + e.getMessage() + "\n" + ScanOptions.USAGE);
            System.exit(2);
            return;
        }
        SparkSession spark = SparkSession.builder().appName("blurfilter scan").getOrCreate();
        int status = 0;
        try {
            System.out.println(run(spark, options));
        } catch (ScanException e) {
            System.err.println("SparkScan: " + e.getMessage());
            status = 3;
        } finally {
            spark.stop();
        }
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Scores and writes; OUT must not exist (checked first, and again by the writer). */
    static Summary run(SparkSession spark, ScanOptions options) throws ScanException {
        refuseExisting(spark, options.output());
        Dataset<Row> rows = scan(spark, options);
        DataFrameWriter<Row> writer = rows.write().mode(SaveMode.ErrorIfExists);
        switch (options.format()) {
            // null fields too, as scan's jsonl has them ("error":null): Spark leaves them out by default
            case "jsonl" -> writer.option("ignoreNullFields", "false").format("json");
            case "csv" -> writer.option("header", "true").format("csv");
            default -> writer.format(options.format());
        }
        writer.save(options.output());
        return summary(spark, options);
    }

    /** The rows the job writes, unwritten. */
    static Dataset<Row> scan(SparkSession spark, ScanOptions options) throws ScanException {
        Dataset<Row> images;
        try {
            images = BlurFilterSpark.readImages(spark, options.input(), options.maxBytes());
        } catch (Exception e) { // AnalysisException (a Scala checked one) for a missing IN
            throw new ScanException("cannot read " + options.input() + ": " + e.getMessage(), e);
        }
        BlurDetector detector = new BlurDetector().setInputCol("content").setOutputCol("blur");
        if (!Double.isNaN(options.threshold())) {
            detector.setThreshold(options.threshold());
        }
        if (options.strictness() != null) {
            detector.setStrictness(options.strictness());
        }
        if (options.model() != null) {
            detector.setModelPath(options.model());
        }
        Dataset<Row> scored;
        try {
            // loads the model on the driver: a bad one, or a strictness it lacks, fails here
            scored = detector.transform(images);
        } catch (RuntimeException e) {
            throw new ScanException(e.getMessage(), e);
        }
        return scored.select(col("path"), col("blur.blur_score"), col("blur.label"), col("blur.width"),
                col("blur.height"), coalesce(col("error"), col("blur.error")).as("error"));
    }

    private static void refuseExisting(SparkSession spark, String output) throws ScanException {
        try {
            Path out = new Path(output);
            FileSystem fs = out.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (fs.exists(out)) {
                throw new ScanException("OUT " + output + " already exists; SparkScan writes a new folder and"
                        + " never overwrites", null);
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new ScanException("cannot check OUT " + output + ": " + e.getMessage(), e);
        }
    }

    /** Counts what was written, reading it back (the small columns only; no image is read again). */
    private static Summary summary(SparkSession spark, ScanOptions options) {
        DataFrameReader reader = spark.read().schema(OUTPUT_SCHEMA);
        Dataset<Row> written = switch (options.format()) {
            case "jsonl" -> reader.json(options.output());
            case "csv" -> reader.option("header", "true").csv(options.output());
            default -> reader.parquet(options.output());
        };
        Map<String, Long> labels = new TreeMap<>();
        long images = 0;
        long failed = 0;
        for (Row r : written.groupBy(col("label"), col("error").isNotNull()).count().collectAsList()) {
            long n = r.getLong(2);
            images += n;
            if (r.getBoolean(1)) {
                failed += n;
            } else if (!r.isNullAt(0)) {
                labels.merge(r.getString(0), n, Long::sum);
            }
        }
        return new Summary(images, labels, failed, options.output(), options.format().toLowerCase(Locale.ROOT));
    }
}
