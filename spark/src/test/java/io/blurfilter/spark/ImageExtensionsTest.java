package io.blurfilter.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.GlobFilter;
import org.junit.jupiter.api.Test;

class ImageExtensionsTest {
    /** The CLI's list, read from its source: this module must not depend on the CLI's jar. */
    @Test
    void sameExtensionsAsScan() throws IOException {
        String source = Files.readString(Path.of("../cli/src/main/java/io/blurfilter/cli/scan/InputWalker.java"));
        Matcher m = Pattern.compile("IMAGE_EXTENSIONS\\s*=\\s*Set\\.of\\(([^)]*)\\)").matcher(source);
        assertTrue(m.find(), "InputWalker.IMAGE_EXTENSIONS not found");
        Set<String> scan = Arrays.stream(m.group(1).split(","))
                .map(s -> s.strip().replace("\"", "")).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(scan, new TreeSet<>(ImageExtensions.EXTENSIONS));
    }

    @Test
    void globMatchesTheExtensionsInAnyCaseAndNothingElse() throws IOException {
        GlobFilter glob = new GlobFilter(ImageExtensions.glob());
        for (String name : new String[] {"a.jpg", "A.JPG", "b.JpEg", "c.tiff", "d.TIF", "e.webp", "f.Png", "g.x.jfif"}) {
            assertTrue(glob.accept(new org.apache.hadoop.fs.Path("/x/" + name)), name);
        }
        for (String name : new String[] {"a.txt", "jpg", "a.jpg.bak", "a.jpgx", "a.pn", "a.heic"}) {
            assertFalse(glob.accept(new org.apache.hadoop.fs.Path("/x/" + name)), name);
        }
    }
}
