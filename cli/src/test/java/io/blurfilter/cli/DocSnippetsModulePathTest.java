package io.blurfilter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.blurfilter.engine.Model;
import io.blurfilter.imageio.ImageFileClassifier;
import io.blurfilter.model.BlurModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java examples in the README and docs/ENGINE-API.md compile as a library user's module would
 * (issue 19, item 6): each fenced {@code java} block, in a module that {@code requires} what the
 * README tells users to require, against the built engine, model and imageio jars on the module path.
 * On the class path an unexported package compiles; here it does not, so the docs cannot drift into
 * naming one.
 */
class DocSnippetsModulePathTest {
    private static final Path ROOT = Path.of("..");
    private static final List<String> DOCS = List.of("README.md", "docs/ENGINE-API.md");
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern REQUIRES = Pattern.compile("requires ([\\w.]+);");

    /**
     * What the examples take as given (the caller's pixels, a file, a loaded model), as fields of the
     * class around each: a snippet that declares one of these names itself shadows the field.
     */
    private static final String GIVENS = String.join("\n",
            "    int[] argb; int w, h, width, height; byte[] bytes; Path file; Model model; Image image;",
            "    int[] decodeRegion(Path file, PixelRegion region) { return argb; }");

    @Test
    void theDocsJavaExamplesCompileOnTheModulePath(@TempDir Path dir) throws IOException {
        assumeTrue(Files.isRegularFile(ROOT.resolve("README.md")), "run from the cli module of a checkout");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "tests run on a JDK");

        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("snippets"));
        Set<String> modules = requiredModules();
        Files.writeString(src.resolve("module-info.java"), "module snippets {\n"
                + modules.stream().map(m -> "    requires " + m + ";\n").collect(Collectors.joining()) + "}\n");
        List<String> sources = new ArrayList<>(List.of(src.resolve("module-info.java").toString()));
        for (String doc : DOCS) {
            List<String> blocks = javaBlocks(Files.readString(ROOT.resolve(doc)));
            assertFalse(blocks.isEmpty(), doc + " has java examples");
            for (int i = 0; i < blocks.size(); i++) {
                String name = doc.replaceAll("\\W", "_") + "_" + i;
                Path file = src.resolve("snippets").resolve(name + ".java");
                Files.writeString(file, wrap(name, blocks.get(i)));
                sources.add(file.toString());
            }
        }

        List<String> args = new ArrayList<>(List.of("-d", dir.resolve("out").toString(), "-proc:none",
                "--module-path", modulePath(dir)));
        args.addAll(sources);
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc = javac.run(null, diagnostics, diagnostics, args.toArray(String[]::new));
        assertEquals(0, rc, "the docs' Java examples do not compile on the module path:\n" + diagnostics);
    }

    @Test
    void anUnexportedPackageDoesNotCompileThere(@TempDir Path dir) throws IOException {
        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("snippets"));
        Files.writeString(src.resolve("module-info.java"), "module snippets { requires io.blurfilter.engine; }\n");
        Files.writeString(src.resolve("snippets/Leak.java"),
                "package snippets;\nclass Leak { Object k = io.blurfilter.engine.runtime.Planner.class; }\n");
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc = ToolProvider.getSystemJavaCompiler().run(null, diagnostics, diagnostics,
                "-d", dir.resolve("out").toString(), "--module-path", modulePath(dir),
                src.resolve("module-info.java").toString(), src.resolve("snippets/Leak.java").toString());
        assertTrue(rc != 0 && diagnostics.toString().contains("is not visible"), diagnostics.toString());
    }

    /** The modules the README's "Use it from Maven" section tells users to require. */
    private static Set<String> requiredModules() throws IOException {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = REQUIRES.matcher(Files.readString(ROOT.resolve("README.md")));
        while (m.find()) {
            out.add(m.group(1));
        }
        assertTrue(out.contains("io.blurfilter.engine"), out.toString());
        return out;
    }

    private static List<String> javaBlocks(String markdown) {
        List<String> out = new ArrayList<>();
        Matcher m = JAVA_BLOCK.matcher(markdown.replace("\r\n", "\n"));
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static String wrap(String className, String snippet) {
        return String.join("\n",
                "package snippets;",
                "import io.blurfilter.engine.*;",
                "import io.blurfilter.imageio.*;",
                "import io.blurfilter.model.*;",
                "import java.nio.file.*;",
                "import java.util.concurrent.*;",
                "@SuppressWarnings(\"unused\")",
                "class " + className + " {",
                GIVENS,
                "    void example() throws Exception {",
                snippet,
                "    }",
                "}",
                "");
    }

    /** The jars (or class folders) the library's three modules were loaded from here. */
    private static String modulePath(Path dir) throws IOException {
        List<String> entries = new ArrayList<>();
        for (Class<?> c : List.of(Model.class, BlurModel.class, ImageFileClassifier.class)) {
            entries.add(asModule(location(c), dir).toString());
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static Path location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * A jar, or a class folder with a module-info, is a module as it is. A class folder without one
     * ({@code mvn test} before imageio's jar exists) becomes a jar named the way imageio's jar is, by
     * the pom's Automatic-Module-Name: the module path has no automatic modules from folders.
     */
    private static Path asModule(Path location, Path dir) throws IOException {
        if (!Files.isDirectory(location) || Files.exists(location.resolve("module-info.class"))) {
            return location;
        }
        Path pom = location.resolve("../../pom.xml").normalize();
        Matcher name = Pattern.compile("<Automatic-Module-Name>([^<]+)</Automatic-Module-Name>").matcher(Files.readString(pom));
        assertTrue(name.find(), "Automatic-Module-Name in " + pom + " for the class folder " + location);
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Automatic-Module-Name", name.group(1).trim());
        Path jar = dir.resolve(name.group(1).trim() + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
                Stream<Path> files = Files.walk(location)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new JarEntry(location.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
        return jar;
    }

}
