package io.blurfilter.spark;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The file name extensions {@code blurfilter scan} treats as images in folders, as a Hadoop glob for
 * {@code binaryFile}'s {@code pathGlobFilter}. Hadoop globs are case-sensitive and scan's match is
 * not, so every letter becomes a class of both cases ({@code [jJ][pP][gG]}).
 */
final class ImageExtensions {
    /** Same list as the CLI's {@code InputWalker.IMAGE_EXTENSIONS} (a test keeps them equal). */
    static final List<String> EXTENSIONS = List.of("jpg", "jpeg", "jpe", "jfif", "png", "bmp", "dib",
            "gif", "webp", "tif", "tiff");

    private ImageExtensions() {}

    /** {@code *.{[jJ][pP][gG],...}}: any file whose name ends in one of the extensions, in any case. */
    static String glob() {
        return EXTENSIONS.stream().map(ImageExtensions::anyCase).collect(Collectors.joining(",", "*.{", "}"));
    }

    private static String anyCase(String extension) {
        StringBuilder b = new StringBuilder();
        for (char c : extension.toCharArray()) {
            b.append('[').append(c).append(Character.toUpperCase(c)).append(']');
        }
        return b.toString();
    }
}
