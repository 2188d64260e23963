package io.blurfilter.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.timestamp_millis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.apache.spark.sql.execution.datasources.PartitioningAwareFileIndex;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Image files as {@code binaryFile} rows, plus an {@code error} column, without Spark's two ways of
 * losing a file: it skips zero-byte files when it plans the scan, and fails the whole job on a file
 * over {@code spark.sql.sources.binaryFile.maxLength}. Both come back here as rows with an error.
 */
final class ImageFiles {
    /** Spark's own cap on {@code content}; reading a longer file throws. */
    static final String SPARK_MAX_LENGTH = "spark.sql.sources.binaryFile.maxLength";

    private ImageFiles() {}

    static Dataset<Row> read(SparkSession spark, String path, long maxBytes) {
        long limit = Math.min(maxBytes,
                Long.parseLong(spark.conf().get(SPARK_MAX_LENGTH, String.valueOf(Integer.MAX_VALUE))));
        // one listing: the three branches below share this relation's file index
        Dataset<Row> files = spark.read().format("binaryFile")
                .option("recursiveFileLookup", "true")
                .option("pathGlobFilter", ImageExtensions.glob())
                .load(path);
        // a filter on length is pushed into the reader, which then never opens the longer files
        Dataset<Row> readable = files.filter(col("length").leq(limit))
                .withColumn("error", lit(null).cast(DataTypes.StringType));
        Dataset<Row> tooLarge = files.filter(col("length").gt(limit))
                .select(col("path"), col("modificationTime"), col("length"),
                        lit(null).cast(DataTypes.BinaryType).as("content"),
                        lit(String.format(Locale.ROOT, "file too large: over the %d-byte limit; not read", limit))
                                .as("error"));
        return readable.unionByName(tooLarge).unionByName(emptyFiles(spark, files));
    }

    /** The listed files of length 0, which no scan of {@code files} would return. */
    private static Dataset<Row> emptyFiles(SparkSession spark, Dataset<Row> files) {
        List<Row> rows = new ArrayList<>();
        for (FileStatus file : listedFiles(files)) {
            if (file.getLen() == 0) {
                rows.add(RowFactory.create(file.getPath().toString(), file.getModificationTime(), 0L,
                        new byte[0], "empty file (0 bytes)"));
            }
        }
        StructType schema = new StructType()
                .add("path", DataTypes.StringType)
                .add("modificationMillis", DataTypes.LongType)
                .add("length", DataTypes.LongType)
                .add("content", DataTypes.BinaryType)
                .add("error", DataTypes.StringType);
        return spark.createDataFrame(rows, schema)
                .select(col("path"), timestamp_millis(col("modificationMillis")).as("modificationTime"),
                        col("length"), col("content"), col("error"));
    }

    /**
     * What the relation's file index listed (held on the driver anyway, so no second listing).
     * {@code allFiles}, not {@code listFiles}: the latter already leaves out empty files.
     */
    private static List<FileStatus> listedFiles(Dataset<Row> files) {
        LogicalPlan plan = files.queryExecution().analyzed();
        if (!(plan instanceof LogicalRelation relation) || !(relation.relation() instanceof HadoopFsRelation fs)
                || !(fs.location() instanceof PartitioningAwareFileIndex index)) {
            throw new IllegalStateException("binaryFile gave an unexpected plan: " + plan);
        }
        return CollectionConverters.asJava(index.allFiles());
    }
}
