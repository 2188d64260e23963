package io.blurfilter.cli.relocate;

import io.blurfilter.cli.output.Csv;
import java.nio.file.Path;
import java.util.List;

/**
 * One line of a journal: {@code action,source,destination,sha256}, paths absolute. The action is
 * {@code move} or {@code copy}.
 */
public record JournalEntry(String action, Path source, Path destination, String sha256) {
    public static final String HEADER = "action,source,destination,sha256";

    String toCsvLine() {
        return Csv.field(action) + ',' + Csv.field(source.toString()) + ',' + Csv.field(destination.toString()) + ','
                + sha256 + '\n';
    }

    /** The entry in a record's fields; null when they are not one (a write cut short by a crash). */
    static JournalEntry parse(List<String> f) {
        if (f == null || f.size() != 4 || f.get(3).length() != 64
                || !(f.get(0).equals("move") || f.get(0).equals("copy"))) {
            return null;
        }
        return new JournalEntry(f.get(0), Path.of(f.get(1)), Path.of(f.get(2)), f.get(3));
    }
}
