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
 * Reads Spark's file index ({@code allFiles}), an internal API: pinned to the Spark version built
 * against, and checked by the tests.
 */
final class ImageFiles {
    /** Spark's own cap on {@code content}; reading a longer file throws. */
    static final String SPARK_MAX_LENGTH = "spark.sql.sources.binaryFile.maxLength";

    private ImageFiles() {}

    static Dataset<Row> read(SparkSession spark, String path, long maxBytes) {
        long limit = Math.min(maxBytes,
                Long.parseLong(spark.conf().get(SPARK_MAX_LENGTH, String.valueOf(Integer.MAX_VALUE))));
        Dataset<Row> files = spark.read().format("binaryFile")
                .option("recursiveFileLookup", "true")
                .option("pathGlobFilter", ImageExtensions.glob())
                .load(path);
        // a filter on length is pushed into the reader, which then never opens the longer files
        Dataset<Row> readable = files.filter(col("length").leq(limit))
                .withColumn("error", lit(null).cast(DataTypes.StringType));
        return readable.unionByName(unreadFiles(spark, files, limit));
    }

    /**
     * The files no scan of {@code files} returns, from the listing the driver holds anyway (so
     * neither a second listing nor a second scan): those of length 0, with empty content, and those
     * over {@code limit}, with none. Usually few.
     */
    private static Dataset<Row> unreadFiles(SparkSession spark, Dataset<Row> files, long limit) {
        String tooLarge = String.format(Locale.ROOT, "file too large: over the %d-byte limit; not read", limit);
        List<Row> rows = new ArrayList<>();
        for (FileStatus file : listedFiles(files)) {
            if (file.getLen() == 0) {
                rows.add(RowFactory.create(file.getPath().toString(), file.getModificationTime(), 0L, new byte[0],
                        "empty file (0 bytes)"));
            } else if (file.getLen() > limit) {
                rows.add(RowFactory.create(file.getPath().toString(), file.getModificationTime(), file.getLen(),
                        null, tooLarge));
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
