package io.blurfilter.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * On a JVM without {@code jdk.incubator.vector} (the build's default test run), asking for the Vector
 * API kernels says, once, why they are not running (through {@link System.Logger}: WARNING when asked
 * for by name, DEBUG for the automatic choice); asking for the plain-Java kernels says nothing.
 */
@EnabledIfSystemProperty(named = "blurfilter.test.vector", matches = "absent")
class KernelFallbackNoticeTest {
    @Test
    void theFallbackIsSaidOncePerWayOfAskingWithItsReason() {
        VectorFallbackNotice.forget();
        Model model = Model.of(TinyModels.classifier(3), KernelFamily.PLAIN);
        assertTrue(VectorFallbackNotice.once(true), "PLAIN asked for nothing: the notice is still unsaid");
        assertTrue(VectorFallbackNotice.once(false));

        VectorFallbackNotice.forget();
        assertEquals(KernelFamily.PLAIN, model.withKernels(KernelFamily.VECTOR).kernels());
        assertFalse(VectorFallbackNotice.once(true), "asking for VECTOR said it already");
        assertTrue(VectorFallbackNotice.once(false), "AUTO has not been asked yet");

        VectorFallbackNotice.forget();
        assertEquals(KernelFamily.PLAIN, model.withKernels(KernelFamily.AUTO).kernels());
        assertFalse(VectorFallbackNotice.once(false), "asking for AUTO said it already");

        String reason = KernelFamily.VECTOR.unavailableReason().orElseThrow();
        assertTrue(reason.contains("--add-modules jdk.incubator.vector"), reason);
        assertTrue(VectorFallbackNotice.message().contains(reason), VectorFallbackNotice.message());
    }
}
