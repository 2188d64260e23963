package io.blurfilter.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Spark examples ({@code ```java spark} blocks: the CLI's snippet test compiles the
 * plain {@code java} ones without Spark) compile against this module and Spark.
 */
class ReadmeSnippetTest {
    /**
     * The Spark section names this module's coordinates, the job's main class and jar, and the
     * script, as the build has them.
     */
    @Test
    void readmeSparkSectionNamesWhatTheBuildMakes() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        int start = readme.indexOf("## On Spark");
        assertTrue(start >= 0, "README has an 'On Spark' section");
        String section = readme.substring(start, readme.indexOf("\n## ", start + 1));
        String pom = Files.readString(Path.of("pom.xml"));
        String artifact = tag(pom.substring(pom.indexOf("</parent>")), "artifactId");
        String version = tag(pom.substring(pom.indexOf("<parent>")), "version");
        String sparkVersion = tag(pom, "spark.version");

        assertTrue(section.contains("<artifactId>" + artifact + "</artifactId>"), artifact);
        assertTrue(section.contains("<version>" + version + "</version>"), version);
        assertTrue(section.contains("<groupId>" + tag(pom.substring(pom.indexOf("<parent>")), "groupId") + "</groupId>"));
        assertTrue(section.contains("Spark " + sparkVersion.substring(0, sparkVersion.lastIndexOf('.'))), sparkVersion);
        assertTrue(section.contains("--class " + SparkScan.class.getName() + " " + artifact + "-" + version + "-all.jar"),
                "the spark-submit line");
        assertTrue(section.contains("spark/bin/spark-scan"));
        assertTrue(Files.isExecutable(Path.of("bin/spark-scan")));
    }

    private static String tag(String xml, String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</" + Pattern.quote(name) + ">").matcher(xml);
        assertTrue(m.find(), name);
        return m.group(1).trim();
    }

    private static final Pattern SPARK_BLOCK = Pattern.compile("```java spark\\n(.*?)```", Pattern.DOTALL);

    @Test
    void readmeSparkExamplesCompile(@TempDir Path dir) throws IOException {
        Matcher m = SPARK_BLOCK.matcher(Files.readString(Path.of("../README.md")));
        List<String> sources = new ArrayList<>();
        for (int i = 0; m.find(); i++) {
            Path file = dir.resolve("Snippet" + i + ".java");
            Files.writeString(file, String.join("\n",
                    "import static org.apache.spark.sql.functions.col;",
                    "import io.blurfilter.spark.*;",
                    "import org.apache.spark.sql.*;",
                    "class Snippet" + i + " {",
                    "    SparkSession spark;",
                    "    void run() {",
                    m.group(1),
                    "    }",
                    "}"));
            sources.add(file.toString());
        }
        assertFalse(sources.isEmpty(), "README has java spark examples");

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("-d", dir.resolve("out").toString(), "-proc:none",
                "-classpath", System.getProperty("java.class.path")));
        args.addAll(sources);
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc = javac.run(null, diagnostics, diagnostics, args.toArray(String[]::new));
        assertEquals(0, rc, "the README's Spark examples do not compile:\n" + diagnostics);
    }
}
