package io.blurfilter.bench;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * JPEGs for the end-to-end benchmarks, made at run time (no photos are committed): the photos of
 * {@code ../shared/data/real-dev} (else {@code ../shared/fixtures/images}) scaled bilinearly to a fixed
 * size and written at quality 0.9 into a temporary directory. Found through
 * {@code -Dblurfilter.shared=DIR}, else by walking up from the working directory.
 */
public final class JpegCorpus {
    private JpegCorpus() {}

    /** The source photos (JPEG files), sorted by name. */
    public static List<Path> sources() {
        for (String sub : new String[] {"data/real-dev", "fixtures/images"}) {
            Path dir = shared().resolve(sub);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    List<Path> jpegs = s.filter(p -> p.getFileName().toString().toLowerCase().endsWith(".jpg"))
                            .sorted().collect(Collectors.toList());
                    if (!jpegs.isEmpty()) {
                        return jpegs;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new IllegalStateException("no JPEGs under " + shared() + "/data/real-dev or /fixtures/images");
    }

    /** Writes up to {@code limit} sources scaled to width x height into {@code dir}, as JPEGs. */
    public static List<Path> scaled(Path dir, int width, int height, int limit) {
        return scaled(dir, width, height, limit, false);
    }

    /** As {@link #scaled(Path, int, int, int)}, as PNGs (lossless, ImageIO's default compression) when {@code png}. */
    public static List<Path> scaled(Path dir, int width, int height, int limit, boolean png) {
        List<Path> out = new ArrayList<>();
        try {
            for (Path src : sources().subList(0, Math.min(limit, sources().size()))) {
                BufferedImage in = ImageIO.read(src.toFile());
                BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = img.createGraphics();
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.drawImage(in, 0, 0, width, height, null);
                g.dispose();
                String name = width + "x" + height + "_" + src.getFileName();
                Path file = dir.resolve(png ? name.replaceAll("\\.[^.]*$", ".png") : name);
                if (png) {
                    ImageIO.write(img, "png", file.toFile());
                } else {
                    writeJpeg(img, file);
                }
                out.add(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * Writes up to {@code limit} width x height JPEGs tiled from the sources at their own size (each
     * file starting from another source), so, unlike {@link #scaled}, every pixel has a real photo's
     * fine detail and noise: what a 12-megapixel phone photo gives a decoder and a reduced decode.
     */
    public static List<Path> tiled(Path dir, int width, int height, int limit) {
        List<Path> out = new ArrayList<>();
        try {
            List<BufferedImage> tiles = new ArrayList<>();
            for (Path src : sources()) {
                tiles.add(ImageIO.read(src.toFile()));
            }
            for (int k = 0; k < limit; k++) {
                BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = img.createGraphics();
                int next = k;
                for (int y = 0; y < height; ) {
                    int rowHeight = Integer.MAX_VALUE;
                    for (int x = 0; x < width; ) {
                        BufferedImage tile = tiles.get(next++ % tiles.size());
                        g.drawImage(tile, x, y, null);
                        x += tile.getWidth();
                        rowHeight = Math.min(rowHeight, tile.getHeight());
                    }
                    y += rowHeight;
                }
                g.dispose();
                Path file = dir.resolve("tiled_" + width + "x" + height + "_" + k + ".jpg");
                writeJpeg(img, file);
                out.add(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static void writeJpeg(BufferedImage img, Path file) throws IOException {
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam p = w.getDefaultWriteParam();
        p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        p.setCompressionQuality(0.9f);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            w.setOutput(out);
            w.write(null, new IIOImage(img, null, null), p);
        } finally {
            w.dispose();
        }
    }

    static Path shared() {
        String explicit = System.getProperty("blurfilter.shared");
        if (explicit != null) {
            return Path.of(explicit);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            for (Path candidate : new Path[] {p.resolve("shared"), p.resolve("../shared").normalize()}) {
                if (Files.isDirectory(candidate.resolve("data")) || Files.isDirectory(candidate.resolve("fixtures"))) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("no ../shared above " + Path.of("").toAbsolutePath()
                + "; pass -Dblurfilter.shared=DIR");
    }
}
