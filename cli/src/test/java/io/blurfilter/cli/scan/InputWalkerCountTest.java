package io.blurfilter.cli.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputWalkerCountTest {
    @Test
    void countsWhatTheWalkHandsOverUpToTheLimit(@TempDir Path dir) throws Exception {
        for (int i = 0; i < 5; i++) {
            Files.write(dir.resolve("photo" + i + ".jpg"), new byte[] {1});
        }
        Files.writeString(dir.resolve("notes.txt"), "not an image");
        Files.createDirectories(dir.resolve("sub"));
        Files.write(dir.resolve("sub/deeper.png"), new byte[] {1});
        List<Path> roots = List.of(dir, dir.resolve("missing.jpg"));
        InputWalker flat = new InputWalker(false, false, false, List.of());
        assertEquals(6, flat.countUpTo(roots, 100), "five images and the missing root, not the text file");
        assertEquals(3, flat.countUpTo(roots, 3));
        assertEquals(0, flat.countUpTo(roots, 0));
        assertEquals(7, new InputWalker(true, false, false, List.of()).countUpTo(roots, 100));
    }
}
