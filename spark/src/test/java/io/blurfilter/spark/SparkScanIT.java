package io.blurfilter.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blurfilter.imageio.ImageFileClassifier;
import io.blurfilter.model.BlurModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged job, run as users run it: the -all jar through {@code bin/spark-scan} in child JVMs,
 * with Spark from the Maven classpath the build wrote and no Spark installation. Runs after
 * {@code package} (surefire's shaded-jar execution).
 */
class SparkScanIT {
    private static final Path ALL_JAR = Path.of(System.getProperty("blurfilter.allJar",
            "target/blurfilter-spark-all.jar"));
    private static final Path SCRIPT = Path.of("bin/spark-scan");
    private static final Pattern JSON_ROW = Pattern.compile(
            "\\{\"path\":\"(file:[^\"]+)\",\"blur_score\":([^,]+),\"label\":([^,]+),\"width\":([^,]+),\"height\":([^,]+),"
                    + "\"error\":(null|\"[^\"]*\")}");

    /** Two small photos, a WebP one (no JDK reader: only the merged ImageIO services read it), two bad files. */
    @TempDir
    static Path photos;
    private static Map<String, Float> reference;

    @TempDir
    Path dir;

    @BeforeAll
    static void photos() throws IOException {
        ImageFileClassifier classifier = ImageFileClassifier.of(BlurModel.loadDefault());
        reference = new TreeMap<>();
        for (Path p : SparkTests.smallPhotos(2)) {
            Files.copy(p, photos.resolve(p.getFileName()));
        }
        try (InputStream webp = SparkScanIT.class.getResourceAsStream("/formats/lossy.webp")) {
            Files.copy(webp, photos.resolve("sample.webp"));
        }
        try (Stream<Path> files = Files.list(photos)) {
            for (Path p : files.toList()) {
                reference.put(p.getFileName().toString(), classifier.classify(p).probability(BlurModel.BLUR));
            }
        }
        Files.write(photos.resolve("empty.jpg"), new byte[0]);
        Files.writeString(photos.resolve("text.png"), "not a picture", StandardCharsets.US_ASCII);
    }

    @Test
    void allJarHasTheLibraryAndMergedImageIoServicesButNoSpark() throws IOException {
        try (JarFile jar = new JarFile(ALL_JAR.toFile())) {
            List<String> names = jar.stream().map(ZipEntry::getName).toList();
            // Spark's, and Spark's own Commons IO and Lang (the library needs neither)
            for (String prefix : List.of("org/apache/spark/", "scala/", "org/apache/hadoop/", "org/slf4j/",
                    "org/apache/logging/", "org/apache/commons/io/", "org/apache/commons/lang3/")) {
                assertTrue(names.stream().noneMatch(n -> n.startsWith(prefix)), prefix + " is in the -all jar");
            }
            for (String name : List.of("io/blurfilter/spark/SparkScan.class", "io/blurfilter/engine/Model.class",
                    "io/blurfilter/imageio/ImageDecoder.class", BlurModel.RESOURCE.substring(1))) {
                assertTrue(names.contains(name), name);
            }
            String readers = new String(jar.getInputStream(jar.getEntry("META-INF/services/javax.imageio.spi.ImageReaderSpi"))
                    .readAllBytes(), StandardCharsets.UTF_8);
            for (String spi : List.of("com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi",
                    "com.twelvemonkeys.imageio.plugins.tiff.TIFFImageReaderSpi",
                    "com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi")) {
                assertTrue(readers.contains(spi), spi + " in\n" + readers);
            }
            assertEquals("io.blurfilter.spark.SparkScan", jar.getManifest().getMainAttributes().getValue("Main-Class"));
        }
    }

    /** The script's JDK flags are the tests' (the pom's spark.jvm.args), which Spark's launcher passes. */
    @Test
    void scriptPassesThePomsJdkFlags() throws IOException {
        Matcher pom = Pattern.compile("<spark.jvm.args>(.*?)</spark.jvm.args>", Pattern.DOTALL)
                .matcher(Files.readString(Path.of("pom.xml")));
        assertTrue(pom.find());
        List<String> pomFlags = Arrays.stream(pom.group(1).trim().split("\\s+")).filter(f -> !f.startsWith("-Xmx")).toList();
        Matcher script = Pattern.compile("jdk_flags=\\((.*?)\\)", Pattern.DOTALL).matcher(Files.readString(SCRIPT));
        assertTrue(script.find());
        assertEquals(pomFlags, Arrays.asList(script.group(1).trim().split("\\s+")));
    }

    @Test
    void scriptScansAFolderOnLocal2() throws Exception {
        Path out = dir.resolve("out");

        Run run = script("--master", "local[2]", photos.toString(), out.toString(), "--format", "jsonl");

        assertEquals(0, run.exit, run.toString());
        assertEquals("5 images: " + labels() + "2 failed; written to " + out + " (jsonl)", run.lastLine(), run.toString());
        checkRows(out);
    }

    @Test
    void scriptExitsWith2ForAUsageErrorAnd3ForAnExistingOut() throws Exception {
        Path out = Files.createDirectories(dir.resolve("exists"));

        Run usage = script(photos.toString(), out.toString(), "--format", "xml");
        Run exists = script("--master", "local[1]", photos.toString(), out.toString());

        assertEquals(2, usage.exit, usage.toString());
        assertTrue(usage.stderr.contains("SparkScan: --format must be one of parquet, csv, jsonl, not xml\nusage:"),
                usage.toString());
        assertEquals(3, exists.exit, exists.toString());
        assertTrue(exists.stderr.contains("SparkScan: OUT " + out + " already exists"), exists.toString());
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(0, files.count());
        }
    }

    /**
     * Executors in JVMs of their own, started by Spark's standalone workers with only Spark's jars on
     * their class path: the -all jar reaches them as {@code spark.jars} does on a cluster, so the
     * model is loaded there, from the application class loader, and the WebP photo is scored only if
     * the merged ImageIO services registered the TwelveMonkeys reader in that class loader.
     */
    @Test
    void localClusterScoresInSeparateExecutorJvms() throws Exception {
        Path out = dir.resolve("out");
        Path work = Path.of("target/spark-home/work");
        List<Path> before = appDirs(work);

        Run run = script("--master", "local-cluster[2,1,1024]", photos.toString(), out.toString(), "--format", "jsonl");

        assertEquals(0, run.exit, run.toString());
        checkRows(out);
        List<Path> apps = appDirs(work);
        apps.removeAll(before);
        assertEquals(1, apps.size(), "one new application under " + work.toAbsolutePath() + ": " + apps);
        List<Long> loads = new ArrayList<>();
        try (Stream<Path> executors = Files.list(apps.get(0))) {
            for (Path executor : executors.toList()) {
                String log = Files.readString(executor.resolve("stderr"));
                Matcher classPath = Pattern.compile("Spark Executor Command: \\S+ \"-cp\" \"([^\"]*)\"").matcher(log);
                assertTrue(classPath.find(), log);
                assertFalse(Pattern.compile("blurfilter-[a-z]+-\\d").matcher(classPath.group(1)).find(),
                        "the executor's own class path has no blurfilter jar: " + classPath.group(1));
                Matcher load = Pattern.compile("blurfilter: loaded .* once for this JVM \\(pid (\\d+)\\)").matcher(log);
                while (load.find()) {
                    loads.add(Long.parseLong(load.group(1)));
                }
            }
        }
        assertFalse(loads.isEmpty(), "no executor loaded the model");
        for (long pid : loads) {
            assertNotEquals(run.pid, pid, "the model was loaded in an executor JVM, not the driver");
        }
        assertEquals(loads.size(), loads.stream().distinct().count(), "once per executor JVM: " + loads);
    }

    private static String labels() {
        long blur = reference.values().stream().filter(s -> s >= SparkTests.defaultThreshold()).count();
        Map<String, Long> counts = new TreeMap<>(Map.of("blur", blur, "clear", reference.size() - blur));
        counts.values().removeIf(n -> n == 0);
        return counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey() + ", ").collect(Collectors.joining());
    }

    private static void checkRows(Path out) throws IOException {
        Map<String, Matcher> rows = new TreeMap<>();
        try (Stream<Path> parts = Files.list(out)) {
            for (Path part : parts.filter(p -> p.getFileName().toString().matches("part-.*\\.json")).toList()) {
                for (String line : Files.readAllLines(part)) {
                    Matcher m = JSON_ROW.matcher(line);
                    assertTrue(m.matches(), line);
                    rows.put(m.group(1).substring(m.group(1).lastIndexOf('/') + 1), m);
                }
            }
        }
        assertEquals(5, rows.size(), rows.keySet().toString());
        reference.forEach((name, score) -> {
            Matcher m = rows.get(name);
            assertEquals(score, Float.parseFloat(m.group(2)), name);
            assertEquals(score >= SparkTests.defaultThreshold() ? "\"blur\"" : "\"clear\"", m.group(3));
            assertEquals("null", m.group(6), name);
        });
        assertEquals("\"empty file (0 bytes)\"", rows.get("empty.jpg").group(6));
        assertEquals("\"not an image (content not recognised by any decoder)\"", rows.get("text.png").group(6));
    }

    private static List<Path> appDirs(Path work) throws IOException {
        if (!Files.isDirectory(work)) {
            return new ArrayList<>();
        }
        try (Stream<Path> apps = Files.list(work)) {
            return new ArrayList<>(apps.toList());
        }
    }

    private record Run(int exit, long pid, String stdout, String stderr) {
        String lastLine() {
            String[] lines = stdout.strip().split("\n");
            return lines[lines.length - 1];
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    /** bin/spark-scan on this test's JDK, quietly (no UI), its driver at 127.0.0.1. */
    private Run script(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("SPARK_SCAN_JAVA_OPTS", "-Xmx1g -Dspark.ui.enabled=false -Dspark.driver.host=127.0.0.1");
        Path stdout = Files.createTempFile(dir, "stdout", ".txt");
        Path stderr = Files.createTempFile(dir, "stderr", ".txt");
        pb.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        Process p = pb.start();
        if (!p.waitFor(240, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("spark-scan did not finish in 240 s:\n" + Files.readString(stderr));
        }
        return new Run(p.exitValue(), p.pid(), Files.readString(stdout), Files.readString(stderr));
    }
}
