package io.blurfilter.cli.map;

import io.blurfilter.cli.scan.InputEntry;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * The PNG a photo's map goes to in an output folder: {@code OUT/sub/IMG_1.png} for {@code sub/IMG_1.jpg}
 * (the photo's path relative to the argument it was found under), or {@code IMG_1.jpg.png} when an
 * earlier photo (in the order asked) already took {@code IMG_1.png}.
 */
public final class MapNames {
    private final Path outDir;
    private final Set<Path> taken = new HashSet<>();

    public MapNames(Path outDir) {
        this.outDir = outDir;
    }

    public synchronized Path next(InputEntry entry) {
        Path rel = entry.relativePath();
        String file = rel.getFileName().toString();
        int dot = file.lastIndexOf('.');
        String stem = dot > 0 ? file.substring(0, dot) : file;
        Path parent = rel.getParent() == null ? outDir : outDir.resolve(rel.getParent());
        Path t = parent.resolve(stem + ".png");
        if (!taken.add(t.toAbsolutePath().normalize())) {
            t = parent.resolve(file + ".png");
            taken.add(t.toAbsolutePath().normalize());
        }
        return t;
    }
}
