package io.blurfilter.imageio;

import java.nio.file.Path;

/**
 * Where the shared fixtures are, the one way this module's tests find them: the system property
 * {@code blurfilter.shared} (the parent pom's surefire sets it for every module), else {@code shared}
 * beside the checkout, resolved from the module directory the tests run in.
 */
final class SharedDir {
    private SharedDir() {}

    static Path path() {
        String p = System.getProperty("blurfilter.shared");
        return p != null ? Path.of(p) : Path.of("").toAbsolutePath().getParent().resolveSibling("shared");
    }
}
