package io.blurfilter.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

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
}
