package io.blurfilter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.blurfilter.cli.scan.KernelChoice;
import io.blurfilter.engine.KernelFamily;
import io.blurfilter.engine.Model;
import io.blurfilter.engine.format.ModelReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelChoiceTest {
    @Test
    void smallScansRunPlainJavaLargeOnesKeepTheVectorKernels() {
        List<Long> limits = new ArrayList<>();
        assertTrue(KernelChoice.plainFinishesFirst(KernelFamily.VECTOR, 3, limit -> {
            limits.add(limit);
            return limit - 1;
        }));
        assertEquals(List.of(3L * KernelChoice.PLAIN_BELOW_PER_THREAD), limits, "counted up to the limit once");
        assertFalse(KernelChoice.plainFinishesFirst(KernelFamily.VECTOR, 3, limit -> limit));
    }

    @Test
    void anUnknownKernelFamilyStopsTheCommandNamingTheAcceptedOnes(@TempDir Path dir) throws Exception {
        Path model = TestModels.laplacian(dir.resolve("m.bfm"));
        String before = System.getProperty("blurfilter.kernels");
        System.setProperty("blurfilter.kernels", "fsat");
        try {
            Cli r = Cli.run("scan", dir.toString(), "--model", model.toString());
            assertEquals(ExitCode.FATAL, r.exitCode(), r.toString());
            assertTrue(r.err().contains("-Dblurfilter.kernels=fsat is not a kernel family; use auto, vector, plain "
                    + "or reference"), r.err());
            assertFalse(r.err().contains("internal error"), r.err());
        } finally {
            if (before == null) {
                System.clearProperty("blurfilter.kernels");
            } else {
                System.setProperty("blurfilter.kernels", before);
            }
        }
    }

    @Test
    void plainModelsAndForcedFamiliesAreKept(@TempDir Path dir) throws Exception {
        Model plain = Model.of(ModelReader.read(TestModels.laplacian(dir.resolve("m.bfm"))), KernelFamily.PLAIN);
        assertSame(plain, KernelChoice.forScan(plain, 2, limit -> fail("no count needed")));
        assertFalse(KernelChoice.plainFinishesFirst(KernelFamily.REFERENCE, 2, limit -> fail("no count needed")));
        String before = System.getProperty("blurfilter.kernels");
        System.setProperty("blurfilter.kernels", "vector");
        try {
            assertFalse(KernelChoice.plainFinishesFirst(KernelFamily.VECTOR, 2, limit -> fail("no count needed")));
        } finally {
            if (before == null) {
                System.clearProperty("blurfilter.kernels");
            } else {
                System.setProperty("blurfilter.kernels", before);
            }
        }
    }
}
