package io.blurfilter.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
