package io.blurfilter.decoder;

/**
 * Picks the decoder's Vector API paths at run time, as the engine's {@code KernelSelector} picks its
 * kernels: {@link VectorInverseDct} (8x8 and 4x4 IDCT) and {@link VectorColorConverter} (YCbCr to
 * ARGB) and {@link VectorUpsampler} (2x2 fancy upsampling), each giving the same samples as the plain code, where the JVM was started with
 * {@code jdk.incubator.vector} and the CPU has 256-bit integer vectors; otherwise, and on Android, the
 * plain code. The vector classes are only loaded after the module was found, so the decoder still
 * runs on {@code java.base} alone. {@code -Dblurfilter.decoder.vector=false} keeps the plain code.
 */
final class VectorPaths {
    private static final boolean AVAILABLE = available();
    private static final InverseDct.Vector IDCT = load("io.blurfilter.decoder.VectorInverseDct", InverseDct.Vector.class);
    private static final ColorConverter.Ycc COLOR = load("io.blurfilter.decoder.VectorColorConverter", ColorConverter.Ycc.class);
    private static final Upsampler.Fancy UPSAMPLER = load("io.blurfilter.decoder.VectorUpsampler", Upsampler.Fancy.class);

    private VectorPaths() {}

    /** The Vector API IDCTs, or null where this JVM cannot run them (or they were switched off). */
    static InverseDct.Vector idctOrNull() {
        return IDCT;
    }

    /** The Vector API YCbCr conversion, or null as for {@link #idctOrNull}. */
    static ColorConverter.Ycc colorOrNull() {
        return COLOR;
    }

    /** The Vector API parts of the 2x2 fancy upsampling, or null as for {@link #idctOrNull}. */
    static Upsampler.Fancy upsamplerOrNull() {
        return UPSAMPLER;
    }

    /** Whether every vector path runs here. */
    static boolean allActive() {
        return IDCT != null && COLOR != null && UPSAMPLER != null;
    }

    private static boolean available() {
        if (!Boolean.parseBoolean(System.getProperty("blurfilter.decoder.vector", "true"))) {
            return false;
        }
        try {
            Class.forName("jdk.incubator.vector.IntVector", false, VectorPaths.class.getClassLoader());
            return true;
        } catch (LinkageError | ClassNotFoundException e) {
            return false;
        }
    }

    /** The class's {@code create()}, or null where the module is absent or {@code create} declines. */
    private static <T> T load(String name, Class<T> type) {
        if (!AVAILABLE) {
            return null;
        }
        try {
            return type.cast(Class.forName(name).getMethod("create").invoke(null));
        } catch (LinkageError | ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
