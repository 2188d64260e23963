package io.blurfilter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blurfilter.cli.relocate.Sha256;
import io.blurfilter.imageio.TestImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File names that break naive line-by-line journal handling (issue 19, item 1): every one is moved by
 * {@code scan --move-blurred-to} and put back by {@code undo} with its content unchanged.
 */
class UndoOddNamesTest {
    /** Characters that CSV, shells or path handling treat specially, plus non-ASCII ones. */
    private static final String ODD_CHARS = "\n\r\",' -;$`\\\t#*?[]{}()&|<>!~%=+@^éñ日本語📷\u00a0\u200b";
    private static final int RANDOM_NAMES = 40;

    @TempDir
    Path tmp;
    Path model;
    Path photos;
    Path target;
    byte[] blurry;

    @BeforeEach
    void setUp() throws IOException {
        model = TestModels.laplacian(tmp.resolve("model.bin"));
        photos = tmp.resolve("photos");
        target = tmp.resolve("blurred");
        blurry = TestImages.encode(TestImages.smooth(64, 48), "png");
    }

    @Test
    void oddNamesAreMovedAndRestoredIntact() throws IOException {
        List<String> names = new ArrayList<>(List.of("new\nline.png", "two\n\nbreaks\n.png", "cr\r\nlf.png",
                "quote\"d.png", "\"\".png", "comma,name.png", "-rf.png", "--help.png", "日本語の写真.png",
                "emoji 📷.png", "x".repeat(240) + ".png", "ends with quote\".png", ",\",\n\".png",
                "sub\nfolder/inner,\"name\n.png"));
        names.addAll(randomNames(new Random(19), RANDOM_NAMES));
        for (int i = 0; i < names.size(); i++) {
            // distinct content, so a file restored under another's name would show
            byte[] content = TestImages.encode(TestImages.smooth(64 + i, 48), "png");
            TestImages.write(photos.resolve(names.get(i)), content);
        }
        Map<String, String> before = shaByRelativePath(photos);
        assertEquals(names.size(), before.size());

        Cli scan = Cli.run("scan", photos.toString(), "-r", "--model", model.toString(), "--move-blurred-to",
                target.toString(), "--format", "jsonl", "-q");
        assertEquals(ExitCode.OK, scan.exitCode(), scan.toString());
        assertEquals(Map.of(), shaByRelativePath(photos), "every file was moved");
        assertEquals(before, shaByRelativePath(target));

        Cli undo = Cli.run("undo", TestFiles.journalIn(target).toString());
        assertEquals(ExitCode.OK, undo.exitCode(), undo.toString());
        assertTrue(undo.out().startsWith("restored " + names.size() + ", "), undo.out());
        assertEquals(before, shaByRelativePath(photos));
        assertEquals(Map.of(), shaByRelativePath(target));
    }

    @Test
    void anEntryUndoCannotReadIsNamedAndFailsTheRun() throws IOException {
        TestImages.write(photos.resolve("a.png"), blurry);
        TestImages.write(photos.resolve("new\nline.png"), blurry);
        Cli scan = Cli.run("scan", photos.toString(), "--model", model.toString(), "--move-blurred-to",
                target.toString(), "-q");
        assertEquals(ExitCode.OK, scan.exitCode(), scan.toString());
        Path journal = TestFiles.journalIn(target);
        // a crash in the middle of writing the second entry: it ends inside its quoted file name
        String text = Files.readString(journal, StandardCharsets.UTF_8);
        Files.writeString(journal, text.substring(0, text.lastIndexOf("new\nline.png") + 4), StandardCharsets.UTF_8);

        Cli undo = Cli.run("undo", journal.toString());
        assertEquals(ExitCode.SOME_FAILED, undo.exitCode(), undo.toString());
        assertTrue(undo.err().contains("unreadable journal entry at line 3 of " + journal), undo.err());
        assertTrue(undo.out().contains("unreadable journal entries 1"), undo.out());
        assertTrue(Files.exists(photos.resolve("a.png")), "the readable entry is restored");
    }

    private static List<String> randomNames(Random random, int count) {
        Set<String> names = new LinkedHashSet<>();
        while (names.size() < count) {
            StringBuilder name = new StringBuilder();
            int length = 1 + random.nextInt(30);
            for (int i = 0; i < length; i++) {
                name.appendCodePoint(ODD_CHARS.codePoints().skip(random.nextInt((int) ODD_CHARS.codePoints().count()))
                        .findFirst().orElseThrow());
            }
            names.add(name + ".png");
        }
        return new ArrayList<>(names);
    }

    /** Relative path of every file under {@code dir} (journals left out) to its SHA-256. */
    private static Map<String, String> shaByRelativePath(Path dir) throws IOException {
        Map<String, String> shas = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return shas;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                if (!p.getFileName().toString().startsWith(".blurfilter-journal-")) {
                    shas.put(dir.relativize(p).toString(), Sha256.of(p));
                }
            }
        }
        return shas;
    }
}
