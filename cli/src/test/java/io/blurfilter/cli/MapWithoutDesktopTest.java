package io.blurfilter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blurfilter.imageio.LimitedJvm;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code map}, {@code scan --maps} and {@code scan --sharp-region} in a JVM without {@code java.desktop}
 * (as {@link WithoutDesktopTest} runs scan): the PNGs are written by blurfilter's own encoder, and read
 * back here (with ImageIO) equal to what the full JVM writes.
 */
class MapWithoutDesktopTest {
    @TempDir
    Path tmp;

    @Test
    void mapsAreWrittenWithoutImageIo() throws Exception {
        Path model = TestModels.laplacian(tmp.resolve("lap.bfm"));
        Path photos = tmp.resolve("photos");
        Files.createDirectories(photos);
        ImageIO.write(MapCommandTest.halfSharp(96, 64), "png", photos.resolve("half.png").toFile());
        Path raw = tmp.resolve("raw.png");
        LimitedJvm.Result r = LimitedJvm.run(tmp, 60, Main.class.getName(), List.of("map",
                photos.resolve("half.png").toString(), "-o", raw.toString(), "--raw", "--size", "64", "--model",
                model.toString()));
        assertEquals(0, r.exitCode(), r.toString());
        assertFalse(r.stderr().contains("Exception") || r.stderr().contains("Error:"), r.toString());
        Path rawHere = tmp.resolve("raw-here.png");
        Cli here = Cli.run("map", photos.resolve("half.png").toString(), "-o", rawHere.toString(), "--raw", "--size",
                "64", "--model", model.toString());
        assertEquals(0, here.exitCode(), here.toString());
        assertEquals(-1L, Files.mismatch(raw, rawHere), "the same PNG bytes as the full JVM's");
        BufferedImage img = ImageIO.read(raw.toFile());
        assertEquals(96, img.getWidth());

        Path maps = tmp.resolve("maps");
        Path report = tmp.resolve("report.html");
        LimitedJvm.Result scan = LimitedJvm.run(tmp, 60, Main.class.getName(), List.of("scan", photos.toString(),
                "--maps", maps.toString(), "--sharp-region", "--format", "jsonl", "--model", model.toString(), "-q",
                "--report", report.toString()));
        assertEquals(0, scan.exitCode(), scan.toString());
        // the thumbnail and the map's overlay (blurfilter's own JPEG and PNG encoders)
        String html = Files.readString(report);
        ReportTest.parse(report);
        assertTrue(html.contains("<div class=\"pics\"><img alt=\"\" src=\"data:image/jpeg;base64,"), html);
        assertTrue(html.contains("<img class=\"overlay\" alt=\"blur map\" src=\"data:image/png;base64,"), html);
        assertTrue(scan.stdout().contains("\"map\":{\"rows\":"), scan.stdout());
        BufferedImage overlay = ImageIO.read(maps.resolve("half.png").toFile());
        assertEquals(96, overlay.getWidth());
        assertTrue(overlay.getHeight() > 64, "with its legend");
    }
}
