package io.blurfilter.engine.kernels;

import io.blurfilter.engine.KernelFamily;
import io.blurfilter.engine.kernels.plain.PlainOps;
import io.blurfilter.engine.kernels.vector.VectorOps;
import io.blurfilter.engine.runtime.LayerOps;
import java.util.ArrayList;
import java.util.List;

/** The kernel families under test in this JVM, and the error measure they are held to. */
final class KernelFamilies {
    private KernelFamilies() {}

    static LayerOps reference() {
        return ReferenceKernels.INSTANCE;
    }

    /** The Vector API family, or null when this JVM cannot run it (its classes are not touched then). */
    static LayerOps vectorOrNull() {
        return KernelFamily.VECTOR.isAvailable() ? VectorOps.create() : null;
    }

    /** Plain-Java NHWC always; the Vector API family when the JVM was started with the module. */
    static List<LayerOps> nhwcFamilies() {
        List<LayerOps> out = new ArrayList<>();
        out.add(PlainOps.INSTANCE);
        if (vectorOrNull() != null) {
            out.add(vectorOrNull());
        }
        return out;
    }

    /** The same families as {@link #nhwcFamilies()}, as a {@code Model} is asked for them. */
    static List<KernelFamily> nhwcModelFamilies() {
        List<KernelFamily> out = new ArrayList<>();
        out.add(KernelFamily.PLAIN);
        if (KernelFamily.VECTOR.isAvailable()) {
            out.add(KernelFamily.VECTOR);
        }
        return out;
    }

    /** Largest |a - b| / (1 + |b|): absolute near zero, relative for large values. */
    static double maxScaledError(float[] actual, float[] expected) {
        if (actual.length != expected.length) {
            throw new AssertionError("length " + actual.length + " != " + expected.length);
        }
        double worst = 0;
        for (int i = 0; i < actual.length; i++) {
            double e = Math.abs(actual[i] - expected[i]) / (1 + Math.abs(expected[i]));
            if (!(e <= worst)) {
                worst = Double.isNaN(e) ? Double.POSITIVE_INFINITY : e;
            }
        }
        return worst;
    }
}
