package io.blurfilter.cli.relocate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a process in the middle of moving thousands of files and proves that nothing is lost:
 * every file exists exactly once (at its source or its destination, content intact), and undo
 * brings every moved one back.
 */
class KillMidwayTest {
    private static final int FILES = 3000;

    @TempDir
    Path tmp;

    @Test
    void nothingIsLostAndUndoRestoresTheRest() throws Exception {
        Path source = tmp.resolve("photos");
        Path target = tmp.resolve("blurred");
        Map<String, String> expected = new HashMap<>(); // relative path -> sha256
        for (int i = 0; i < FILES; i++) {
            Path file = source.resolve("d" + (i % 17)).resolve("img" + i + ".jpg");
            Files.createDirectories(file.getParent());
            Files.writeString(file, "file " + i + " " + "x".repeat(i % 300));
            expected.put(source.relativize(file).toString(), Sha256.of(file));
        }
        // a name that already exists under the target: the move must pick "img0 (1).jpg"
        Files.createDirectories(target.resolve("d0"));
        Files.writeString(target.resolve("d0/img0.jpg"), "someone else's file");

        Process p = startMover(source, target);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("started")) {
                // wait until the first move has happened
            }
            Path journal = findJournal(target);
            // let it get a good way in, then kill it without warning
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (Files.readAllLines(journal).size() < 300 && System.nanoTime() < deadline && p.isAlive()) {
                Thread.sleep(5);
            }
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        Path journal = findJournal(target);
        int journaled = Files.readAllLines(journal).size() - 1;
        assertTrue(journaled >= 1, "some files were moved before the kill");
        assertTrue(journaled < FILES, "the kill came after the last move; nothing was interrupted");
        System.err.println("killed after " + journaled + " of " + FILES + " journaled moves");

        assertEachFileExactlyOnce(source, target, expected);

        Undo.Outcome undo = new Undo(false, System.err).run(journal);
        assertEquals(0, undo.conflicts(), undo.toString());
        assertEquals(0, undo.missing(), undo.toString());
        assertTrue(undo.restored() >= journaled - 1, undo.toString()); // the last entry may not have moved yet
        for (Map.Entry<String, String> e : expected.entrySet()) {
            Path original = source.resolve(e.getKey());
            assertTrue(Files.exists(original), "restored " + e.getKey());
            assertEquals(e.getValue(), Sha256.of(original), e.getKey());
        }
        assertEquals("someone else's file", Files.readString(target.resolve("d0/img0.jpg")));
        try (Stream<Path> left = Files.walk(target)) {
            assertEquals(List.of(target.resolve("d0/img0.jpg")),
                    left.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".blurfilter"))
                            .toList());
        }
        // a second undo finds everything in place
        Undo.Outcome again = new Undo(false, System.err).run(journal);
        assertEquals(0, again.restored());
        assertTrue(again.clean());
    }

    /** Every original file is either at its source or at one destination, with its content. */
    private static void assertEachFileExactlyOnce(Path source, Path target, Map<String, String> expected)
            throws IOException {
        Map<String, Integer> seen = new HashMap<>();
        for (Path root : List.of(source, target)) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    String name = f.getFileName().toString();
                    if (name.startsWith(".blurfilter-journal-")) {
                        continue;
                    }
                    String rel = root.relativize(f).toString().replace(" (1)", "");
                    if (root == target && rel.equals("d0/img0.jpg") && !name.contains("(1)")) {
                        continue; // the pre-existing file
                    }
                    assertTrue(expected.containsKey(rel), "unexpected file " + f);
                    assertEquals(expected.get(rel), Sha256.of(f), "content of " + f);
                    seen.merge(rel, 1, Integer::sum);
                }
            }
        }
        for (String rel : expected.keySet()) {
            assertEquals(1, seen.getOrDefault(rel, 0), rel + " must exist exactly once");
        }
    }

    private static Path findJournal(Path target) throws IOException, InterruptedException {
        for (int i = 0; i < 1000; i++) {
            if (Files.isDirectory(target)) {
                try (Stream<Path> s = Files.list(target)) {
                    var j = s.filter(f -> f.getFileName().toString().startsWith(".blurfilter-journal-")).findFirst();
                    if (j.isPresent()) {
                        return j.get();
                    }
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no journal under " + target);
    }

    private static Process startMover(Path source, Path target) throws IOException {
        String classpath = System.getProperty("blurfilter.testClasspath", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xshare:auto", "-cp", classpath, MoveAllMain.class.getName(),
                source.toString(), target.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }
}
