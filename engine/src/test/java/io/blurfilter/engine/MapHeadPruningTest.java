package io.blurfilter.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.blurfilter.engine.format.ModelFile;
import io.blurfilter.engine.graph.Graph;
import io.blurfilter.engine.runtime.Plan;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Classification runs only the nodes the classifier output needs, so a map head costs it nothing. */
class MapHeadPruningTest {
    private static final int[] SHAPE = {1, 3, 24, 40};

    @Test
    void classificationPlanIsTheModelsWithoutItsHead() {
        ModelFile withHead = TinyModels.withMapHead(6);
        ModelFile without = TinyModels.classifier(6);
        Tensor x = TinyModels.random(new Random(9), SHAPE);
        for (KernelFamily f : new KernelFamily[] {KernelFamily.REFERENCE, KernelFamily.PLAIN, KernelFamily.AUTO}) {
            Model a = Model.of(withHead, f);
            Model b = Model.of(without, f);
            Plan pa = a.plan(SHAPE);
            Plan pb = b.plan(SHAPE);
            assertEquals(pb.layerKinds(), pa.layerKinds(), f.name());
            assertArrayEquals(slotSizes(pb), slotSizes(pa), f.name());
            assertArrayEquals(b.run(x).data(), a.run(x).data(), 0f, f.name());
        }
    }

    @Test
    void prunedGraphDropsTheHeadsNodesAndWeights() {
        Graph full = TinyModels.withMapHead(6).graph();
        Graph pruned = full.classifierOnly();
        Graph plain = TinyModels.classifier(6).graph();
        assertNotEquals(full.nodes().size(), pruned.nodes().size());
        assertEquals(plain.nodes().size(), pruned.nodes().size());
        for (int i = 0; i < plain.nodes().size(); i++) {
            assertEquals(plain.nodes().get(i).name(), pruned.nodes().get(i).name());
        }
        assertEquals(plain.weights().keySet(), pruned.weights().keySet());
        assertEquals(null, pruned.mapOutput());
    }

    @Test
    void aGraphWithoutAHeadIsItsOwnClassifier() {
        Graph plain = TinyModels.classifier(6).graph();
        assertEquals(plain, plain.classifierOnly());
    }

    private static int[] slotSizes(Plan p) {
        float[][] ws = p.newWorkspace();
        int[] sizes = new int[ws.length];
        for (int i = 0; i < ws.length; i++) {
            sizes[i] = ws[i].length;
        }
        return sizes;
    }
}
