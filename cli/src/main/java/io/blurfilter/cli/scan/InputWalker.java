package io.blurfilter.cli.scan;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Finds the files to scan, streaming them to a consumer as the directory tree is walked so that
 * nothing proportional to the number of files is held in memory.
 *
 * <ul>
 *   <li>Files named on the command line are always scanned, whatever their name.</li>
 *   <li>In directories, only files with an image extension are scanned unless {@code allFiles}
 *       (the format is then still recognised by content); others are counted as skipped.</li>
 *   <li>Symbolic links are not followed by default: a link to a file is read through, a link to a
 *       directory gets an error row. With {@code followLinks}, loops are detected and reported.</li>
 *   <li>Directories in {@code excluded} (the move/copy target) are never entered.</li>
 *   <li>Unreadable directories, vanished files and broken links become error rows.</li>
 * </ul>
 */
public final class InputWalker {
    /** File name extensions treated as images when walking directories (lower case). */
    public static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg", "jpe", "jfif", "png", "bmp", "dib",
            "gif", "webp", "tif", "tiff");

    private final boolean recursive;
    private final boolean followLinks;
    private final boolean allFiles;
    private final List<Path> excluded;
    private long skipped;

    public InputWalker(boolean recursive, boolean followLinks, boolean allFiles, List<Path> excluded) {
        this.recursive = recursive;
        this.followLinks = followLinks;
        this.allFiles = allFiles;
        this.excluded = excluded.stream().map(InputWalker::normalized).toList();
    }

    /** Files seen but not scanned because of their extension (or being blurfilter's own journals). */
    public long skipped() {
        return skipped;
    }

    /** Walks every root in order, handing each file to {@code sink} as soon as it is found. */
    public void walk(List<Path> roots, Consumer<InputEntry> sink) throws IOException {
        for (Path root : roots) {
            walkRoot(root, sink);
        }
    }

    private void walkRoot(Path root, Consumer<InputEntry> sink) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            sink.accept(InputEntry.failed(root, root, "no such file or directory"));
            return;
        }
        if (!Files.isDirectory(root)) {
            // named explicitly: always scanned, whatever the extension
            String problem = Files.isSymbolicLink(root) ? linkProblem(root) : null;
            sink.accept(problem == null ? InputEntry.ok(root, root) : InputEntry.failed(root, root, problem));
            return;
        }
        Set<FileVisitOption> options = followLinks ? EnumSet.of(FileVisitOption.FOLLOW_LINKS)
                : EnumSet.noneOf(FileVisitOption.class);
        int depth = recursive ? Integer.MAX_VALUE : 1;
        Files.walkFileTree(root, options, depth, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return isExcluded(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                visit(root, file, attrs, sink);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                sink.accept(InputEntry.failed(file, root, walkError(e)));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                if (e != null) {
                    sink.accept(InputEntry.failed(dir, root, "directory listing failed: " + walkError(e)));
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private void visit(Path root, Path file, BasicFileAttributes attrs, Consumer<InputEntry> sink) {
        if (attrs.isDirectory()) {
            return; // a sub-directory seen at the depth limit of a non-recursive scan
        }
        if (isOwnFile(file)) {
            skipped++;
            return;
        }
        if (attrs.isSymbolicLink()) {
            if (Files.isDirectory(file)) {
                if (!isExcluded(file)) {
                    sink.accept(InputEntry.failed(file, root,
                            "symbolic link to a directory, not followed (use --follow-links)"));
                }
                return;
            }
            if (!hasImageName(file)) {
                skipped++;
                return;
            }
            String problem = linkProblem(file);
            sink.accept(problem == null ? InputEntry.ok(file, root) : InputEntry.failed(file, root, problem));
            return;
        }
        if (!hasImageName(file)) {
            skipped++;
            return;
        }
        sink.accept(attrs.isRegularFile() ? InputEntry.ok(file, root)
                : InputEntry.failed(file, root, "not a regular file"));
    }

    private boolean hasImageName(Path file) {
        return allFiles || isImageName(file);
    }

    /** Whether the file name has one of {@link #IMAGE_EXTENSIONS} (and is no AppleDouble "._" file). */
    public static boolean isImageName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && !name.startsWith("._")
                && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static boolean isOwnFile(Path file) {
        return file.getFileName().toString().startsWith(".blurfilter-journal-");
    }

    /** Why a symbolic link cannot be read through, or null when it points at a readable file. */
    private static String linkProblem(Path link) {
        try {
            BasicFileAttributes target = Files.readAttributes(link, BasicFileAttributes.class);
            return target.isRegularFile() ? null : "symbolic link to something that is not a regular file";
        } catch (NoSuchFileException e) {
            return "broken symbolic link (its target does not exist)";
        } catch (IOException e) {
            return walkError(e);
        }
    }

    static String walkError(IOException e) {
        if (e instanceof FileSystemLoopException) {
            return "symbolic link loop (directory already visited)";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "file vanished during the scan";
        }
        if (e instanceof FileSystemException && String.valueOf(((FileSystemException) e).getReason())
                .contains("Too many levels of symbolic links")) {
            return "symbolic link loop";
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private boolean isExcluded(Path dir) {
        Path n = normalized(dir);
        for (Path x : excluded) {
            if (n.equals(x)) {
                return true;
            }
        }
        return false;
    }

    private static Path normalized(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
