package io.blurfilter.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blurfilter.engine.KernelFamily;
import io.blurfilter.engine.Model;
import io.blurfilter.engine.Tensor;
import io.blurfilter.engine.TestFiles;
import io.blurfilter.engine.format.ModelFile;
import io.blurfilter.engine.format.ModelReader;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The PyTorch-referenced op fixtures (see TorchOpFixturesTest) on each NHWC family this JVM has. */
class NhwcKernelsTorchFixturesTest {
    @ParameterizedTest
    @ValueSource(strings = {"conv_general", "grouped_bn", "depthwise", "pointwise_se", "pools", "head", "broadcast"})
    void matchesPyTorch(String name) throws Exception {
        Path dir = TestFiles.resource("torch-ops");
        float[] x = TestFiles.floats(dir.resolve(name + ".in.f32"));
        float[] expected = TestFiles.floats(dir.resolve(name + ".out.f32"));
        ModelFile file = ModelReader.read(dir.resolve(name + ".bfm"));
        for (KernelFamily family : KernelFamilies.nhwcModelFamilies()) {
            Model model = Model.of(file, family);
            Tensor out = model.run(new Tensor(file.metadata().inputShape(), x));
            double err = KernelFamilies.maxScaledError(out.data(), expected);
            assertTrue(err <= NhwcKernelsAgreementTest.TOLERANCE, name + " on " + model.kernels() + ": max error " + err);
        }
    }

}
