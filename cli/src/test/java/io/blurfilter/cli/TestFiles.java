package io.blurfilter.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Locations of the shared fixtures (system property {@code blurfilter.shared}, set by the parent pom)
 * and of the files a test's scan wrote.
 */
final class TestFiles {
    private TestFiles() {}

    /** {@code ../shared} of the checkout, or null when it is not there. */
    static Path shared() {
        Path dir = SharedDir.path();
        return Files.isDirectory(dir) ? dir : null;
    }

    static Path sharedImages() {
        Path s = shared();
        return s == null ? null : s.resolve("fixtures/images");
    }

    static Path realDev() {
        Path s = shared();
        return s == null ? null : s.resolve("data/real-dev");
    }

    /** The journal a move or copy wrote into {@code dir}. */
    static Path journalIn(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(".blurfilter-journal-")).findFirst()
                    .orElseThrow(() -> new AssertionError("no journal in " + dir));
        }
    }
}
