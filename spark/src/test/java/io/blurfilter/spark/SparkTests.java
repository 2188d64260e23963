package io.blurfilter.spark;

import io.blurfilter.engine.ModelMetadata;
import io.blurfilter.engine.format.ModelFile;
import io.blurfilter.engine.format.ModelReader;
import io.blurfilter.engine.format.ModelWriter;
import io.blurfilter.model.BlurModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;

/** What the Spark tests share: one small local session and the shared photos. */
final class SparkTests {
    private SparkTests() {}

    /**
     * The one session of this test JVM (started by the first class that asks, stopped by Spark's
     * shutdown hook): two task threads, as CI's two cores; no UI, few shuffle partitions for tiny data.
     */
    static synchronized SparkSession session() {
        return SparkSession.builder()
                .appName("blurfilter-spark tests")
                .master("local[2]")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
    }

    /** The embedded model's own threshold: its labels without a threshold or strictness. */
    static float defaultThreshold() {
        return BlurModel.shared().metadata().postprocessing().threshold();
    }

    static Path shared() {
        Path dir = SharedDir.path();
        Assumptions.assumeTrue(Files.isDirectory(dir.resolve("data")), "no shared data at " + dir);
        return dir;
    }

    /** ../shared/data/real-dev: 9 phone photos with their upright sizes in manifest.csv. */
    static Path realDev() {
        return shared().resolve("data").resolve("real-dev");
    }

    /** Three of the real-dev photos (one scene, sharp and two blurs): enough where the whole set is not the point. */
    static String oneScene() {
        return realDev().resolve("*HONOR-10_*.jpg").toString();
    }

    /** The first {@code n} of ../shared/data/sharp (BSDS500 photos, about 430x290): small, quick to score. */
    static List<Path> smallPhotos(int n) throws IOException {
        try (Stream<Path> files = Files.list(shared().resolve("data").resolve("sharp"))) {
            return files.filter(p -> p.toString().endsWith(".jpg")).sorted().limit(n).toList();
        }
    }

    /** The embedded default model, written to {@code file} with these operating points (and no others). */
    static Path defaultModelWith(Path file, Map<String, Float> points) throws IOException {
        ModelFile m;
        try (InputStream in = BlurModel.class.getResourceAsStream(BlurModel.RESOURCE)) {
            m = ModelReader.read(in, BlurModel.RESOURCE);
        }
        ModelMetadata meta = m.metadata();
        ModelWriter.write(new ModelFile(new ModelMetadata(meta.name(), meta.inputShape(), meta.preprocessing(),
                meta.labels(), meta.postprocessing().withOperatingPoints(points), meta.provenance()), m.graph()), file);
        return file;
    }
}
