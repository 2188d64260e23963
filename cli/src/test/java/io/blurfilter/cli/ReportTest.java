package io.blurfilter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.blurfilter.imageio.TestImages;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The HTML reports: well-formed (parsed as XML), self-contained (no external reference), with the
 * expected parts; and, where Debian's chromium is installed, rendered by a real browser.
 */
class ReportTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path tmp;

    private Path scanReport() throws IOException {
        Path model = TestModels.laplacian(tmp.resolve("model.bin"));
        Path photos = tmp.resolve("photos & <friends>");
        TestImages.write(photos.resolve("sharp.png"), TestImages.encode(TestImages.noise(400, 300, 4), "png"));
        TestImages.write(photos.resolve("blurry.jpg"), TestImages.encode(TestImages.smooth(400, 300), "jpeg"));
        TestImages.write(photos.resolve("broken \"quote\".jpg"), "nope".getBytes());
        Path report = tmp.resolve("out/report.html");
        Cli r = Cli.run("scan", photos.toString(), "--model", model.toString(), "--report", report.toString(), "-q");
        assertEquals(ExitCode.SOME_FAILED, r.exitCode(), r.toString());
        return report;
    }

    @Test
    void scanReportIsWellFormedAndSelfContained() throws Exception {
        Path report = scanReport();
        String html = Files.readString(report, StandardCharsets.UTF_8);
        Document doc = parse(report);
        assertEquals("html", doc.getDocumentElement().getLocalName());
        assertEquals(1, doc.getElementsByTagNameNS("*", "style").getLength());
        assertEquals(0, doc.getElementsByTagNameNS("*", "script").getLength());
        assertNoExternalReferences(html);
        // file names wrap after separators, not mid-word (issue 19, item 12)
        assertTrue(html.contains("blurry.<wbr/>jpg") && !html.contains("break-all"), html);

        // histogram with one bar per bin and the threshold line
        NodeList svgs = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg");
        assertEquals(1, svgs.getLength());
        assertEquals(20, countByClass(doc, "rect", "bar"));
        assertEquals(1, countByClass(doc, "line", "threshold"));

        // thumbnails sorted by score, the blurred one first and flagged; each a JPEG that decodes
        List<Element> cards = elementsByClass(doc, "div", "card");
        assertEquals(2, cards.size());
        assertTrue(cards.get(0).getAttribute("class").contains("flagged"));
        assertTrue(!cards.get(1).getAttribute("class").contains("flagged"));
        for (Element card : cards) {
            Element img = (Element) card.getElementsByTagNameNS("*", "img").item(0);
            String src = img.getAttribute("src");
            assertTrue(src.startsWith("data:image/jpeg;base64,"));
            BufferedImage thumb = ImageIO.read(new java.io.ByteArrayInputStream(
                    java.util.Base64.getDecoder().decode(src.substring(src.indexOf(',') + 1))));
            assertEquals(128, Math.max(thumb.getWidth(), thumb.getHeight()));
        }
        // without --maps: no map overlays, and the cards are the plain ones
        assertEquals(0, countByClass(doc, "img", "overlay"));
        assertEquals(0, countByClass(doc, "div", "mapped"));
        assertTrue(!html.contains("data:image/png"), "no overlay PNGs");
        // the error is listed, with the odd file name escaped correctly
        assertTrue(doc.getElementsByTagNameNS("*", "table").getLength() >= 2);
        assertTrue(doc.getDocumentElement().getTextContent().contains("broken \"quote\".jpg"));
        assertTrue(doc.getDocumentElement().getTextContent().contains("not an image"));
    }

    @Test
    void withMapsEachCardShowsTheOverlayBesideItsThumbnail() throws Exception {
        Path model = TestModels.laplacian(tmp.resolve("model.bin"));
        Path photos = tmp.resolve("photos");
        TestImages.write(photos.resolve("sharp.png"), TestImages.encode(TestImages.noise(400, 300, 4), "png"));
        TestImages.write(photos.resolve("blurry.jpg"), TestImages.encode(TestImages.smooth(400, 300), "jpeg"));
        TestImages.write(photos.resolve("tall.png"), TestImages.encode(TestImages.noise(150, 200, 5), "png"));
        Path report = tmp.resolve("out/report.html");
        Path maps = tmp.resolve("maps");
        Cli r = Cli.run("scan", photos.toString(), "--model", model.toString(), "--report", report.toString(),
                "--maps", maps.toString(), "-q");
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        String html = Files.readString(report, StandardCharsets.UTF_8);
        assertNoExternalReferences(html);
        Document doc = parse(report);
        List<Element> cards = elementsByClass(doc, "div", "card");
        assertEquals(3, cards.size());
        double[] redness = new double[cards.size()];
        for (int i = 0; i < cards.size(); i++) {
            Element card = cards.get(i);
            assertTrue(card.getAttribute("class").contains("mapped"), card.getAttribute("class"));
            NodeList imgs = card.getElementsByTagNameNS("*", "img");
            assertEquals(2, imgs.getLength(), "thumbnail and overlay");
            Element thumb = (Element) imgs.item(0);
            Element overlay = (Element) imgs.item(1);
            assertTrue(thumb.getAttribute("src").startsWith("data:image/jpeg;base64,"));
            assertEquals("overlay", overlay.getAttribute("class"));
            String src = overlay.getAttribute("src");
            assertTrue(src.startsWith("data:image/png;base64,"), src.substring(0, 30));
            byte[] png = java.util.Base64.getDecoder().decode(src.substring(src.indexOf(',') + 1));
            BufferedImage img = ImageIO.read(new java.io.ByteArrayInputStream(png));
            BufferedImage t = decodeDataUri(thumb.getAttribute("src"));
            // the same size as the thumbnail beside it: the long side 128, no legend band
            assertEquals(t.getWidth(), img.getWidth());
            assertEquals(t.getHeight(), img.getHeight());
            assertEquals(128, Math.max(img.getWidth(), img.getHeight()));
            assertTrue(png.length < 3 * 128 * 128 + 2048, "bounded: " + png.length + " bytes");
            Element caption = (Element) card.getElementsByTagNameNS("*", "figcaption").item(0);
            assertEquals("blur map: red is blurred", caption.getTextContent());
            redness[i] = redness(img);
        }
        // highest score first: the blurry photo's overlay is tinted, the sharp ones' much less
        assertTrue(cards.get(0).getTextContent().contains("blurry.jpg"));
        assertTrue(redness[0] > redness[1] + 20 && redness[0] > redness[2] + 20, java.util.Arrays.toString(redness));
        // the full-size overlays are still written into the maps folder
        assertTrue(Files.isRegularFile(maps.resolve("blurry.png")) && Files.isRegularFile(maps.resolve("sharp.png")));

        // --report-thumbnails bounds the overlays as it bounds the thumbnails
        Path one = tmp.resolve("one.html");
        Cli top = Cli.run("scan", photos.toString(), "--model", model.toString(), "--report", one.toString(),
                "--report-thumbnails", "1", "--maps", tmp.resolve("maps2").toString(), "-q");
        assertEquals(ExitCode.OK, top.exitCode(), top.toString());
        Document oneDoc = parse(one);
        assertEquals(1, countByClass(oneDoc, "div", "card"));
        assertEquals(1, countByClass(oneDoc, "img", "overlay"));
        Path none = tmp.resolve("none.html");
        Cli zero = Cli.run("scan", photos.toString(), "--model", model.toString(), "--report", none.toString(),
                "--report-thumbnails", "0", "--maps", tmp.resolve("maps3").toString(), "-q");
        assertEquals(ExitCode.OK, zero.exitCode(), zero.toString());
        assertEquals(0, countByClass(parse(none), "img", "overlay"));
        assertTrue(Files.isRegularFile(tmp.resolve("maps3/blurry.png")), "maps still written");
    }

    private static BufferedImage decodeDataUri(String src) throws IOException {
        return ImageIO.read(new java.io.ByteArrayInputStream(
                java.util.Base64.getDecoder().decode(src.substring(src.indexOf(',') + 1))));
    }

    /** Mean of red minus green over the image. */
    private static double redness(BufferedImage img) {
        double sum = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                sum += (p >>> 16 & 0xFF) - (p >>> 8 & 0xFF);
            }
        }
        return sum / (img.getWidth() * img.getHeight());
    }

    @Test
    void evalReportHasTheRocCurveAndConfusionMatrix() throws Exception {
        Path model = TestModels.laplacian(tmp.resolve("model.bin"));
        for (int i = 0; i < 3; i++) {
            TestImages.write(tmp.resolve("sharp/s" + i + ".png"), TestImages.encode(TestImages.noise(300, 300, i), "png"));
            TestImages.write(tmp.resolve("blurred/b" + i + ".png"), TestImages.encode(TestImages.smooth(300, 300), "png"));
        }
        Path report = tmp.resolve("eval.html");
        Cli r = Cli.run("eval", "--sharp", tmp.resolve("sharp").toString(), "--blurred",
                tmp.resolve("blurred").toString(), "--model", model.toString(), "--report", report.toString());
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        Document doc = parse(report);
        assertEquals(2, doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg").getLength());
        assertEquals(1, countByClass(doc, "polyline", "roc"));
        assertEquals(1, elementsByClass(doc, "table", "confusion").size());
        assertEquals(1, elementsByClass(doc, "table", "rates").size());
        assertNoExternalReferences(Files.readString(report));
    }

    @Test
    void chromiumRendersTheReport() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "Debian's chromium is not installed");
        Path report = scanReport();
        Path png = tmp.resolve("shot.png");
        Path profile = Files.createDirectories(tmp.resolve("chromium-profile"));
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--window-size=1000,1400",
                "--screenshot=" + png, report.toUri().toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("chromium.log").toFile())
                .start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium did not finish");
        assertTrue(Files.exists(png), "no screenshot; log:\n" + Files.readString(tmp.resolve("chromium.log")));
        BufferedImage shot = ImageIO.read(png.toFile());
        assertEquals(1000, shot.getWidth());
        // not blank: the page has text, red and blue bars and thumbnails, so many distinct colours
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < shot.getHeight(); y += 3) {
            for (int x = 0; x < shot.getWidth(); x += 3) {
                colours.add(shot.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 50, "screenshot looks blank: " + colours.size() + " colours");
    }

    static Document parse(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(file.toFile());
    }

    private static void assertNoExternalReferences(String html) {
        for (String bad : List.of("http://", "https://", "src=\"/", "href=")) {
            String stripped = html.replace("http://www.w3.org/1999/xhtml", "").replace("http://www.w3.org/2000/svg", "");
            assertTrue(!stripped.contains(bad), "external reference " + bad);
        }
    }

    private static int countByClass(Document doc, String tag, String cls) {
        return elementsByClass(doc, tag, cls).size();
    }

    private static List<Element> elementsByClass(Document doc, String tag, String cls) {
        NodeList nodes = doc.getElementsByTagNameNS("*", tag);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            if (List.of(e.getAttribute("class").split(" ")).contains(cls)) {
                out.add(e);
            }
        }
        return out;
    }
}
