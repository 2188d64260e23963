package io.blurfilter.cli;

import io.blurfilter.cli.relocate.Undo;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code blurfilter undo <journal>}: puts moved files back. */
@Command(name = "undo", mixinStandardHelpOptions = true,
        header = "restore the files a scan moved, from its journal",
        description = {"Moves every file listed in a scan's journal back to where it came from. Never overwrites:"
                + " files whose original place is taken again, or that changed since the move, are reported as"
                + " conflicts and left where they are. Entries already restored are skipped, so undo can be run"
                + " again after an interruption. Copies (--copy-blurred-to) are left alone."})
final class UndoCommand implements Callable<Integer> {
    private final PrintStream out;
    private final PrintStream err;

    @Parameters(paramLabel = "<journal.csv>", description = "the journal a scan wrote into its --move-blurred-to folder")
    private Path journal;

    @Option(names = "--dry-run", description = "only print what would be restored")
    private boolean dryRun;

    UndoCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws FatalException {
        if (!Files.isRegularFile(journal)) {
            throw new FatalException("journal not found: " + journal);
        }
        Undo.Outcome r;
        try {
            r = new Undo(dryRun, err).run(journal);
        } catch (IOException e) {
            throw new FatalException(e.getMessage(), e);
        }
        out.println((dryRun ? "would restore " : "restored ") + r.restored() + ", already in place "
                + r.alreadyInPlace() + ", duplicates removed " + r.duplicatesRemoved() + ", copies left "
                + r.copiesLeft() + ", conflicts " + r.conflicts() + ", missing " + r.missing()
                + (r.unreadableEntries() > 0 ? ", unreadable journal entries " + r.unreadableEntries() : ""));
        return r.clean() ? ExitCode.OK : ExitCode.SOME_FAILED;
    }
}
