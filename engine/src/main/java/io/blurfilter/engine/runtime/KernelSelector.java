package io.blurfilter.engine.runtime;

import io.blurfilter.engine.kernels.ReferenceKernels;
import io.blurfilter.engine.kernels.fast.FastKernels;

/**
 * Picks the kernel family at run time, Lucene-style: the Vector API family when this JVM has the
 * {@code jdk.incubator.vector} module (started with {@code --add-modules jdk.incubator.vector}), the
 * plain-Java NHWC family otherwise. The vector classes are only ever loaded reflectively from here, so
 * a JVM or Android runtime without the module never links them. {@code -Dblurfilter.kernels=} forces
 * {@code reference}, {@code fast} (plain Java) or {@code vector} (falls back to fast when unavailable);
 * {@code auto} is the default; any other value is refused, naming these.
 */
public final class KernelSelector {
    private static final String VECTOR_CLASS = "io.blurfilter.engine.kernels.vector.VectorKernels";
    private static final String PROPERTY = "blurfilter.kernels";
    private static final Kernels VECTOR = loadVector();

    private KernelSelector() {}

    /**
     * The family {@code -Dblurfilter.kernels} asks for, read at each call.
     *
     * @throws IllegalArgumentException when the property names no family: a typo must not quietly
     *     run other kernels than the ones asked for
     */
    public static Kernels best() {
        String wanted = System.getProperty(PROPERTY, "auto");
        switch (wanted) {
            case "reference":
                return ReferenceKernels.INSTANCE;
            case "fast":
                return FastKernels.INSTANCE;
            case "auto":
            case "vector":
                return VECTOR != null ? VECTOR : FastKernels.INSTANCE;
            default:
                throw new IllegalArgumentException("-D" + PROPERTY + "=" + wanted
                        + " is not a kernel family; use auto, vector, fast or reference");
        }
    }

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
