package io.blurfilter.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;

/** What the Spark tests share: a small local session and the shared photos. */
final class SparkTests {
    private SparkTests() {}

    /** Two task threads, as CI's two cores; no UI, few shuffle partitions for tiny data. */
    static SparkSession session(Class<?> testClass) {
        return SparkSession.builder()
                .appName(testClass.getSimpleName())
                .master("local[2]")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
    }

    /** ../shared/data/real-dev: 9 phone photos with their upright sizes in manifest.csv. */
    static Path realDev() {
        Path dir = Path.of(System.getProperty("blurfilter.shared", "../../shared"), "data", "real-dev");
        Assumptions.assumeTrue(Files.isDirectory(dir), "no shared data at " + dir);
        return dir;
    }

    /** Three of the real-dev photos (one scene, sharp and two blurs): enough where the whole set is not the point. */
    static String oneScene() {
        return realDev().resolve("*HONOR-10_*.jpg").toString();
    }
}
