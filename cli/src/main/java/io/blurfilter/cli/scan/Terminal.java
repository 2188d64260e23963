package io.blurfilter.cli.scan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether standard error is a terminal, i.e. whether a progress bar would be seen rather than logged. */
public final class Terminal {
    private Terminal() {}

    /**
     * On Linux, where file descriptor 2 points ({@code /dev/pts/N} or {@code /dev/ttyN} for a
     * terminal), so that {@code scan > rows.csv} still shows progress. Elsewhere Java can only tell
     * whether stdin and stdout are a console, which is the fallback.
     */
    public static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }
}
