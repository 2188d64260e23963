package io.blurfilter.cli.eval;

import io.blurfilter.cli.output.Csv;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A labels CSV for evaluation: {@code path,label} per line, paths relative to the CSV's folder (or
 * absolute), label {@code clear}/{@code sharp}/{@code 0} or {@code blur}/{@code blurred}/{@code 1}. A
 * first line whose label is none of these is taken as a header; when that header names a
 * {@code label} column and a {@code path} or {@code file} column, those columns are used, so data-set
 * manifests with extra columns work as they are.
 */
public final class LabelsFile {
    /** One labelled image. */
    public record Item(Path path, boolean blurred) {}

    private LabelsFile() {}

    public static List<Item> read(Path csv) throws IOException {
        Path base = csv.toAbsolutePath().getParent();
        List<Item> items = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            int pathColumn = 0;
            int labelColumn = 1;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                List<String> fields = Csv.split(line.strip());
                if (fields == null || fields.size() < Math.max(2, Math.max(pathColumn, labelColumn) + 1)) {
                    throw new IOException(csv + " line " + number + ": expected 'path,label', got '" + line + "'");
                }
                Boolean blurred = parseLabel(fields.get(labelColumn));
                if (blurred == null) {
                    if (number == 1) {
                        int label = column(fields, "label");
                        int path = Math.max(column(fields, "path"), column(fields, "file"));
                        if (label >= 0 && path >= 0) {
                            labelColumn = label;
                            pathColumn = path;
                        }
                        continue; // header
                    }
                    throw new IOException(csv + " line " + number + ": label '" + fields.get(labelColumn)
                            + "' is not clear/sharp/0 or blur/blurred/1");
                }
                Path p = Path.of(fields.get(pathColumn).strip());
                items.add(new Item(p.isAbsolute() ? p : base.resolve(p), blurred));
            }
        }
        return items;
    }

    private static int column(List<String> header, String name) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).strip().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /** True for blurred, false for clear, null when not a label. */
    static Boolean parseLabel(String label) {
        switch (label.strip().toLowerCase(Locale.ROOT)) {
            case "blur": case "blurred": case "blurry": case "1":
                return Boolean.TRUE;
            case "clear": case "sharp": case "0":
                return Boolean.FALSE;
            default:
                return null;
        }
    }
}
