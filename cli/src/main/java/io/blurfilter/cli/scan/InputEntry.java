package io.blurfilter.cli.scan;

import java.nio.file.Path;

/**
 * One file found by the {@link InputWalker}: its path, the root argument it was found under (for
 * keeping relative folders when moving), and an error when the walk itself could not reach it.
 */
public record InputEntry(Path path, Path root, String error) {
    public static InputEntry ok(Path path, Path root) {
        return new InputEntry(path, root, null);
    }

    public static InputEntry failed(Path path, Path root, String error) {
        return new InputEntry(path, root, error);
    }

    /** The path relative to its root; just the file name for files named on the command line. */
    public Path relativePath() {
        if (root != null && !root.equals(path) && path.startsWith(root)) {
            return root.relativize(path);
        }
        Path name = path.getFileName();
        return name != null ? name : path;
    }
}
