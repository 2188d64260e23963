package io.blurfilter.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's "Use it from Maven" section names what the build makes (issue 19, item 7): the
 * parent pom's groupId and version, the library artifacts and the modules' names.
 */
class ReadmeMavenTest {
    private static final Path ROOT = Path.of("..");

    @Test
    void coordinatesAndModuleNamesMatchTheBuild() throws IOException {
        Path readme = ROOT.resolve("README.md");
        assumeTrue(Files.isRegularFile(readme), "run from the cli module of a checkout");
        String text = Files.readString(readme);
        int start = text.indexOf("## Use it from Maven");
        assertTrue(start >= 0, "README has a 'Use it from Maven' section");
        String section = text.substring(start, text.indexOf("\n## ", start + 1));

        String parent = Files.readString(ROOT.resolve("pom.xml"));
        String version = firstTag(parent.substring(parent.indexOf("<artifactId>blurfilter-parent")), "version");
        assertTrue(section.contains("<groupId>" + firstTag(parent, "groupId") + "</groupId>"), section);
        assertTrue(section.contains("<version>" + version + "</version>"), version + " in " + section);
        for (String module : new String[] {"engine", "model-weights", "imageio", "converter"}) {
            String pom = Files.readString(ROOT.resolve(module).resolve("pom.xml"));
            String artifact = firstTag(pom.substring(pom.indexOf("</parent>")), "artifactId");
            assertTrue(section.contains(artifact), artifact + " in " + section);
        }
        for (String moduleInfo : new String[] {"engine", "model-weights"}) {
            String info = Files.readString(ROOT.resolve(moduleInfo).resolve("src/main/java/module-info.java"));
            Matcher name = Pattern.compile("module\\s+([\\w.]+)\\s*\\{").matcher(info);
            assertTrue(name.find());
            assertTrue(section.contains("requires " + name.group(1) + ";"), name.group(1) + " in " + section);
        }
        String imageio = firstTag(Files.readString(ROOT.resolve("imageio/pom.xml")), "Automatic-Module-Name");
        assertTrue(section.contains("requires " + imageio + ";"), imageio + " in " + section);
    }

    private static String firstTag(String xml, String tag) {
        Matcher m = Pattern.compile("<" + tag + ">([^<]+)</" + tag + ">").matcher(xml);
        assertTrue(m.find(), "<" + tag + "> in the pom");
        return m.group(1).trim();
    }
}
