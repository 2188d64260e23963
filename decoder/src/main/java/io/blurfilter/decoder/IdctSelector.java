package io.blurfilter.decoder;

/**
 * Picks the 8x8 inverse DCT at run time, as the engine's {@code KernelSelector} picks its kernels:
 * {@link VectorInverseDct} (the Vector API, same samples as {@link InverseDct}'s plain code) where
 * the JVM was started with {@code jdk.incubator.vector} and the CPU has 256-bit integer vectors;
 * otherwise, and on Android, the plain code. The vector class is only loaded after the module was
 * found, so the decoder still runs on {@code java.base} alone. {@code -Dblurfilter.decoder.vectorIdct=false}
 * keeps the plain code.
 */
final class IdctSelector {
    private static final String VECTOR_CLASS = "io.blurfilter.decoder.VectorInverseDct";
    private static final InverseDct.Full8 VECTOR = loadVector();

    private IdctSelector() {}

    /** The Vector API 8x8 IDCT, or null where this JVM cannot run it (or it was switched off). */
    static InverseDct.Full8 vectorOrNull() {
        return VECTOR;
    }

    private static InverseDct.Full8 loadVector() {
        if (!Boolean.parseBoolean(System.getProperty("blurfilter.decoder.vectorIdct", "true"))) {
            return null;
        }
        try {
            Class.forName("jdk.incubator.vector.IntVector", false, IdctSelector.class.getClassLoader());
        } catch (LinkageError | ClassNotFoundException e) {
            return null;
        }
        try {
            return (InverseDct.Full8) Class.forName(VECTOR_CLASS).getMethod("create").invoke(null);
        } catch (LinkageError | ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
