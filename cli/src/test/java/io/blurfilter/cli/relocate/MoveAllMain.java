package io.blurfilter.cli.relocate;

import io.blurfilter.cli.scan.InputEntry;
import io.blurfilter.cli.scan.InputWalker;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Run in a separate JVM by {@link KillMidwayTest}: moves every file under {@code args[0]} to
 * {@code args[1]} through the {@link Relocator}, exactly as {@code scan --move-blurred-to} does for
 * blurred files, printing "started" once the first file is moved.
 */
public final class MoveAllMain {
    private MoveAllMain() {}

    public static void main(String[] args) throws Exception {
        Path source = Path.of(args[0]);
        Path target = Path.of(args[1]);
        List<InputEntry> entries = new ArrayList<>();
        new InputWalker(true, false, true, List.of(target)).walk(List.of(source), entries::add);
        PrintStream log = System.out;
        try (Relocator relocator = new Relocator(Relocator.Mode.MOVE, target, false, log, false)) {
            for (InputEntry e : entries) {
                relocator.relocate(e);
                if (relocator.count() == 1) {
                    log.println("started");
                    log.flush();
                }
            }
        }
        log.println("done");
    }
}
