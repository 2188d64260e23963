package io.blurfilter.cli.scan;

import io.blurfilter.cli.relocate.Journal;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Finds the files to scan, streaming them to a consumer as the folders are walked, in a stable order
 * (each folder's entries sorted by name, sub-folders entered where they sort). Memory holds the
 * listings of the folders on the current path only, never the whole tree.
 *
 * <ul>
 *   <li>Files named on the command line are always scanned, whatever their name.</li>
 *   <li>In folders, only files with an image extension are scanned unless {@code allFiles}
 *       (the format is then still recognised by content); others are counted as skipped.</li>
 *   <li>Symbolic links are not followed by default: a link to a file is read through, a link to a
 *       folder is skipped. With {@code followLinks}, every folder is entered once, however many links
 *       lead to it, so loops end; the other ways in are skipped as already scanned.</li>
 *   <li>Folders in {@code excluded} (the move/copy target) are never entered, nor are sub-folders
 *       that hold a journal: earlier scans' move/copy targets.</li>
 *   <li>Unreadable folders, vanished files and broken links become error rows.</li>
 * </ul>
 */
public final class InputWalker {
    /** File name extensions treated as images when walking folders (lower case). */
    public static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg", "jpe", "jfif", "png", "bmp", "dib",
            "gif", "webp", "tif", "tiff");

    private final boolean recursive;
    private final boolean followLinks;
    private final boolean allFiles;
    private final List<Path> excluded;
    private final Map<String, Long> skipped = new LinkedHashMap<>();

    public InputWalker(boolean recursive, boolean followLinks, boolean allFiles, List<Path> excluded) {
        this.recursive = recursive;
        this.followLinks = followLinks;
        this.allFiles = allFiles;
        this.excluded = excluded.stream().map(InputWalker::normalized).toList();
    }

    /** Why files were passed over without a row: {@link #NOT_AN_IMAGE_NAME} and the others. */
    public static final String NOT_AN_IMAGE_NAME = "not an image extension (--all-files scans them)";
    public static final String LINK_NOT_FOLLOWED = "symbolic link to a folder, not followed (--follow-links)";
    public static final String ALREADY_SCANNED = "folder already scanned (reached again through a symbolic link)";
    public static final String MOVE_FOLDER = "folder of moved or copied files (holds a blurfilter journal)";

    /** How many entries were passed over without a row, per reason, in the order first met. */
    public Map<String, Long> skipped() {
        return Collections.unmodifiableMap(skipped);
    }

    private void skip(String reason) {
        skipped.merge(reason, 1L, Long::sum);
    }

    /**
     * How many entries {@link #walk} would hand over (failed ones included), counting no further than
     * {@code limit}: a large tree is not walked to the end.
     */
    public long countUpTo(List<Path> roots, long limit) throws IOException {
        long[] n = {0};
        if (limit <= 0) {
            return 0;
        }
        try {
            walk(roots, e -> {
                if (++n[0] >= limit) {
                    throw new LimitReached();
                }
            });
        } catch (LimitReached e) {
            // counted enough
        }
        return n[0];
    }

    /** Ends {@link #countUpTo} at its limit. */
    private static final class LimitReached extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LimitReached() {
            super(null, null, false, false);
        }
    }

    /** Walks every root in order, handing each file to {@code sink} as soon as it is found. */
    public void walk(List<Path> roots, Consumer<InputEntry> sink) throws IOException {
        for (Path root : roots) {
            walkRoot(root, sink);
        }
    }

    private void walkRoot(Path root, Consumer<InputEntry> sink) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            sink.accept(InputEntry.failed(root, root, "no such file or folder"));
            return;
        }
        if (!Files.isDirectory(root)) {
            // named explicitly: always scanned, whatever the extension
            String problem = Files.isSymbolicLink(root) ? linkProblem(root) : null;
            sink.accept(problem == null ? InputEntry.ok(root, root) : InputEntry.failed(root, root, problem));
            return;
        }
        Set<Object> visited = new HashSet<>();
        markVisited(root, visited);
        Deque<Iterator<Path>> stack = new ArrayDeque<>();
        stack.push(list(root, root, sink).iterator());
        while (!stack.isEmpty()) {
            Iterator<Path> it = stack.peek();
            if (!it.hasNext()) {
                stack.pop();
                continue;
            }
            Path dir = visit(root, it.next(), visited, sink);
            if (dir != null) {
                List<Path> children = list(dir, root, sink);
                if (children.stream().anyMatch(Journal::isJournal)) {
                    skip(MOVE_FOLDER); // scanning it would count, and move again, what was set aside
                } else {
                    stack.push(children.iterator());
                }
            }
        }
    }

    /** Handles one folder entry; returns it when it is a folder to descend into. */
    private Path visit(Path root, Path file, Set<Object> visited, Consumer<InputEntry> sink) {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            sink.accept(InputEntry.failed(file, root, walkError(e)));
            return null;
        }
        if (attrs.isDirectory()) {
            return recursive && !isExcluded(file) ? enterOnce(file, visited) : null;
        }
        if (attrs.isSymbolicLink()) {
            return visitLink(root, file, visited, sink);
        }
        if (isOwnFile(file) || !hasImageName(file)) {
            skip(NOT_AN_IMAGE_NAME);
            return null;
        }
        sink.accept(attrs.isRegularFile() ? InputEntry.ok(file, root)
                : InputEntry.failed(file, root, "not a regular file"));
        return null;
    }

    private Path visitLink(Path root, Path link, Set<Object> visited, Consumer<InputEntry> sink) {
        if (Files.isDirectory(link)) {
            if (!recursive || isExcluded(link)) {
                return null;
            }
            if (!followLinks) {
                skip(LINK_NOT_FOLLOWED);
                return null;
            }
            return enterOnce(link, visited);
        }
        if (!hasImageName(link)) {
            skip(NOT_AN_IMAGE_NAME);
            return null;
        }
        String problem = linkProblem(link);
        sink.accept(problem == null ? InputEntry.ok(link, root) : InputEntry.failed(link, root, problem));
        return null;
    }

    /** The folder's entries sorted by name; a folder that cannot be listed gets an error row. */
    private static List<Path> list(Path dir, Path root, Consumer<InputEntry> sink) {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                children.add(p);
            }
        } catch (IOException | java.nio.file.DirectoryIteratorException e) {
            IOException io = e instanceof IOException ? (IOException) e
                    : ((java.nio.file.DirectoryIteratorException) e).getCause();
            sink.accept(InputEntry.failed(dir, root, "cannot list folder: " + walkError(io)));
        }
        children.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return children;
    }

    /** The folder, or null (and a skip) when it was entered before under this or another name. */
    private Path enterOnce(Path dir, Set<Object> visited) {
        if (markVisited(dir, visited)) {
            return dir;
        }
        skip(ALREADY_SCANNED);
        return null;
    }

    /** Remembers a folder by its file key (device and inode); false when it was seen before. */
    private static boolean markVisited(Path dir, Set<Object> visited) {
        try {
            Object key = Files.readAttributes(dir, BasicFileAttributes.class).fileKey();
            return visited.add(key != null ? key : dir.toRealPath());
        } catch (IOException e) {
            return true; // listing it will report the problem
        }
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
        return Journal.isJournal(file) || file.getFileName().toString().endsWith(".blurfilter-partial");
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
            return "symbolic link loop";
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
        if (excluded.isEmpty()) {
            return false;
        }
        Path n = normalized(dir);
        return excluded.contains(n);
    }

    private static Path normalized(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
