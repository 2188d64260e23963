package io.blurfilter.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.blurfilter.cli.scan.InputEntry;
import io.blurfilter.cli.scan.Labels;
import io.blurfilter.cli.scan.ScanRow;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The table's columns line up whatever the model's labels are (issue 19, item 12). */
class TableRowWriterTest {
    @Test
    void longLabelsKeepThePathColumnAligned() throws Exception {
        StringBuilder out = new StringBuilder();
        RowWriter w = RowWriter.create("table", out, () -> { }, new Labels("sharp-enough", "motion-blurred", 0.5f));
        w.begin();
        w.row(new ScanRow(entry("a.jpg"), 0.9f, "motion-blurred", 640, 480, null, null));
        w.row(new ScanRow(entry("b.jpg"), 0.1f, "sharp-enough", 4000, 3000, null, null));
        w.row(ScanRow.failed(entry("c.jpg"), "truncated"));
        w.finish();
        List<String> lines = out.toString().lines().toList();
        int pathColumn = lines.get(0).indexOf("PATH");
        assertEquals(pathColumn, lines.get(1).indexOf("a.jpg"), out.toString());
        assertEquals(pathColumn, lines.get(2).indexOf("b.jpg"), out.toString());
        assertEquals(pathColumn, lines.get(3).indexOf("c.jpg"), out.toString());
    }

    private static InputEntry entry(String name) {
        return InputEntry.ok(Path.of(name), null);
    }
}
