package io.blurfilter.cli;

import io.blurfilter.cli.relocate.Undo;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code blurfilter undo <journal>}: puts moved files back. */
final class UndoCommand implements Command {
    @Override
    public String name() {
        return "undo";
    }

    @Override
    public String summary() {
        return "restore the files a scan moved, from its journal";
    }

    @Override
    public String usage() {
        return String.join("\n",
                "usage: blurfilter undo <journal.csv> [--dry-run]",
                "",
                "Moves every file listed in a scan's journal back to where it came from. Never overwrites:",
                "files whose original place is taken again, or that changed since the move, are reported as",
                "conflicts and left where they are. Entries already restored are skipped, so undo can be run",
                "again after an interruption. Copies (--copy-blurred-to) are left alone.",
                "",
                "  --dry-run   only print what would be restored",
                "",
                "Exit codes: 0 everything restored, 1 conflicts, missing files or journal entries that",
                "cannot be read (each is named on standard error), 2 usage error, 3 journal unreadable.");
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException, FatalException {
        Options o = Options.parse(name(), args, Set.of("--dry-run"), Set.of());
        if (o.positionals().size() != 1) {
            throw new UsageException("undo: give exactly one journal file");
        }
        Path journal = Path.of(o.positionals().get(0));
        if (!Files.isRegularFile(journal)) {
            throw new FatalException("journal not found: " + journal);
        }
        Undo.Outcome r;
        try {
            r = new Undo(o.has("--dry-run"), err).run(journal);
        } catch (IOException e) {
            throw new FatalException(e.getMessage(), e);
        }
        out.println((o.has("--dry-run") ? "would restore " : "restored ") + r.restored() + ", already in place "
                + r.alreadyInPlace() + ", duplicates removed " + r.duplicatesRemoved() + ", copies left "
                + r.copiesLeft() + ", conflicts " + r.conflicts() + ", missing " + r.missing()
                + (r.unreadableEntries() > 0 ? ", unreadable journal entries " + r.unreadableEntries() : ""));
        return r.clean() ? ExitCode.OK : ExitCode.SOME_FAILED;
    }
}
