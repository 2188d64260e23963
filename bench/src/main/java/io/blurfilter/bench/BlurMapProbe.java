package io.blurfilter.bench;

import io.blurfilter.engine.Model;
import io.blurfilter.engine.ScoreMap;
import io.blurfilter.engine.Tensor;
import io.blurfilter.engine.format.ModelFile;
import io.blurfilter.engine.format.ModelReader;
import io.blurfilter.engine.graph.Attributes;
import io.blurfilter.engine.graph.Graph;
import io.blurfilter.engine.graph.Node;
import io.blurfilter.engine.graph.OpType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Could a small head trained on the masks do better than the classifier's own? A linear
 * probe: the default model's backbone, its last feature map read per cell (the model's fully
 * connected layer swapped for an identity, so {@link Model#scoreMap} hands out the features), and a
 * logistic regression from a cell's features to the blurred fraction of the mask under it, fitted on
 * the even-numbered partial-blur photos and measured, as {@link BlurMapEval} measures maps, on the
 * odd-numbered ones. A feasibility check only: a shipped head would be trained in PyTorch, exported,
 * converted and checked against PyTorch like the classifier.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar io.blurfilter.bench.BlurMapProbe \
 *     model.bfm ../shared/data/partial-blur [size]
 * </pre>
 */
public final class BlurMapProbe {
    public static void main(String[] args) throws Exception {
        Path modelFile = Path.of(args[0]);
        Path data = Path.of(args[1]);
        int size = args.length > 2 ? Integer.parseInt(args[2]) : 448;
        try (Model features = Model.of(featureModel(ModelReader.read(modelFile)))) {
            List<BlurMapEval.Photo> train = BlurMapEval.load(data, 0);
            List<BlurMapEval.Photo> test = BlurMapEval.load(data, 1);
            List<ScoreMap> trainMaps = maps(features, train, size);
            int c = trainMaps.get(0).classes();
            // samples: every cell of every training photo, target the mask's blurred fraction under it
            List<float[]> x = new ArrayList<>();
            List<Float> y = new ArrayList<>();
            for (int i = 0; i < train.size(); i++) {
                ScoreMap m = trainMaps.get(i);
                float[] frac = cellFractions(m, train.get(i));
                for (int cell = 0; cell < frac.length; cell++) {
                    float[] f = new float[c];
                    for (int k = 0; k < c; k++) {
                        f[k] = m.logit(k, cell / m.cols(), cell % m.cols());
                    }
                    x.add(f);
                    y.add(frac[cell]);
                }
            }
            Logistic probe = Logistic.fit(x, y, c, 300, 1e-3);
            System.out.printf(Locale.ROOT, "probe fitted on %d cells of %d photos (%d features), train loss %.4f%n",
                    x.size(), train.size(), c, probe.loss);
            BlurMapEval.Metrics metrics = new BlurMapEval.Metrics();
            for (BlurMapEval.Photo p : test) {
                ScoreMap m = features.scoreMap(p.image(), size);
                float[] cells = new float[m.rows() * m.cols()];
                float[] f = new float[c];
                for (int cell = 0; cell < cells.length; cell++) {
                    for (int k = 0; k < c; k++) {
                        f[k] = m.logit(k, cell / m.cols(), cell % m.cols());
                    }
                    cells[cell] = probe.predict(f);
                }
                metrics.add(BlurMapEval.bilinear(m, cells, p.image().width(), p.image().height()), p.blurred());
            }
            System.out.println("| variant | pixel AUC | mean photo AUC | MAE | max F (beta^2 0.3) |");
            System.out.println("|---|---|---|---|---|");
            System.out.printf(Locale.ROOT, "| linear probe, %d | %.4f | %.4f | %.4f | %.4f |%n", size, metrics.auc(),
                    metrics.photoAuc(), metrics.mae(), metrics.maxF());
        }
    }

    private static List<ScoreMap> maps(Model m, List<BlurMapEval.Photo> photos, int size) {
        List<ScoreMap> out = new ArrayList<>();
        for (BlurMapEval.Photo p : photos) {
            out.add(m.scoreMap(p.image(), size));
        }
        return out;
    }

    /** Each cell's blurred fraction of the mask within half a stride of its centre. */
    static float[] cellFractions(ScoreMap grid, BlurMapEval.Photo ph) {
        return BlurMapEval.cellFractions(grid, ph);
    }

    /**
     * The model with its last Gemm replaced by an identity over the features and nothing after it: the
     * score map's "logits" are then the feature map itself, cell by cell.
     */
    static ModelFile featureModel(ModelFile m) {
        Graph g = m.graph();
        List<Node> nodes = new ArrayList<>(g.nodes());
        int gemm = -1;
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).op() == OpType.GEMM) {
                gemm = i;
            }
        }
        Node fc = nodes.get(gemm);
        int channels = g.weight(fc.input(1)).shape()[fc.attributes().intValue("transB", 0) != 0 ? 1 : 0];
        float[] identity = new float[channels * channels];
        for (int i = 0; i < channels; i++) {
            identity[i * channels + i] = 1;
        }
        Map<String, Tensor> weights = new LinkedHashMap<>(g.weights());
        weights.put("probe.identity", new Tensor(new int[] {channels, channels}, identity));
        List<Node> kept = new ArrayList<>(nodes.subList(0, gemm));
        kept.add(new Node(OpType.GEMM, "probe.features", List.of(fc.input(0), "probe.identity"), "probe.out",
                Attributes.builder().ints("transB", 1).build()));
        return new ModelFile(m.metadata(), new Graph(g.inputName(), g.inputShape(), "probe.out", kept, weights));
    }

    /** Logistic regression on standardized features: full-batch Adam, L2, soft targets. */
    static final class Logistic {
        final float[] mean;
        final float[] scale;
        final double[] w;
        double b;
        double loss;

        private Logistic(int c) {
            mean = new float[c];
            scale = new float[c];
            w = new double[c];
        }

        static Logistic fit(List<float[]> x, List<Float> y, int c, int iterations, double l2) {
            Logistic m = new Logistic(c);
            int n = x.size();
            for (float[] f : x) {
                for (int k = 0; k < c; k++) {
                    m.mean[k] += f[k] / n;
                }
            }
            double[] var = new double[c];
            for (float[] f : x) {
                for (int k = 0; k < c; k++) {
                    double d = f[k] - m.mean[k];
                    var[k] += d * d / n;
                }
            }
            for (int k = 0; k < c; k++) {
                m.scale[k] = (float) (1 / Math.sqrt(var[k] + 1e-6));
            }
            float[][] z = new float[n][c];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < c; k++) {
                    z[i][k] = (x.get(i)[k] - m.mean[k]) * m.scale[k];
                }
            }
            // Adam, full batch
            double[] mw = new double[c];
            double[] vw = new double[c];
            double mb = 0;
            double vb = 0;
            double lr = 0.01;
            for (int it = 1; it <= iterations; it++) {
                double[] gw = new double[c];
                double gb = 0;
                double loss = 0;
                for (int i = 0; i < n; i++) {
                    double s = m.b;
                    float[] zi = z[i];
                    for (int k = 0; k < c; k++) {
                        s += m.w[k] * zi[k];
                    }
                    double p = 1 / (1 + Math.exp(-s));
                    double t = y.get(i);
                    loss -= t * Math.log(p + 1e-12) + (1 - t) * Math.log(1 - p + 1e-12);
                    double g = p - t;
                    for (int k = 0; k < c; k++) {
                        gw[k] += g * zi[k];
                    }
                    gb += g;
                }
                double c1 = 1 - Math.pow(0.9, it);
                double c2 = 1 - Math.pow(0.999, it);
                for (int k = 0; k < c; k++) {
                    double g = gw[k] / n + l2 * m.w[k];
                    mw[k] = 0.9 * mw[k] + 0.1 * g;
                    vw[k] = 0.999 * vw[k] + 0.001 * g * g;
                    m.w[k] -= lr * (mw[k] / c1) / (Math.sqrt(vw[k] / c2) + 1e-8);
                }
                double g = gb / n;
                mb = 0.9 * mb + 0.1 * g;
                vb = 0.999 * vb + 0.001 * g * g;
                m.b -= lr * (mb / c1) / (Math.sqrt(vb / c2) + 1e-8);
                m.loss = loss / n;
                if (it % 50 == 0) {
                    System.out.printf(Locale.ROOT, "iteration %d: loss %.4f%n", it, m.loss);
                }
            }
            return m;
        }

        float predict(float[] f) {
            double s = b;
            for (int k = 0; k < f.length; k++) {
                s += w[k] * (f[k] - mean[k]) * scale[k];
            }
            return (float) (1 / (1 + Math.exp(-s)));
        }
    }
}
