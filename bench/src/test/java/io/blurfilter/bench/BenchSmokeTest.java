package io.blurfilter.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blurfilter.engine.Model;
import io.blurfilter.engine.Tensor;
import org.junit.jupiter.api.Test;

/** Every engine the benchmarks compare runs and (where the weights are the same) agrees; no timings. */
class BenchSmokeTest {
    @Test
    void engineOnTheBenchmarkModelsAgree() throws Exception {
        float[] x = Fixtures.input224();
        for (BenchModel m : new BenchModel[] {BenchModel.X0_25_NOLAST, BenchModel.X1_0_LAST}) {
            float ref = Engines.blurfilter(m, "reference").run(new Tensor(BenchModel.INPUT_SHAPE, x)).data()[0];
            for (String engine : new String[] {"plain", "ejml"}) {
                try (Runner r = Runner.of(engine, m, x)) {
                    assertEquals(ref, r.run(), 1e-5, engine + " on " + m);
                }
            }
        }
    }

    @Test
    void blurfilterAndOnnxRuntimeRunTheSameWeights() throws Exception {
        float[] x = Fixtures.input224();
        for (BenchModel m : BenchModel.values()) {
            assertTrue(SameWeightsCheck.verify(m, "plain", x) <= SameWeightsCheck.TOLERANCE, m.toString());
        }
    }

    @Test
    void onnxRuntimeRunsTheFixtures() throws Exception {
        for (BenchModel m : BenchModel.values()) {
            try (Runner r = Runner.of("onnxruntime", m, Fixtures.input224())) {
                float p = r.run();
                assertTrue(p >= 0 && p <= 1, m + " probability " + p);
            }
        }
    }

    @Test
    void builtModelsHaveTheFixtureShapes() {
        for (BenchModel m : BenchModel.values()) {
            Model model = Model.of(m.blurfilter());
            assertEquals(2, model.run(new Tensor(BenchModel.INPUT_SHAPE, new float[3 * 224 * 224])).size());
        }
    }
}
