package io.blurfilter.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blurfilter.engine.KernelFamily;
import io.blurfilter.engine.Model;
import io.blurfilter.engine.TinyModels;
import org.junit.jupiter.api.Test;

/**
 * The build runs the kernel tests twice: once on a plain JVM, once with {@code --add-modules
 * jdk.incubator.vector} (engine/pom.xml sets {@code blurfilter.test.vector} to say which). The
 * vector family must load exactly when the module is there, and AUTO and VECTOR fall back to the
 * plain-Java kernels, saying why (KernelFallbackNoticeTest).
 */
class KernelFamilyTest {
    @Test
    void vectorRunsOnlyWhenTheModuleIsPresent() {
        String expect = System.getProperty("blurfilter.test.vector", "unknown");
        boolean moduleThere = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        KernelFamily best;
        if (expect.equals("present")) {
            assertTrue(KernelFamily.VECTOR.isAvailable(), "vector kernels did not load with the module present: "
                    + KernelFamily.VECTOR.unavailableReason());
            assertTrue(KernelFamily.VECTOR.unavailableReason().isEmpty());
            assertTrue(KernelFamily.AUTO.unavailableReason().isEmpty());
            best = KernelFamily.VECTOR;
        } else if (expect.equals("absent") || !moduleThere) {
            assertFalse(KernelFamily.VECTOR.isAvailable());
            assertTrue(KernelFamily.VECTOR.unavailableReason().orElseThrow().contains("--add-modules jdk.incubator.vector"));
            best = KernelFamily.PLAIN;
        } else {
            return; // a JVM this build did not set up: nothing known to check against
        }
        Model model = Model.of(TinyModels.classifier(3), KernelFamily.REFERENCE);
        assertEquals(best, model.withKernels(KernelFamily.AUTO).kernels());
        assertEquals(best, model.withKernels(KernelFamily.VECTOR).kernels());
        assertEquals(KernelFamily.PLAIN, model.withKernels(KernelFamily.PLAIN).kernels());
        assertEquals(KernelFamily.REFERENCE, model.kernels());
        assertTrue(KernelFamily.PLAIN.unavailableReason().isEmpty());
        assertTrue(KernelFamily.REFERENCE.unavailableReason().isEmpty());
    }

    @Test
    void thePropertyNamesTheFamilyAndAnUnknownOneIsRefusedNamingTheAcceptedOnes() {
        String before = System.getProperty("blurfilter.kernels");
        try {
            System.setProperty("blurfilter.kernels", "fsat");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, KernelFamily::configured);
            assertTrue(e.getMessage().contains("-Dblurfilter.kernels=fsat"), e.getMessage());
            assertTrue(e.getMessage().contains("auto, vector, plain or reference"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> Model.of(TinyModels.classifier(3)));
            for (KernelFamily f : KernelFamily.values()) {
                System.setProperty("blurfilter.kernels", f.propertyValue());
                assertEquals(f, KernelFamily.configured());
            }
            System.setProperty("blurfilter.kernels", "fast");
            assertEquals(KernelFamily.PLAIN, KernelFamily.configured(), "fast: the plain family's name before its rename");
            System.setProperty("blurfilter.kernels", "reference");
            assertEquals(KernelFamily.REFERENCE, Model.of(TinyModels.classifier(3)).kernels());
            System.clearProperty("blurfilter.kernels");
            assertEquals(KernelFamily.AUTO, KernelFamily.configured());
        } finally {
            if (before == null) {
                System.clearProperty("blurfilter.kernels");
            } else {
                System.setProperty("blurfilter.kernels", before);
            }
        }
    }
}
