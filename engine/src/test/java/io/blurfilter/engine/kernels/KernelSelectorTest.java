package io.blurfilter.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blurfilter.engine.runtime.KernelSelector;
import org.junit.jupiter.api.Test;

/**
 * The build runs the kernel tests twice: once on a plain JVM, once with {@code --add-modules
 * jdk.incubator.vector} (engine/pom.xml sets {@code blurfilter.test.vector} to say which). The
 * selector must load the vector family exactly when the module is there, and fall back silently.
 */
class KernelSelectorTest {
    @Test
    void picksVectorOnlyWhenTheModuleIsPresent() {
        String expect = System.getProperty("blurfilter.test.vector", "unknown");
        boolean moduleThere = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        if (expect.equals("present")) {
            assertNotNull(KernelSelector.vectorOrNull(), "vector kernels did not load with the module present");
            assertEquals("vector", KernelSelector.best().name());
        } else if (expect.equals("absent") || !moduleThere) {
            assertNull(KernelSelector.vectorOrNull());
            assertEquals("fast", KernelSelector.best().name());
        }
    }

    @Test
    void anUnknownFamilyInThePropertyIsRefusedNamingTheAcceptedOnes() {
        String before = System.getProperty("blurfilter.kernels");
        try {
            System.setProperty("blurfilter.kernels", "fsat");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, KernelSelector::best);
            assertTrue(e.getMessage().contains("-Dblurfilter.kernels=fsat"), e.getMessage());
            assertTrue(e.getMessage().contains("auto, vector, fast or reference"), e.getMessage());
            System.setProperty("blurfilter.kernels", "fast");
            assertEquals("fast", KernelSelector.best().name());
            System.setProperty("blurfilter.kernels", "reference");
            assertEquals(KernelSelector.reference(), KernelSelector.best());
        } finally {
            if (before == null) {
                System.clearProperty("blurfilter.kernels");
            } else {
                System.setProperty("blurfilter.kernels", before);
            }
        }
    }
}
