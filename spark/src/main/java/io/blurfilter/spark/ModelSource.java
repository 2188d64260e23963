package io.blurfilter.spark;

import io.blurfilter.engine.Model;
import io.blurfilter.model.BlurModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

/**
 * Which model a job scores with, as executors receive it: the embedded default, or a model file's
 * bytes broadcast from the driver. The driver reads the file once (from any Hadoop file system, with
 * the session's Hadoop configuration), so executors need no access to where it lies.
 */
final class ModelSource implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final ModelSource EMBEDDED = new ModelSource("embedded", "the embedded default model", null);

    /** Same bytes, same key: jobs with one model file share a scorer per JVM, however often broadcast. */
    private final String key;
    private final String name;
    private final Broadcast<byte[]> file;

    private ModelSource(String key, String name, Broadcast<byte[]> file) {
        this.key = key;
        this.name = name;
        this.file = file;
    }

    static ModelSource embedded() {
        return EMBEDDED;
    }

    /** Reads {@code path} on the driver; a file that cannot be read throws here, before any task. */
    static ModelSource at(SparkSession spark, String path) {
        byte[] bytes;
        try {
            Path p = new Path(path);
            FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            try (InputStream in = fs.open(p)) {
                bytes = in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model " + path + ": " + e.getMessage(), e);
        }
        Broadcast<byte[]> file = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(bytes);
        return new ModelSource("sha256:" + sha256(bytes), path, file);
    }

    String key() {
        return key;
    }

    String name() {
        return name;
    }

    Model load() {
        if (file == null) {
            return BlurModel.shared();
        }
        try {
            return Model.load(new ByteArrayInputStream(file.value()), name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load model " + name + ": " + e.getMessage(), e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
