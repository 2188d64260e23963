package io.blurfilter.bench;

import io.blurfilter.engine.Image;
import io.blurfilter.engine.Model;
import io.blurfilter.engine.ScoreMap;
import io.blurfilter.imageio.DecodeSettings;
import io.blurfilter.imageio.ImageDecoder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javax.imageio.ImageIO;

/**
 * Blur maps against hand-drawn masks: the partial-blur photos (CUHK defocus, 255 = blurred)
 * split by the number in their name, everything tuned on the even-numbered half and reported on the
 * odd-numbered one. Per variant: pooled per-pixel ROC AUC, MAE (mean over photos) and the maximum
 * F-measure (beta^2 = 0.3, precision and recall averaged over photos at each of 256 thresholds, as
 * the defocus-blur-detection literature reports it), every map quantized to 8 bits as
 * {@code blurfilter map --raw} writes it. Beside it a local variance-of-Laplacian map.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar io.blurfilter.bench.BlurMapEval \
 *     model.bfm ../shared/data/partial-blur [tune|report] [variant ...]
 * </pre>
 * {@code tune} sweeps the map's size, its upsampling and the baseline's window on the even half (or
 * measures the variants named there); {@code report} measures the variants named on the odd half,
 * e.g. {@code map:448:bilinear} {@code map:448:guided:32:0.01} {@code oracle:448:bilinear}
 * {@code laplacian:31}.
 */
public final class BlurMapEval {
    private static final int BLUR = 1;
    private static final double BETA2 = 0.3;

    /** One photo and its mask (true = blurred). */
    record Photo(String name, Image image, boolean[] blurred) {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: BlurMapEval MODEL.bfm PARTIAL_BLUR_DIR tune|report [variant ...]");
            System.exit(2);
        }
        try (Model model = Model.load(Path.of(args[0]))) {
            Path dir = Path.of(args[1]);
            boolean tune = args[2].equals("tune");
            List<Photo> photos = load(dir, tune ? 0 : 1);
            System.out.printf(Locale.ROOT, "%s half: %d photos, kernels %s%n", tune ? "even (tuning)" : "odd (report)",
                    photos.size(), model.kernels().propertyValue());
            List<String> variants = new ArrayList<>(Arrays.asList(args).subList(3, args.length));
            if (tune && variants.isEmpty()) {
                for (int s : new int[] {256, 320, 384, 448, 512, 640}) {
                    variants.add("map:" + s + ":bilinear");
                }
                variants.add("map:448:logit");
                variants.add("map:448:bilinear:norm");
                for (int r : new int[] {8, 16, 32, 64}) {
                    for (String eps : new String[] {"0.001", "0.01", "0.1"}) {
                        variants.add("map:448:guided:" + r + ":" + eps);
                    }
                }
                variants.add("oracle:448:bilinear");
                for (int w : new int[] {3, 7, 15, 31}) {
                    variants.add("laplacian:" + w);
                }
            }
            Map<Integer, List<ScoreMap>> maps = new HashMap<>();
            System.out.println("| variant | pixel AUC | mean photo AUC | MAE | max F (beta^2 0.3) | seconds |");
            System.out.println("|---|---|---|---|---|---|");
            for (String v : variants) {
                long t0 = System.nanoTime();
                Metrics m = new Metrics();
                String[] p = v.split(":");
                if (p[0].equals("laplacian")) {
                    int r = Integer.parseInt(p[1]);
                    for (Photo ph : photos) {
                        m.add(laplacianMap(ph.image, r), ph.blurred);
                    }
                } else {
                    int side = Integer.parseInt(p[1]);
                    List<ScoreMap> ms = maps.computeIfAbsent(side, s -> mapAll(model, photos, s));
                    for (int i = 0; i < photos.size(); i++) {
                        Photo ph = photos.get(i);
                        float[] up = p[0].equals("oracle") ? oracle(ms.get(i), ph) : upsample(ms.get(i), ph.image, p);
                        if (p[p.length - 1].equals("norm")) {
                            normalize(up);
                        }
                        m.add(up, ph.blurred);
                    }
                }
                System.out.printf(Locale.ROOT, "| %s | %.4f | %.4f | %.4f | %.4f | %.1f |%n", v, m.auc(), m.photoAuc(),
                        m.mae(), m.maxF(), (System.nanoTime() - t0) / 1e9);
            }
        }
    }

    private static List<ScoreMap> mapAll(Model model, List<Photo> photos, int side) {
        List<ScoreMap> out = new ArrayList<>();
        for (Photo p : photos) {
            out.add(model.scoreMap(p.image, side));
        }
        return out;
    }

    /** {@code p}: map, side, bilinear | logit | guided, radius, eps. */
    static float[] upsample(ScoreMap map, Image image, String[] p) {
        int w = image.width();
        int h = image.height();
        switch (p[2]) {
            case "bilinear":
                return map.resample(BLUR, w, h);
            case "logit": {
                // the logit difference interpolated, then the logistic: sharper transitions
                float[] out = new float[w * h];
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        out[y * w + x] = logitAt(map, x + 0.5, y + 0.5);
                    }
                }
                return out;
            }
            case "guided":
                return GuidedFilter.refine(map, BLUR, image, Integer.parseInt(p[3]), Float.parseFloat(p[4]));
            default:
                throw new IllegalArgumentException("unknown upsampling " + p[2]);
        }
    }

    private static float logitAt(ScoreMap map, double x, double y) {
        double u = Math.max(0, Math.min(map.cols() - 1, (x - map.centerX(0)) / map.cellWidth()));
        double v = Math.max(0, Math.min(map.rows() - 1, (y - map.centerY(0)) / map.cellHeight()));
        int c0 = (int) u;
        int r0 = (int) v;
        int c1 = Math.min(c0 + 1, map.cols() - 1);
        int r1 = Math.min(r0 + 1, map.rows() - 1);
        double fx = u - c0;
        double fy = v - r0;
        Function<int[], Double> d = rc -> (double) map.logit(1, rc[0], rc[1]) - map.logit(0, rc[0], rc[1]);
        double top = d.apply(new int[] {r0, c0}) * (1 - fx) + d.apply(new int[] {r0, c1}) * fx;
        double bottom = d.apply(new int[] {r1, c0}) * (1 - fx) + d.apply(new int[] {r1, c1}) * fx;
        return (float) (1 / (1 + Math.exp(-(top * (1 - fy) + bottom * fy))));
    }

    /**
     * Classic local sharpness: the variance of the 4-neighbour Laplacian of the luma in a
     * {@code (2r+1)^2} window, log-scaled and mapped to a blur score in [0, 1] per photo (its 5th
     * percentile of log variance = 1, 95th = 0).
     */
    /** Per photo: its own 5th-95th percentile onto [0, 1]. */
    static void normalize(float[] map) {
        float[] sorted = map.clone();
        Arrays.sort(sorted);
        float lo = sorted[(int) (0.05 * (sorted.length - 1))];
        float hi = sorted[(int) (0.95 * (sorted.length - 1))];
        for (int i = 0; i < map.length; i++) {
            map[i] = hi > lo ? Math.max(0, Math.min(1, (map[i] - lo) / (hi - lo))) : 0.5f;
        }
    }

    static float[] laplacianMap(Image image, int r) {
        int w = image.width();
        int h = image.height();
        float[] luma = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = image.rgb(x, y);
                luma[y * w + x] = 0.299f * (rgb >>> 16 & 0xFF) + 0.587f * (rgb >>> 8 & 0xFF) + 0.114f * (rgb & 0xFF);
            }
        }
        float[] lap = new float[w * h];
        float[] sq = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                float c = luma[i];
                float l = luma[y * w + Math.max(0, x - 1)] + luma[y * w + Math.min(w - 1, x + 1)]
                        + luma[Math.max(0, y - 1) * w + x] + luma[Math.min(h - 1, y + 1) * w + x] - 4 * c;
                lap[i] = l;
                sq[i] = l * l;
            }
        }
        float[] tmp = new float[w * h];
        float[] mean = boxMean(lap, w, h, r, tmp);
        float[] meanSq = boxMean(sq, w, h, r, tmp);
        float[] logVar = new float[w * h];
        for (int i = 0; i < logVar.length; i++) {
            logVar[i] = (float) Math.log(Math.max(0, meanSq[i] - mean[i] * mean[i]) + 1e-3);
        }
        float[] sorted = logVar.clone();
        Arrays.sort(sorted);
        float lo = sorted[(int) (0.05 * (sorted.length - 1))];
        float hi = sorted[(int) (0.95 * (sorted.length - 1))];
        float[] out = new float[w * h];
        for (int i = 0; i < out.length; i++) {
            float t = hi > lo ? (logVar[i] - lo) / (hi - lo) : 0.5f;
            out[i] = 1 - Math.max(0, Math.min(1, t));
        }
        return out;
    }

    private static float[] boxMean(float[] in, int w, int h, int r, float[] tmp) {
        float[] out = new float[w * h];
        double[] acc = new double[Math.max(w, h) + 1];
        for (int y = 0; y < h; y++) {
            acc[0] = 0;
            for (int x = 0; x < w; x++) {
                acc[x + 1] = acc[x] + in[y * w + x];
            }
            for (int x = 0; x < w; x++) {
                int a = Math.max(0, x - r);
                int b = Math.min(w - 1, x + r);
                tmp[y * w + x] = (float) ((acc[b + 1] - acc[a]) / (b - a + 1));
            }
        }
        for (int x = 0; x < w; x++) {
            acc[0] = 0;
            for (int y = 0; y < h; y++) {
                acc[y + 1] = acc[y] + tmp[y * w + x];
            }
            for (int y = 0; y < h; y++) {
                int a = Math.max(0, y - r);
                int b = Math.min(h - 1, y + r);
                out[y * w + x] = (float) ((acc[b + 1] - acc[a]) / (b - a + 1));
            }
        }
        return out;
    }

    /** Photos whose number is even ({@code parity} 0) or odd (1), with their masks. */
    static List<Photo> load(Path dir, int parity) throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("manifest.csv"));
        ImageDecoder decoder = new ImageDecoder(DecodeSettings.fullSize());
        List<Photo> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            String name = Path.of(f[0]).getFileName().toString();
            int number = Integer.parseInt(name.replaceAll("\\D", ""));
            if (number % 2 != parity) {
                continue;
            }
            var decoded = decoder.decode(dir.resolve(f[0]));
            BufferedImage mask = ImageIO.read(dir.resolve(f[1]).toFile());
            if (mask == null || mask.getWidth() != decoded.width() || mask.getHeight() != decoded.height()) {
                throw new IOException(f[1] + ": no mask of the photo's size " + decoded.width() + "x" + decoded.height());
            }
            boolean[] blurred = new boolean[decoded.width() * decoded.height()];
            for (int y = 0; y < mask.getHeight(); y++) {
                for (int x = 0; x < mask.getWidth(); x++) {
                    blurred[y * mask.getWidth() + x] = (mask.getRGB(x, y) & 0xFF) >= 128;
                }
            }
            out.add(new Photo(name, decoded.toImage(), blurred));
        }
        return out;
    }

    /**
     * The best a map of this grid can do: each cell's value the blurred fraction of the mask under it,
     * upsampled as the real maps are. Shows what the grid's coarseness costs, apart from the model's
     * mistakes.
     */
    static float[] oracle(ScoreMap grid, Photo ph) {
        return bilinear(grid, cellFractions(grid, ph), ph.image.width(), ph.image.height());
    }

    /** Each cell's blurred fraction of the mask within half a stride of its centre. */
    static float[] cellFractions(ScoreMap grid, Photo ph) {
        int w = ph.image.width();
        int h = ph.image.height();
        int rows = grid.rows();
        int cols = grid.cols();
        float[] frac = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int x0 = (int) Math.max(0, Math.floor(grid.centerX(c) - grid.cellWidth() / 2));
                int x1 = (int) Math.min(w, Math.ceil(grid.centerX(c) + grid.cellWidth() / 2));
                int y0 = (int) Math.max(0, Math.floor(grid.centerY(r) - grid.cellHeight() / 2));
                int y1 = (int) Math.min(h, Math.ceil(grid.centerY(r) + grid.cellHeight() / 2));
                int n = 0;
                int b = 0;
                for (int y = y0; y < y1; y++) {
                    for (int x = x0; x < x1; x++) {
                        n++;
                        b += ph.blurred[y * w + x] ? 1 : 0;
                    }
                }
                frac[r * cols + c] = n == 0 ? 0.5f : (float) b / n;
            }
        }
        return frac;
    }

    /** Values per cell of {@code grid}, bilinear between the cells' centres at each pixel of a w x h photo. */
    static float[] bilinear(ScoreMap grid, float[] cells, int w, int h) {
        int rows = grid.rows();
        int cols = grid.cols();
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            double v = Math.max(0, Math.min(rows - 1, (y + 0.5 - grid.centerY(0)) / grid.cellHeight()));
            int r0 = (int) v;
            int r1 = Math.min(r0 + 1, rows - 1);
            double fy = v - r0;
            for (int x = 0; x < w; x++) {
                double u = Math.max(0, Math.min(cols - 1, (x + 0.5 - grid.centerX(0)) / grid.cellWidth()));
                int c0 = (int) u;
                int c1 = Math.min(c0 + 1, cols - 1);
                double fx = u - c0;
                double top = cells[r0 * cols + c0] * (1 - fx) + cells[r0 * cols + c1] * fx;
                double bottom = cells[r1 * cols + c0] * (1 - fx) + cells[r1 * cols + c1] * fx;
                out[y * w + x] = (float) (top * (1 - fy) + bottom * fy);
            }
        }
        return out;
    }

    /** Pooled histograms for the AUC, per-photo histograms for MAE and the averaged F-measure. */
    static final class Metrics {
        final long[] pos = new long[256];
        final long[] neg = new long[256];
        final List<long[][]> perPhoto = new ArrayList<>();
        double maeSum;

        void add(float[] map, boolean[] blurred) {
            long[][] hist = new long[2][256];
            double err = 0;
            for (int i = 0; i < map.length; i++) {
                int q = Math.round(255 * Math.max(0, Math.min(1, map[i])));
                int label = blurred[i] ? 1 : 0;
                hist[label][q]++;
                err += Math.abs(q / 255.0 - label);
            }
            for (int q = 0; q < 256; q++) {
                pos[q] += hist[1][q];
                neg[q] += hist[0][q];
            }
            perPhoto.add(hist);
            maeSum += err / map.length;
        }

        /** Mean over photos of each photo's own pixel AUC (photos with one class only left out). */
        double photoAuc() {
            double sum = 0;
            int n = 0;
            for (long[][] h : perPhoto) {
                double p = Arrays.stream(h[1]).sum();
                double q = Arrays.stream(h[0]).sum();
                if (p == 0 || q == 0) {
                    continue;
                }
                double area = 0;
                double negBelow = 0;
                for (int t = 0; t < 256; t++) {
                    area += h[1][t] * (negBelow + h[0][t] / 2.0);
                    negBelow += h[0][t];
                }
                sum += area / (p * q);
                n++;
            }
            return sum / n;
        }

        double mae() {
            return maeSum / perPhoto.size();
        }

        /** Area under the ROC curve over every pixel of every photo (ties count half). */
        double auc() {
            double p = Arrays.stream(pos).sum();
            double n = Arrays.stream(neg).sum();
            double area = 0;
            double negBelow = 0;
            for (int q = 0; q < 256; q++) {
                area += pos[q] * (negBelow + neg[q] / 2.0);
                negBelow += neg[q];
            }
            return area / (p * n);
        }

        /** Max over thresholds t (blurred when q >= t) of F from precision and recall averaged over photos. */
        double maxF() {
            double best = 0;
            for (int t = 0; t < 256; t++) {
                double precision = 0;
                double recall = 0;
                for (long[][] h : perPhoto) {
                    long tp = 0;
                    long fp = 0;
                    long p = 0;
                    for (int q = 0; q < 256; q++) {
                        p += h[1][q];
                        if (q >= t) {
                            tp += h[1][q];
                            fp += h[0][q];
                        }
                    }
                    precision += tp + fp == 0 ? 0 : (double) tp / (tp + fp);
                    recall += p == 0 ? 0 : (double) tp / p;
                }
                precision /= perPhoto.size();
                recall /= perPhoto.size();
                if (precision + recall > 0) {
                    best = Math.max(best, (1 + BETA2) * precision * recall / (BETA2 * precision + recall));
                }
            }
            return best;
        }
    }
}
