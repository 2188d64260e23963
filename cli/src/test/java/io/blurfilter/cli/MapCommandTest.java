package io.blurfilter.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blurfilter.engine.Image;
import io.blurfilter.engine.Model;
import io.blurfilter.engine.ScoreMap;
import io.blurfilter.engine.format.ModelFile;
import io.blurfilter.engine.format.ModelReader;
import io.blurfilter.engine.format.ModelWriter;
import io.blurfilter.engine.graph.Attributes;
import io.blurfilter.engine.graph.Graph;
import io.blurfilter.engine.graph.Node;
import io.blurfilter.imageio.TestImages;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code blurfilter map} with the hand-built Laplacian test model, whose map has one cell per pixel:
 * on a photo sharp on the left and blurred on the right, the raw map is the engine's, pixel for
 * pixel, and the overlay is redder on the right.
 */
class MapCommandTest {
    @TempDir
    static Path dir;
    static Path model;
    static Path photo;
    static final int W = 96;
    static final int H = 64;

    @BeforeAll
    static void setUp() throws IOException {
        model = TestModels.laplacian(dir.resolve("lap.bfm"));
        photo = dir.resolve("in/half.png");
        Files.createDirectories(photo.getParent());
        ImageIO.write(halfSharp(W, H), "png", photo.toFile());
    }

    /** Noise on the left half (sharp), a smooth ramp on the right (blurred). */
    static BufferedImage halfSharp(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(20);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = x < w / 2 ? r.nextInt(256) : 100 + x / 4;
                img.setRGB(x, y, v << 16 | v << 8 | v);
            }
        }
        return img;
    }

    @Test
    void rawIsTheEnginesMapAtThePhotosSize() throws Exception {
        Path out = dir.resolve("raw.png");
        Cli c = Cli.run("map", photo.toString(), "-o", out.toString(), "--raw", "--size", "64", "--model",
                model.toString());
        assertEquals(0, c.exitCode(), c.toString());
        assertTrue(c.out().startsWith(photo + "\t" + out + "\t"), c.out());
        BufferedImage raw = ImageIO.read(out.toFile());
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, raw.getType());
        assertEquals(W, raw.getWidth());
        assertEquals(H, raw.getHeight());
        byte[] got = ((DataBufferByte) raw.getRaster().getDataBuffer()).getData();
        BufferedImage in = ImageIO.read(photo.toFile());
        int[] argb = in.getRGB(0, 0, W, H, null, 0, W);
        try (Model m = Model.load(model)) {
            ScoreMap map = m.scoreMap(Image.ofArgb(argb, W, H), 64);
            assertEquals(64, map.rows(), "one cell per pixel of the 96x64 frame");
            assertArrayEquals(gray(map.resample(1, W, H)), got);
        }
        double left = 0;
        double right = 0;
        for (int y = 2; y < H - 2; y++) {
            for (int x = 2; x < W - 2; x++) {
                int v = got[y * W + x] & 0xFF;
                if (x < W / 2 - 2) {
                    left += v;
                } else if (x > W / 2 + 2) {
                    right += v;
                }
            }
        }
        assertTrue(right > 5 * left, "the blurred half maps as blurred: " + left + " vs " + right);
    }

    @Test
    void rawFollowsTheExifOrientation() throws Exception {
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(halfSharp(W, H), "jpeg", jpeg);
        Path rotated = dir.resolve("rotated.jpg");
        Files.write(rotated, withOrientation6(jpeg.toByteArray()));
        Path out = dir.resolve("rotated-raw.png");
        Cli c = Cli.run("map", rotated.toString(), "-o", out.toString(), "--raw", "--size", "48", "--model",
                model.toString());
        assertEquals(0, c.exitCode(), c.toString());
        BufferedImage raw = ImageIO.read(out.toFile());
        assertEquals(H, raw.getWidth(), "upright: turned a quarter");
        assertEquals(W, raw.getHeight());
        // the sharp half was on the left; turned clockwise, it is on top
        double top = 0;
        double bottom = 0;
        for (int y = 4; y < W - 4; y++) {
            for (int x = 4; x < H - 4; x++) {
                int v = raw.getRaster().getSample(x, y, 0);
                top += y < W / 2 - 4 ? v : 0;
                bottom += y > W / 2 + 4 ? v : 0;
            }
        }
        assertTrue(bottom > 3 * top, top + " vs " + bottom);
    }

    @Test
    void overlaysForAFolderAreNamedAfterThePhotos() throws Exception {
        Path in = dir.resolve("folder");
        Files.createDirectories(in.resolve("sub"));
        ImageIO.write(halfSharp(W, H), "png", in.resolve("a.png").toFile());
        ImageIO.write(halfSharp(W, H), "jpeg", in.resolve("a.jpg").toFile());
        ImageIO.write(halfSharp(40, 30), "png", in.resolve("sub/b.png").toFile());
        Files.writeString(in.resolve("broken.jpg"), "not a jpeg");
        Path out = dir.resolve("overlays");
        Cli c = Cli.run("map", in.toString(), "-r", "-o", out.toString(), "--size", "64", "--model", model.toString());
        assertEquals(1, c.exitCode(), c.toString());
        assertTrue(c.err().contains("blurfilter map: " + in.resolve("broken.jpg") + ": "), c.err());
        assertTrue(c.err().contains("3 maps written, 1 failed"), c.err());
        // a.jpg sorts first and takes a.png; a.png then keeps its extension
        assertTrue(Files.isRegularFile(out.resolve("a.png")));
        assertTrue(Files.isRegularFile(out.resolve("a.png.png")));
        assertTrue(Files.isRegularFile(out.resolve("sub/b.png")));
        BufferedImage overlay = ImageIO.read(out.resolve("a.png.png").toFile());
        assertEquals(W, overlay.getWidth());
        assertTrue(overlay.getHeight() > H, "a legend band below the photo");
        double[] red = redness(overlay);
        assertTrue(red[1] > red[0] + 40 * (W / 2 - 8) * (H - 8), red[0] + " vs " + red[1]);
        // again: nothing is replaced without --overwrite
        Cli again = Cli.run("map", in.resolve("sub/b.png").toString(), in.resolve("a.png").toString(), "-o",
                out.toString(), "--size", "64", "--model", model.toString());
        assertEquals(1, again.exitCode(), again.toString());
        assertTrue(again.err().contains("exists (--overwrite replaces it)"), again.err());
        Cli forced = Cli.run("map", in.resolve("sub/b.png").toString(), "-o", out.toString(), "--size", "64",
                "--model", model.toString(), "--overwrite");
        assertEquals(0, forced.exitCode(), forced.toString());
    }

    @Test
    void scanWithMapsWritesOverlaysAndTheGridInJsonRows() throws Exception {
        Path in = dir.resolve("scanned");
        Files.createDirectories(in);
        ImageIO.write(halfSharp(W, H), "png", in.resolve("p.png").toFile());
        ImageIO.write(halfSharp(W, H), "png", in.resolve("q.png").toFile());
        Path maps = in.resolve("maps"); // inside the scanned folder: never scanned itself
        Path rows = dir.resolve("rows.jsonl");
        Path strided = strided(dir.resolve("lap-stride8.bfm"));
        Cli c = Cli.run("scan", in.toString(), "-r", "--maps", maps.toString(), "-o", rows.toString(), "--model",
                strided.toString(), "-q");
        assertEquals(0, c.exitCode(), c.toString());
        List<String> lines = Files.readAllLines(rows);
        assertEquals(2, lines.size(), lines.toString());
        try (Model m = Model.load(strided)) {
            for (String line : lines) {
                var row = io.blurfilter.converter.json.Json.obj(io.blurfilter.converter.json.JsonParser.parse(line),
                        "row");
                var map = io.blurfilter.converter.json.Json.obj(row.get("map"), "map");
                // the stride-8 model's map at short side 448: a cell per 8x8 pixels of the 672x448 frame,
                // centred on its pixel 8j, in the 96x64 photo's pixels
                assertEquals(56L, map.get("rows"));
                assertEquals(84L, map.get("cols"));
                assertEquals(8 * W / 672.0, (double) map.get("cell_width"), 1e-9);
                assertEquals(0.5 * W / 672.0, (double) map.get("x0"), 1e-9);
                assertEquals(0.5 * H / 448.0, (double) map.get("y0"), 1e-9);
                Path overlay = Path.of((String) map.get("overlay"));
                assertEquals(maps, overlay.getParent());
                assertTrue(Files.isRegularFile(overlay), overlay.toString());
                List<Object> grid = io.blurfilter.converter.json.Json.arr(map.get("blur"), "blur");
                assertEquals(56, grid.size());
                BufferedImage photoImg = ImageIO.read(Path.of((String) row.get("path")).toFile());
                ScoreMap want = m.scoreMap(Image.ofArgb(photoImg.getRGB(0, 0, W, H, null, 0, W), W, H), 448);
                for (int r : new int[] {0, 20, 55}) {
                    List<Object> cells = io.blurfilter.converter.json.Json.arr(grid.get(r), "row");
                    assertEquals(84, cells.size());
                    for (int col : new int[] {0, 40, 83}) {
                        assertEquals(want.score(1, r, col), ((Number) cells.get(col)).floatValue());
                    }
                }
            }
        }
        // again into the same folder: the overlays exist, so those rows fail; scores are still there
        Cli again = Cli.run("scan", in.toString(), "--maps", maps.toString(), "--format", "jsonl", "--model",
                strided.toString(), "-q");
        assertEquals(1, again.exitCode(), again.toString());
        assertTrue(again.out().contains("no blur map: " + maps.resolve("p.png") + " exists"), again.out());
        assertFalse(again.out().contains("\"blur_score\":null"), "scored anyway");
        // the rows of a scan without --maps carry no map
        Cli plain = Cli.run("scan", in.toString(), "--format", "jsonl", "--model", model.toString(), "-q");
        assertFalse(plain.out().contains("\"map\""), plain.out());
    }

    @Test
    void sharpRegionCallsAPhotoWithASharpPatchClear() throws Exception {
        Path in = dofPhotos(dir.resolve("dof"));
        Path strided = strided(dir.resolve("lap-stride8-dof.bfm"));
        Cli plain = Cli.run("scan", in.toString(), "--format", "jsonl", "--model", strided.toString(), "-q");
        assertEquals(0, plain.exitCode(), plain.toString());
        assertEquals(2, plain.out().split("\"label\":\"blur\"", -1).length - 1, "both blurred: " + plain.out());
        Path copies = dir.resolve("dof-copies");
        Cli rule = Cli.run("scan", in.toString(), "--format", "jsonl", "--model", strided.toString(), "-q",
                "--sharp-region", "--copy-blurred-to", copies.toString());
        assertEquals(0, rule.exitCode(), rule.toString());
        String[] lines = rule.out().split("\n");
        assertEquals(2, lines.length, rule.out());
        assertTrue(lines[0].contains("flat.png") && lines[0].contains("\"label\":\"blur\""), lines[0]);
        assertTrue(lines[1].contains("patch.png") && lines[1].contains("\"label\":\"clear\""), lines[1]);
        // its score is kept: above the threshold, clear all the same
        var row = io.blurfilter.converter.json.Json.obj(io.blurfilter.converter.json.JsonParser.parse(lines[1]), "row");
        assertTrue(((Number) row.get("blur_score")).doubleValue() >= 0.5, lines[1]);
        assertTrue(Files.exists(copies.resolve("flat.png")));
        assertFalse(Files.exists(copies.resolve("patch.png")), "a photo called clear is not copied");
    }

    @Test
    void mapDrawsTheHeadsMapWhenTheFileHasOne() throws Exception {
        Path headModel = TestModels.withMapHead(TestModels.laplacian(dir.resolve("lap-head.bfm")), 1);
        Path out = dir.resolve("head-raw.png");
        Cli c = Cli.run("map", photo.toString(), "-o", out.toString(), "--raw", "--size", "64", "--model",
                headModel.toString());
        assertEquals(0, c.exitCode(), c.toString());
        BufferedImage raw = ImageIO.read(out.toFile());
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, raw.getType());
        assertEquals(W, raw.getWidth());
        assertEquals(H, raw.getHeight());
        byte[] got = ((DataBufferByte) raw.getRaster().getDataBuffer()).getData();
        Image img = Image.ofArgb(ImageIO.read(photo.toFile()).getRGB(0, 0, W, H, null, 0, W), W, H);
        try (Model m = Model.load(headModel)) {
            assertTrue(m.hasMapHead());
            ScoreMap map = m.headMap(img, 64);
            assertEquals(64, map.rows(), "the stride-1 head: one cell per pixel of the 96x64 frame");
            assertEquals(96, map.cols());
            assertArrayEquals(gray(map.resample(1, W, H)), got);
            assertFalse(Arrays.equals(gray(m.classifierMap(img, 64).resample(1, W, H)), got),
                    "not the classifier's map");
        }
        // the overlay too: this head calls the sharp left half blurred
        Path overlayFile = dir.resolve("head-overlay.png");
        Cli o = Cli.run("map", photo.toString(), "-o", overlayFile.toString(), "--size", "64", "--model",
                headModel.toString());
        assertEquals(0, o.exitCode(), o.toString());
        BufferedImage overlay = ImageIO.read(overlayFile.toFile());
        assertEquals(W, overlay.getWidth());
        assertTrue(overlay.getHeight() > H, "a legend band below the photo");
        double[] red = redness(overlay);
        assertTrue(red[0] > red[1] + 40 * (W / 2 - 8) * (H - 8), red[0] + " vs " + red[1]);
    }

    @Test
    void scanMapsUseTheHeadOfAFileThatHasOne() throws Exception {
        Path in = dir.resolve("scanned-head");
        Files.createDirectories(in);
        ImageIO.write(halfSharp(W, H), "png", in.resolve("p.png").toFile());
        Path maps = dir.resolve("head-maps");
        Path rows = dir.resolve("head-rows.jsonl");
        Path headModel = TestModels.withMapHead(strided(dir.resolve("lap-stride8-head.bfm")), 8);
        Cli c = Cli.run("scan", in.toString(), "--maps", maps.toString(), "-o", rows.toString(), "--model",
                headModel.toString(), "-q");
        assertEquals(0, c.exitCode(), c.toString());
        List<String> lines = Files.readAllLines(rows);
        assertEquals(1, lines.size(), lines.toString());
        var row = io.blurfilter.converter.json.Json.obj(io.blurfilter.converter.json.JsonParser.parse(lines.get(0)),
                "row");
        var map = io.blurfilter.converter.json.Json.obj(row.get("map"), "map");
        BufferedImage overlay = ImageIO.read(Path.of((String) map.get("overlay")).toFile());
        assertEquals(W, overlay.getWidth());
        assertTrue(overlay.getHeight() > H, "a legend band below the photo");
        Image img = Image.ofArgb(halfSharp(W, H).getRGB(0, 0, W, H, null, 0, W), W, H);
        try (Model m = Model.load(headModel)) {
            // the stride-8 head at short side 448: a cell per 8x8 pixels of the 672x448 frame
            ScoreMap want = m.headMap(img, 448);
            ScoreMap classifier = m.classifierMap(img, 448);
            assertEquals(56L, map.get("rows"));
            assertEquals(84L, map.get("cols"));
            List<Object> grid = io.blurfilter.converter.json.Json.arr(map.get("blur"), "blur");
            int differ = 0;
            for (int r = 0; r < 56; r++) {
                List<Object> cells = io.blurfilter.converter.json.Json.arr(grid.get(r), "row");
                for (int col = 0; col < 84; col++) {
                    float v = ((Number) cells.get(col)).floatValue();
                    assertEquals(want.score(1, r, col), v, "cell " + r + "," + col);
                    differ += v != classifier.score(1, r, col) ? 1 : 0;
                }
            }
            assertTrue(differ > 56 * 84 / 2, differ + " cells differ from the classifier's map");
        }
    }

    @Test
    void sharpRegionGivesTheSameLabelsWithAMapHeadInTheFile() throws Exception {
        Path in = dofPhotos(dir.resolve("dof-head"));
        Path plain = strided(dir.resolve("lap-stride8-dof-plain.bfm"));
        Path headModel = TestModels.withMapHead(strided(dir.resolve("lap-stride8-dof-head.bfm")), 8);
        List<String> labels = new ArrayList<>();
        for (Path m : List.of(plain, headModel)) {
            Cli rule = Cli.run("scan", in.toString(), "--format", "jsonl", "--model", m.toString(), "-q",
                    "--sharp-region");
            assertEquals(0, rule.exitCode(), rule.toString());
            StringBuilder got = new StringBuilder();
            for (String line : rule.out().split("\n")) {
                var row = io.blurfilter.converter.json.Json.obj(io.blurfilter.converter.json.JsonParser.parse(line),
                        "row");
                got.append(Path.of((String) row.get("path")).getFileName()).append(' ').append(row.get("label"))
                        .append(' ').append(row.get("blur_score")).append('\n');
            }
            labels.add(got.toString());
        }
        assertTrue(labels.get(0).matches("flat.png blur \\S+\npatch.png clear \\S+\n"), labels.get(0));
        assertEquals(labels.get(0), labels.get(1), "with the head in the file");
    }

    @Test
    void aModelWithoutAPoolingHeadIsFatalAndBadArgumentsAreUsageErrors() throws Exception {
        ModelFile lap = ModelReader.read(model);
        List<Node> nodes = new ArrayList<>(lap.graph().nodes());
        // a ReLU between the pool and the fully connected layer: no longer linear after the pool
        int flat = nodes.indexOf(nodes.stream().filter(n -> n.name().equals("flat")).findFirst().orElseThrow());
        nodes.add(flat, new Node(io.blurfilter.engine.graph.OpType.RELU, "nonlinear", List.of("energy"), "energy2",
                Attributes.NONE));
        nodes.set(flat + 1, nodes.get(flat + 1).withInputs(List.of("energy2")));
        Graph g = lap.graph().withNodes(nodes, lap.graph().weights());
        Path bad = dir.resolve("nonlinear-head.bfm");
        ModelWriter.write(new ModelFile(lap.metadata(), g), bad);
        Cli c = Cli.run("map", photo.toString(), "-o", dir.resolve("x.png").toString(), "--model", bad.toString());
        assertEquals(3, c.exitCode(), c.toString());
        assertTrue(c.err().contains("has no region map"), c.err());
        assertTrue(c.err().contains("Relu 'nonlinear'"), c.err());
        assertFalse(Files.exists(dir.resolve("x.png")));
        Cli scan = Cli.run("scan", photo.toString(), "--maps", dir.resolve("m").toString(), "--model", bad.toString());
        assertEquals(3, scan.exitCode(), scan.toString());
        assertTrue(scan.err().contains("has no region map"), scan.err());
        Cli rule = Cli.run("scan", photo.toString(), "--sharp-region", "--model", bad.toString());
        assertEquals(3, rule.exitCode(), rule.toString());
        assertTrue(rule.err().contains("has no region map"), rule.err());
        // with a map head, map and scan --maps draw the head's map; --sharp-region still needs the classifier's
        Path withHead = Files.copy(bad, dir.resolve("nonlinear-head-with-map.bfm"));
        TestModels.withMapHead(withHead, 1);
        Cli headMap = Cli.run("map", photo.toString(), "-o", dir.resolve("y.png").toString(), "--size", "64",
                "--model", withHead.toString());
        assertEquals(0, headMap.exitCode(), headMap.toString());
        Cli headScan = Cli.run("scan", photo.toString(), "--maps", dir.resolve("m2").toString(), "--model",
                withHead.toString(), "-q");
        assertEquals(0, headScan.exitCode(), headScan.toString());
        Cli headRule = Cli.run("scan", photo.toString(), "--sharp-region", "--model", withHead.toString());
        assertEquals(3, headRule.exitCode(), headRule.toString());
        assertTrue(headRule.err().contains("has no region map"), headRule.err());
        assertTrue(headRule.err().contains("Relu 'nonlinear'"), headRule.err());

        assertEquals(2, Cli.run("map", photo.toString()).exitCode(), "-o is required");
        assertEquals(2, Cli.run("map", photo.toString(), "-o", dir.resolve("x.jpg").toString()).exitCode());
        assertEquals(2, Cli.run("map", dir.resolve("missing.jpg").toString(), "-o", "x.png").exitCode());
        assertEquals(2, Cli.run("map", photo.toString(), "-o", "x.png", "--size", "8").exitCode());
        assertEquals(2, Cli.run("map", photo.toString(), photo.toString(), "-o", model.toString()).exitCode(),
                "several photos into a file");
    }

    /** How much redder than green the overlay's photo is: its left half, its right half (4 pixels in). */
    static double[] redness(BufferedImage overlay) {
        double[] red = new double[2];
        for (int y = 4; y < H - 4; y++) {
            for (int x = 4; x < W - 4; x++) {
                int p = overlay.getRGB(x, y);
                int redness = (p >> 16 & 0xFF) - (p >> 8 & 0xFF);
                red[0] += x < W / 2 - 4 ? redness : 0;
                red[1] += x > W / 2 + 4 ? redness : 0;
            }
        }
        return red;
    }

    /** {@code round(255 * p)} of each probability: what {@code map --raw} writes. */
    static byte[] gray(float[] p) {
        byte[] out = new byte[p.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Math.round(255 * p[i]);
        }
        return out;
    }

    /**
     * Writes flat.png, flat grey, and patch.png, the same with a sharp noisy patch of 12% of the frame
     * at its left edge, outside the centre crop the model classifies, into {@code in} (created); at
     * 672x448 the map at short side 448 sees the pixels as they are (a smaller photo enlarged would blur
     * the noise).
     */
    static Path dofPhotos(Path in) throws IOException {
        Files.createDirectories(in);
        int w = 672;
        int h = 448;
        BufferedImage flat = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        BufferedImage patch = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(5);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = 110 + x / 16;
                flat.setRGB(x, y, v << 16 | v << 8 | v);
                boolean inPatch = x < 130 && y >= 100 && y < 380;
                int p = inPatch ? r.nextInt(256) : v;
                patch.setRGB(x, y, p << 16 | p << 8 | p);
            }
        }
        ImageIO.write(flat, "png", in.resolve("flat.png").toFile());
        ImageIO.write(patch, "png", in.resolve("patch.png").toFile());
        return in;
    }

    /** The Laplacian test model with its convolution at stride 8: one map cell per 8x8 pixels. */
    static Path strided(Path file) throws IOException {
        ModelFile lap = ModelReader.read(model);
        List<Node> nodes = new ArrayList<>(lap.graph().nodes());
        Node conv = nodes.get(0);
        nodes.set(0, conv.withAttributes(conv.attributes().toBuilder().ints("strides", 8, 8).build()));
        ModelWriter.write(new ModelFile(lap.metadata(), lap.graph().withNodes(nodes, lap.graph().weights())), file);
        return file;
    }

    /** The JPEG with an EXIF block whose only tag is Orientation 6 (turn clockwise to view). */
    static byte[] withOrientation6(byte[] jpeg) {
        return TestImages.withExifOrientation(jpeg, 6, false);
    }
}
