package io.blurfilter.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blurfilter.engine.format.ModelReader;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Small models written by an independent Python writer of the format, checked against PyTorch's
 * outputs (src/test/python/make_op_fixtures.py). Exercises the reader, the optimizer's BN folding and
 * activation fusion, and every reference kernel, on both the best and the reference kernels.
 */
class TorchOpFixturesTest {
    @ParameterizedTest
    @ValueSource(strings = {"conv_general", "grouped_bn", "depthwise", "pointwise_se", "pools", "head", "broadcast"})
    void matchesPyTorch(String name) throws Exception {
        Path dir = TestFiles.resource("torch-ops");
        float[] x = TestFiles.floats(dir.resolve(name + ".in.f32"));
        float[] expected = TestFiles.floats(dir.resolve(name + ".out.f32"));
        var file = ModelReader.read(dir.resolve(name + ".bfm"));
        for (Model model : new Model[] {Model.of(file), Model.of(file, KernelFamily.REFERENCE)}) {
            Tensor out = model.run(new Tensor(file.metadata().inputShape(), x));
            double err = TestFiles.maxScaledError(out.data(), expected);
            assertTrue(err <= 1e-5, name + " on " + model.kernels() + ": max error " + err);
            // a second run reuses the workspace and must give the same bits
            assertArrayEquals(out.data(), model.run(new Tensor(file.metadata().inputShape(), x)).data());
        }
    }
}
