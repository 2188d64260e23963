package io.blurfilter.engine;

import io.blurfilter.engine.kernels.ReferenceKernels;
import io.blurfilter.engine.kernels.plain.PlainOps;
import io.blurfilter.engine.runtime.LayerOps;

/**
 * The kernel families' instances, found Lucene-style: the Vector API family only when this JVM has
 * the {@code jdk.incubator.vector} module (started with {@code --add-modules jdk.incubator.vector}).
 * The vector classes are only ever loaded reflectively from here, so a JVM or Android runtime without
 * the module never links them. The public choice is {@link KernelFamily}.
 */
final class KernelSelector {
    private static final String VECTOR_CLASS = "io.blurfilter.engine.kernels.vector.VectorOps";
    private static final String NO_MODULE = "this JVM was started without the jdk.incubator.vector module; "
            + "pass --add-modules jdk.incubator.vector to java";
    private static String vectorUnavailable; // set by loadVector, before VECTOR is published
    private static final LayerOps VECTOR = loadVector();

    private KernelSelector() {}

    static LayerOps reference() {
        return ReferenceKernels.INSTANCE;
    }

    /** The plain-Java NHWC family, available everywhere. */
    static LayerOps plain() {
        return PlainOps.INSTANCE;
    }

    /** The Vector API family, or null when this JVM cannot run it. */
    static LayerOps vectorOrNull() {
        return VECTOR;
    }

    /** Why {@link #vectorOrNull()} is null, for people; null when the family is there. */
    static String vectorUnavailableReason() {
        return vectorUnavailable;
    }

    /**
     * Loads the vector family if the module is there. Anything going wrong (module missing: a
     * LinkageError; a JIT or CPU it declines: a null from {@code create}) means no vector family.
     */
    private static LayerOps loadVector() {
        try {
            Class.forName("jdk.incubator.vector.FloatVector", false, KernelSelector.class.getClassLoader());
        } catch (LinkageError | ClassNotFoundException e) {
            vectorUnavailable = NO_MODULE;
            return null;
        }
        try {
            LayerOps k = (LayerOps) Class.forName(VECTOR_CLASS).getMethod("create").invoke(null);
            if (k == null) {
                vectorUnavailable = "this CPU's preferred vectors hold fewer than 4 floats, too few to pay";
            }
            return k;
        } catch (LinkageError | ReflectiveOperationException | RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            vectorUnavailable = "the Vector API kernels failed to load: " + cause;
            return null;
        }
    }
}
