package io.blurfilter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blurfilter.imageio.TestImages;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a scan says in words (issue 19, item 12): counts in the right number, warnings where scores mean little. */
class ScanWordingTest {
    @TempDir
    Path tmp;

    @Test
    void oneImageAndOneMovedFileAreSingular() throws Exception {
        Path model = TestModels.laplacian(tmp.resolve("m.bfm"));
        Path photos = tmp.resolve("photos");
        TestImages.write(photos.resolve("blurry.jpg"), TestImages.encode(TestImages.smooth(400, 300), "jpeg"));
        Cli r = Cli.run("scan", photos.toString(), "--model", model.toString(), "--format", "csv",
                "--move-blurred-to", tmp.resolve("blurred").toString());
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        assertTrue(r.err().contains("1 image in "), r.err());
        assertTrue(r.err().contains("moved 1 blurred file to "), r.err());
        // not "1 images", but "34.1 images/s" is a rate: a count stands after a space or at a line start
        assertFalse(java.util.regex.Pattern.compile("(?m)(^|\\s)1 (images|blurred files)\\b").matcher(r.err()).find(),
                r.err());
        assertFalse(r.err().contains("warning"), "a 400x300 photo is in the model's range: " + r.err());
    }

    @Test
    void anImageFarSmallerThanTheModelsInputIsWarnedAbout() throws Exception {
        Path model = TestModels.laplacian(tmp.resolve("m.bfm")); // resizes the short side to 256
        Path photos = tmp.resolve("photos");
        TestImages.write(photos.resolve("text crop.png"), TestImages.encode(TestImages.noise(328, 72, 3), "png"));
        TestImages.write(photos.resolve("photo.png"), TestImages.encode(TestImages.noise(400, 300, 4), "png"));
        Cli r = Cli.run("scan", photos.toString(), "--model", model.toString());
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        String warning = r.out().lines().filter(l -> l.startsWith("warning:")).findFirst().orElse("");
        assertTrue(warning.startsWith("warning: 1 image is less than half the 256 pixels"), r.out());
        assertTrue(warning.contains("text crop.png, 328x72"), warning);
        assertFalse(warning.contains("photo.png"), warning);
    }
}
