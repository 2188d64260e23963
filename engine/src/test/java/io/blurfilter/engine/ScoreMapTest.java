package io.blurfilter.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blurfilter.engine.format.ModelFile;
import io.blurfilter.engine.graph.Attributes;
import io.blurfilter.engine.graph.Graph;
import io.blurfilter.engine.graph.Node;
import io.blurfilter.engine.graph.OpType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Score maps on a small model: the same pass as classification, cells averaging to the pooled logit,
 * geometry in the image's coordinates, every kernel family and intra-op threads, and clear errors for
 * heads that are not pooling + fully connected. (PyTorch references for real PP-LCNet graphs are in
 * the converter's ScoreMapReferenceTest.)
 */
class ScoreMapTest {
    private static final List<KernelFamily> FAMILIES = families();

    private static List<KernelFamily> families() {
        List<KernelFamily> f = new ArrayList<>(List.of(KernelFamily.REFERENCE, KernelFamily.PLAIN));
        if (KernelFamily.VECTOR.isAvailable()) {
            f.add(KernelFamily.VECTOR);
        }
        return f;
    }

    /** The pooled blur logit minus the clear one, from the model's softmax output. */
    private static double logitDifference(float[] probs) {
        return Math.log(probs[1]) - Math.log(probs[0]);
    }

    @Test
    void mapComesFromTheClassifyingPass() {
        Image img = TinyModels.randomImage(new Random(3), 61, 47);
        for (KernelFamily family : FAMILIES) {
            Model model = Model.of(TinyModels.classifier(11), family);
            try (Session s = model.newSession()) {
                Classification c = s.classify(img);
                ScoreMap map = s.scoreMap(img);
                assertArrayEquals(c.probabilities(), map.classification().probabilities(), family.toString());
                assertEquals(c.label(), map.classification().label());
                // one stride-2 conv over the 32x32 crop: 16x16 cells
                assertEquals(16, map.rows());
                assertEquals(16, map.cols());
                double mean = 0;
                for (int r = 0; r < 16; r++) {
                    for (int col = 0; col < 16; col++) {
                        mean += map.logit(1, r, col) - map.logit(0, r, col);
                        assertEquals(1, map.score(0, r, col) + map.score(1, r, col), 1e-6);
                    }
                }
                assertEquals(logitDifference(c.probabilities()), mean / 256, 1e-4, family.toString());
                // and classify still gives the same afterwards (shared workspace)
                assertArrayEquals(c.probabilities(), s.classify(img).probabilities());
            }
        }
    }

    @Test
    void geometryIsInTheImagesPixels() {
        // 61x47 resized to short side 36 -> 47x36 (round half even of 46.7), crop 32x32 at (7, 2)
        Model model = Model.of(TinyModels.classifier(12));
        ScoreMap map = model.scoreMap(TinyModels.randomImage(new Random(4), 61, 47));
        double scale = 47 / 36.0;
        assertEquals(61, map.imageWidth());
        assertEquals(47, map.imageHeight());
        // conv 3x3, stride 2, pad 1: cell j is centred on input pixel 2j, i.e. at 2j + 0.5
        assertEquals((7 + 0.5) * 61 / 47.0, map.centerX(0), 1e-9);
        assertEquals((7 + 2 * 5 + 0.5) * 61 / 47.0, map.centerX(5), 1e-9);
        assertEquals((2 + 2 * 3 + 0.5) * scale, map.centerY(3), 1e-9);
        assertEquals(2 * 61 / 47.0, map.cellWidth(), 1e-9);
        assertEquals(2 * scale, map.cellHeight(), 1e-9);
        assertEquals(7 * 61 / 47.0, map.coveredLeft(), 1e-9);
        assertEquals(39 * 61 / 47.0, map.coveredRight(), 1e-9);
        assertEquals(2 * scale, map.coveredTop(), 1e-9);
        assertEquals(34 * scale, map.coveredBottom(), 1e-9);
        // scoreAt: a cell's value at its centre, bilinear between centres, the edge cell's beyond
        assertEquals(map.score(1, 3, 5), map.scoreAt(1, map.centerX(5), map.centerY(3)), 1e-6);
        double midX = (map.centerX(5) + map.centerX(6)) / 2;
        assertEquals((map.score(1, 3, 5) + map.score(1, 3, 6)) / 2, map.scoreAt(1, midX, map.centerY(3)), 1e-6);
        assertEquals(map.score(1, 0, 0), map.scoreAt(1, 0, 0), 1e-6);
        assertEquals(map.score(1, 15, 15), map.scoreAt(1, 61, 47), 1e-6);
        float[] raster = map.resample(1, 61, 47);
        assertEquals(map.scoreAt(1, 20.5, 10.5), raster[10 * 61 + 20], 1e-6);
        assertThrows(IndexOutOfBoundsException.class, () -> map.score(2, 0, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> map.score(0, 16, 0));
    }

    @Test
    void wholeFrameMapCoversTheImageAtTheChosenSize() {
        Image img = TinyModels.randomImage(new Random(5), 90, 60);
        for (KernelFamily family : FAMILIES) {
            Model model = Model.of(TinyModels.classifier(13), family);
            try (Session s = model.newSession()) {
                // short side 40 -> 60x40, both multiples of the stride 2: 30x20 cells
                ScoreMap map = s.scoreMap(img, 40);
                assertEquals(20, map.rows());
                assertEquals(30, map.cols());
                assertEquals(0, map.coveredLeft());
                assertEquals(90, map.coveredRight(), 1e-9);
                assertEquals(60, map.coveredBottom(), 1e-9);
                assertEquals(1.5 * 2, map.cellWidth(), 1e-9);
                assertEquals(0.5 * 1.5, map.centerX(0), 1e-9);
                // its classification is the model's on that whole 60x40 frame
                Preprocessing own = model.metadata().preprocessing();
                Model frame = Model.of(new ModelFile(new ModelMetadata("frame", new int[] {1, 3, 40, 60},
                        Preprocessing.resizeTo(60, 40).withNormalization(own.scale(), own.mean(), own.std()),
                        model.metadata().labels(), model.metadata().postprocessing(), Map.of()),
                        TinyModels.classifier(13).graph()), family);
                assertArrayEquals(frame.classify(img).probabilities(), map.classification().probabilities());
                // short side 41 rounds to the stride: 61.5 -> 62 x 41 -> 42
                ScoreMap odd = s.scoreMap(img, 41);
                assertEquals(21, odd.rows());
                assertEquals(31, odd.cols());
                // alternating with classification, each keeps its own plan
                Classification c = s.classify(img);
                assertArrayEquals(map.logits(1), s.scoreMap(img, 40).logits(1));
                assertArrayEquals(c.probabilities(), s.classify(img).probabilities());
            }
        }
        Model model = Model.of(TinyModels.classifier(13));
        assertThrows(IllegalArgumentException.class, () -> model.scoreMap(img, 8));
        assertThrows(IllegalArgumentException.class, () -> model.scoreMap(img, 5000));
    }

    @Test
    void intraOpThreadsGiveTheSameMap() {
        Image img = TinyModels.randomImage(new Random(6), 300, 200);
        Model model = Model.of(TinyModels.classifier(14));
        ScoreMap one = model.scoreMap(img, 128);
        try (IntraOp threads = IntraOp.threads(2); Session s = model.newSession(threads)) {
            ScoreMap two = s.scoreMap(img, 128);
            for (int k = 0; k < 2; k++) {
                assertArrayEquals(one.logits(k), two.logits(k));
                assertArrayEquals(one.scores(k), two.scores(k));
            }
        }
    }

    @Test
    void affineOpsBetweenPoolAndGemmAreFoldedIn() {
        ModelFile scaled = withHead(13, (pooled, nodes) -> {
            nodes.add(new Node(OpType.SCALE, "drop", List.of(pooled), "s",
                    Attributes.builder().floats("scale", 0.8f).floats("bias", 0.25f).build()));
            nodes.add(new Node(OpType.RESHAPE, "r", List.of("s"), "f", Attributes.builder().ints("shape", 1, -1).build()));
            nodes.add(new Node(OpType.GEMM, "fc", List.of("f", "fc.w", "fc.b"), "logits",
                    Attributes.builder().ints("transB", 1).floats("alpha", 1.5f).build()));
            return "logits";
        });
        Model model = Model.of(scaled);
        assertTrue(model.hasScoreMap());
        Tensor input = TinyModels.random(new Random(7), 1, 3, 24, 40);
        ScoreMap map = model.scoreMap(input);
        assertFalse(map.probabilities(), "no softmax: the scores are logits");
        float[] pooled = model.run(input).data();
        for (int k = 0; k < 2; k++) {
            double mean = 0;
            for (float v : map.logits(k)) {
                mean += v;
            }
            assertEquals(pooled[k], mean / (map.rows() * map.cols()), 1e-4);
            assertArrayEquals(map.logits(k), map.scores(k));
        }
    }

    @Test
    void otherHeadsAreAClearError() {
        ModelFile relu = withHead(15, (pooled, nodes) -> {
            nodes.add(new Node(OpType.RELU, "nonlinear", List.of(pooled), "n", Attributes.NONE));
            nodes.add(new Node(OpType.FLATTEN, "flat", List.of("n"), "f", Attributes.NONE));
            nodes.add(new Node(OpType.GEMM, "fc", List.of("f", "fc.w", "fc.b"), "logits",
                    Attributes.builder().ints("transB", 1).build()));
            return "logits";
        });
        assertHasNoMap(relu, "Relu 'nonlinear' comes between the feature map and Gemm 'fc'");
        ModelFile activated = withHead(16, (pooled, nodes) -> {
            nodes.add(new Node(OpType.FLATTEN, "flat", List.of(pooled), "f", Attributes.NONE));
            nodes.add(new Node(OpType.GEMM, "fc", List.of("f", "fc.w", "fc.b"), "logits",
                    Attributes.builder().ints("transB", 1).build()));
            nodes.add(new Node(OpType.SIGMOID, "sig", List.of("logits"), "probs", Attributes.NONE));
            return "probs";
        });
        assertHasNoMap(activated, "Gemm 'fc' has a fused sigmoid");
        ModelFile noPool = withHead(17, (pooled, nodes) -> {
            nodes.remove(nodes.size() - 1); // the pool
            nodes.add(new Node(OpType.AVERAGE_POOL, "avg", List.of("a"), "p2",
                    Attributes.builder().ints("kernel", 12, 20).ints("strides", 12, 20).build()));
            nodes.add(new Node(OpType.FLATTEN, "flat", List.of("p2"), "f", Attributes.NONE));
            nodes.add(new Node(OpType.GEMM, "fc", List.of("f", "fc.w", "fc.b"), "logits",
                    Attributes.builder().ints("transB", 1).build()));
            return "logits";
        });
        assertHasNoMap(noPool, "AveragePool 'avg'");
    }

    private static void assertHasNoMap(ModelFile file, String why) {
        Model model = Model.of(file);
        assertFalse(model.hasScoreMap());
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> model.scoreMap(Tensor.zeros(1, 3, 24, 40)));
        assertTrue(e.getMessage().startsWith("model 'head test' has no region map: its head is not global average"
                + " pooling followed by a fully connected layer"), e.getMessage());
        assertTrue(e.getMessage().contains(why), e.getMessage());
        assertEquals(2, model.run(Tensor.zeros(1, 3, 24, 40)).size(), "classification still works");
    }

    interface Head {
        /** Adds the nodes after the pool (whose output is {@code pooled}); returns the output's name. */
        String add(String pooled, List<Node> nodes);
    }

    /** The tiny classifier's conv + hardswish + global pool, then {@code head}. */
    static ModelFile withHead(long seed, Head head) {
        Random r = new Random(seed);
        Map<String, Tensor> w = new LinkedHashMap<>();
        w.put("conv.w", TinyModels.random(r, 4, 3, 3, 3));
        w.put("fc.w", TinyModels.random(r, 2, 4));
        w.put("fc.b", TinyModels.random(r, 2));
        List<Node> nodes = new ArrayList<>(List.of(
                new Node(OpType.CONV, "conv", List.of("x", "conv.w"), "c",
                        Attributes.builder().ints("strides", 2, 2).ints("pads", 1, 1, 1, 1).build()),
                new Node(OpType.HARD_SWISH, "act", List.of("c"), "a", Attributes.NONE),
                new Node(OpType.GLOBAL_AVERAGE_POOL, "pool", List.of("a"), "p", Attributes.NONE)));
        String out = head.add("p", nodes);
        Graph g = new Graph("x", new int[] {1, 3, -1, -1}, out, nodes, w);
        ModelMetadata meta = new ModelMetadata("head test", new int[] {1, 3, 24, 40},
                Preprocessing.resizeShortThenCrop(24, 24, 24), List.of("clear", "blur"), Postprocessing.top1(),
                Map.of());
        return new ModelFile(meta, g);
    }
}
