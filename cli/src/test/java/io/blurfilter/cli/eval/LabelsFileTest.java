package io.blurfilter.cli.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelsFileTest {
    @Test
    void plainPathLabelRows(@TempDir Path dir) throws IOException {
        Path csv = Files.writeString(dir.resolve("l.csv"), "path,label\na.jpg,blur\nsub/b.png,0\n");
        List<LabelsFile.Item> items = LabelsFile.read(csv);
        assertEquals(List.of(new LabelsFile.Item(dir.resolve("a.jpg"), true),
                new LabelsFile.Item(dir.resolve("sub/b.png"), false)), items);
    }

    @Test
    void manifestColumnsAreFoundByHeaderName(@TempDir Path dir) throws IOException {
        Path csv = Files.writeString(dir.resolve("manifest.csv"),
                "file,source,label,blur_type,size\nx_F.jpg,kw,blurred,defocus,2048x1365\nx_S.jpg,kw,sharp,,2048x1365\n");
        List<LabelsFile.Item> items = LabelsFile.read(csv);
        assertEquals(List.of(new LabelsFile.Item(dir.resolve("x_F.jpg"), true),
                new LabelsFile.Item(dir.resolve("x_S.jpg"), false)), items);
    }

    @Test
    void badLabelNamesTheLine(@TempDir Path dir) throws IOException {
        Path csv = Files.writeString(dir.resolve("l.csv"), "a.jpg,blur\nb.jpg,maybe\n");
        IOException e = assertThrows(IOException.class, () -> LabelsFile.read(csv));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("maybe"), e.getMessage());
    }
}
