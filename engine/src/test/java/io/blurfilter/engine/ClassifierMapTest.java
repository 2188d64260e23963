package io.blurfilter.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blurfilter.engine.format.ModelFile;
import io.blurfilter.engine.graph.Attributes;
import io.blurfilter.engine.graph.Graph;
import io.blurfilter.engine.graph.MapOutput;
import io.blurfilter.engine.graph.Node;
import io.blurfilter.engine.graph.OpType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code classifierMap}: the classifier's per-cell map whether or not the file has a map head. On a
 * head file it is the same model's map without the head to the bit, its cells are the fully connected
 * layer applied to hand-computed features, and it runs the classification plan only.
 */
class ClassifierMapTest {
    private static final KernelFamily[] FAMILIES = {KernelFamily.REFERENCE, KernelFamily.PLAIN, KernelFamily.AUTO};

    @Test
    void aHeadFilesClassifierMapIsTheModelsWithoutTheHead() {
        ModelFile withHead = TinyModels.withMapHead(11);
        ModelFile without = TinyModels.classifier(11);
        Tensor x = TinyModels.random(new Random(3), 1, 3, 24, 40);
        Image img = TinyModels.randomImage(new Random(4), 90, 60);
        for (KernelFamily f : FAMILIES) {
            Model head = Model.of(withHead, f);
            Model plain = Model.of(without, f);
            assertTrue(head.hasMapHead());
            assertTrue(head.hasClassifierMap());
            ScoreMap got = head.classifierMap(x);
            assertFalse(got.fromHead(), f.name());
            assertSame(plain.scoreMap(x), got, f.name());
            assertSame(plain.classifierMap(x), got, f.name());
            assertSame(plain.scoreMap(img, 32), head.classifierMap(img, 32), f.name());
            try (Session s = head.newSession()) {
                assertSame(plain.scoreMap(img, 32), s.classifierMap(img, 32), f.name());
                assertSame(plain.scoreMap(x), s.classifierMap(x), f.name());
            }
            // the cells: the fully connected layer on hand-computed features, their mean the image's logit
            MapHeadRunTest.Conv a = MapHeadRunTest.referenceFeatures(withHead.graph(), x);
            float[] fcW = withHead.graph().weight("fc.w").data();
            float[] fcB = withHead.graph().weight("fc.b").data();
            assertEquals(a.h, got.rows());
            assertEquals(a.w, got.cols());
            double mean = 0;
            for (int r = 0; r < a.h; r++) {
                for (int c = 0; c < a.w; c++) {
                    for (int k = 0; k < 2; k++) {
                        double logit = fcB[k];
                        for (int ch = 0; ch < a.c; ch++) {
                            logit += fcW[k * a.c + ch] * a.v[(ch * a.h + r) * a.w + c];
                        }
                        assertEquals(logit, got.logit(k, r, c), 1e-4, f.name() + " cell " + r + "," + c);
                    }
                    mean += got.logit(1, r, c) - got.logit(0, r, c);
                }
            }
            float[] probs = head.run(x).data();
            assertEquals(Math.log(probs[1]) - Math.log(probs[0]), mean / (a.h * a.w), 1e-4, f.name());
            assertArrayEquals(probs, got.output().data(), 0f, f.name());
            // the head is still what scoreMap picks, and its map differs
            ScoreMap mapped = head.scoreMap(x);
            assertTrue(mapped.fromHead());
            assertFalse(java.util.Arrays.equals(mapped.scores(1), got.scores(1)));
        }
    }

    /** Same cells, scores, output, classification and geometry, to the bit. */
    private static void assertSame(ScoreMap want, ScoreMap got, String what) {
        assertFalse(want.fromHead(), what);
        assertEquals(want.rows(), got.rows(), what);
        assertEquals(want.cols(), got.cols(), what);
        for (int k = 0; k < want.classes(); k++) {
            assertArrayEquals(want.logits(k), got.logits(k), 0f, what);
            assertArrayEquals(want.scores(k), got.scores(k), 0f, what);
        }
        assertArrayEquals(want.output().data(), got.output().data(), 0f, what);
        assertEquals(want.classification().label(), got.classification().label(), what);
        assertEquals(want.imageWidth(), got.imageWidth(), what);
        assertEquals(want.imageHeight(), got.imageHeight(), what);
        assertEquals(want.centerX(0), got.centerX(0), 0, what);
        assertEquals(want.centerY(0), got.centerY(0), 0, what);
        assertEquals(want.cellWidth(), got.cellWidth(), 0, what);
        assertEquals(want.cellHeight(), got.cellHeight(), 0, what);
        assertEquals(want.coveredRight(), got.coveredRight(), 0, what);
        assertEquals(want.coveredBottom(), got.coveredBottom(), 0, what);
    }

    @Test
    void aClassifierWithoutAPoolingHeadHasNoClassifierMapEvenWithAMapHead() {
        ModelFile relu = ScoreMapTest.withHead(15, (pooled, nodes) -> {
            nodes.add(new Node(OpType.RELU, "nonlinear", List.of(pooled), "n", Attributes.NONE));
            nodes.add(new Node(OpType.FLATTEN, "flat", List.of("n"), "f", Attributes.NONE));
            nodes.add(new Node(OpType.GEMM, "fc", List.of("f", "fc.w", "fc.b"), "logits",
                    Attributes.builder().ints("transB", 1).build()));
            return "logits";
        });
        Graph g = relu.graph();
        Random r = new Random(7);
        Map<String, Tensor> w = new LinkedHashMap<>(g.weights());
        w.put("h1.w", TinyModels.random(r, 2, 4, 1, 1));
        w.put("h2.w", TinyModels.random(r, 2, 4, 3, 3));
        w.put("out.w", TinyModels.random(r, 1, 2, 1, 1));
        w.put("out.b", TinyModels.random(r, 1));
        List<Node> nodes = new ArrayList<>(g.nodes());
        nodes.addAll(TinyModels.mapHeadNodes());
        Model head = Model.of(new ModelFile(relu.metadata(), new Graph(g.inputName(), g.inputShape(), g.outputName(),
                new MapOutput("ml", 2), nodes, w)), KernelFamily.PLAIN);
        Model plain = Model.of(relu, KernelFamily.PLAIN);
        Tensor x = TinyModels.random(new Random(8), 1, 3, 24, 40);
        assertTrue(head.hasScoreMap());
        assertTrue(head.scoreMap(x).fromHead(), "scoreMap maps with the head");
        assertFalse(head.hasClassifierMap());
        assertFalse(plain.hasClassifierMap());
        for (Model m : new Model[] {head, plain}) {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> m.classifierMap(x));
            assertTrue(e.getMessage().startsWith("model 'head test' has no region map: its head is not global"
                    + " average pooling followed by a fully connected layer"), e.getMessage());
            assertTrue(e.getMessage().contains("Relu 'nonlinear'"), e.getMessage());
            assertThrows(UnsupportedOperationException.class,
                    () -> m.classifierMap(TinyModels.randomImage(new Random(1), 40, 24), 32));
        }
    }
}
