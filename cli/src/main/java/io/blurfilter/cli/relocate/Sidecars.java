package io.blurfilter.cli.relocate;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The files that belong with a photo: its camera RAW and XMP files beside it under the same base name
 * ({@code IMG_1.jpg} has {@code IMG_1.CR2}, {@code IMG_1.xmp} and {@code IMG_1.jpg.xmp}), which
 * photographers expect to travel with it. Only regular files in the photo's own folder count.
 */
public final class Sidecars {
    /** RAW formats of the common camera makers, DNG, and XMP; lower case. None is a scanned image type. */
    static final Set<String> EXTENSIONS = Set.of("xmp", "dng", "cr2", "cr3", "crw", "nef", "nrw", "arw", "srf",
            "sr2", "raf", "orf", "rw2", "pef", "srw", "x3f", "3fr", "iiq", "rwl", "erf", "mrw", "kdc", "dcr", "mos");

    private Sidecars() {}

    /** The sidecars of {@code photo}, sorted by name. */
    public static List<Path> of(Path photo) throws IOException {
        Path dir = photo.toAbsolutePath().getParent();
        String name = photo.getFileName().toString();
        String stem = stem(name);
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, candidate -> {
            String n = candidate.getFileName().toString();
            return !n.equals(name) && n.startsWith(stem + ".") && isSidecarName(n, name, stem);
        })) {
            for (Path f : files) {
                if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    out.add(f);
                }
            }
        }
        out.sort(null);
        return out;
    }

    /**
     * The name {@code sidecar} takes beside a photo that was renamed to {@code photoName} (a collision
     * in the target made {@code IMG_1.jpg} {@code IMG_1 (1).jpg}): its own ending after the new stem,
     * so the pair still matches.
     */
    static String renamedWith(String sidecarName, String originalPhotoName, String photoName) {
        if (sidecarName.startsWith(originalPhotoName + ".")) {
            return photoName + sidecarName.substring(originalPhotoName.length()); // IMG_1.jpg.xmp
        }
        return stem(photoName) + sidecarName.substring(stem(originalPhotoName).length());
    }

    private static boolean isSidecarName(String candidate, String photoName, String stem) {
        String rest = (candidate.startsWith(photoName + ".") ? candidate.substring(photoName.length() + 1)
                : candidate.substring(stem.length() + 1)).toLowerCase(Locale.ROOT);
        // IMG_1.CR2.xmp is the RAW's own XMP: it goes where the RAW goes
        String raw = rest.endsWith(".xmp") ? rest.substring(0, rest.length() - ".xmp".length()) : rest;
        return EXTENSIONS.contains(raw);
    }

    static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
