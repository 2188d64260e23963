package io.blurfilter.engine.runtime;

import io.blurfilter.engine.kernels.ReferenceKernels;
import io.blurfilter.engine.kernels.fast.FastKernels;

/**
 * The kernel families' instances, found Lucene-style: the Vector API family only when this JVM has
 * the {@code jdk.incubator.vector} module (started with {@code --add-modules jdk.incubator.vector}).
 * The vector classes are only ever loaded reflectively from here, so a JVM or Android runtime without
 * the module never links them. The public choice is {@link io.blurfilter.engine.KernelFamily}.
 */
public final class KernelSelector {
    private static final String VECTOR_CLASS = "io.blurfilter.engine.kernels.vector.VectorKernels";
    private static final Kernels VECTOR = loadVector();

    private KernelSelector() {}

    public static Kernels reference() {
        return ReferenceKernels.INSTANCE;
    }

    /** The plain-Java NHWC family, available everywhere. */
    public static Kernels fast() {
        return FastKernels.INSTANCE;
    }

    /** The Vector API family, or null when this JVM cannot run it. */
    public static Kernels vectorOrNull() {
        return VECTOR;
    }

    /**
     * Loads the vector family if the module is there. Anything going wrong (module missing: a
     * LinkageError; a JIT or CPU it declines: a null from {@code create}) means no vector family.
     */
    private static Kernels loadVector() {
        try {
            Class.forName("jdk.incubator.vector.FloatVector", false, KernelSelector.class.getClassLoader());
            Class<?> c = Class.forName(VECTOR_CLASS);
            return (Kernels) c.getMethod("create").invoke(null);
        } catch (LinkageError | ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
