package io.blurfilter.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The kernels depend on the runtime's interfaces, never the other way round (issue 21 item 2: runtime
 * once named a kernel family while the kernels named the runtime, a package cycle). A class file names
 * every class it links against in its constant pool, so no runtime class file may hold a kernels
 * package's name.
 */
class RuntimeDependsOnNoKernelsTest {
    @Test
    void noRuntimeClassLinksAgainstAKernelsPackage() throws Exception {
        Path dir = Path.of(Plan.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("io/blurfilter/engine/runtime");
        List<String> linking = new ArrayList<>();
        int read = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                read++;
                if (names(f).contains("io/blurfilter/engine/kernels")) {
                    linking.add(f.getFileName().toString());
                }
            }
        }
        assertTrue(read >= 10, "only " + read + " class files in " + dir);
        assertEquals(List.of(), linking);
    }

    /** The class file's bytes as Latin-1: its constant pool's names are plain ASCII in there. */
    private static String names(Path classFile) throws IOException {
        return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1);
    }
}
