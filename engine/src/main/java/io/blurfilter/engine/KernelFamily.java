package io.blurfilter.engine;

import io.blurfilter.engine.runtime.LayerOps;
import java.util.Locale;
import java.util.Optional;

/**
 * Which kernels a {@link Model} runs its layers on: {@link Model#withKernels} and {@link Model#of}
 * take one. The families give the same results within 1e-5, not to the bit. The constants' lower-case
 * names are the values of {@code -Dblurfilter.kernels} ({@code fast}, the plain family's name before it
 * was renamed, is still accepted for it); {@link Model#kernels()} is the family a model runs on
 * ({@link #VECTOR}, {@link #PLAIN} or {@link #REFERENCE}: never {@link #AUTO}).
 */
public enum KernelFamily {
    /** The fastest family this JVM runs: {@link #VECTOR} where it is available, {@link #PLAIN} otherwise. */
    AUTO,
    /**
     * The Vector API kernels, when the JVM runs with {@code --add-modules jdk.incubator.vector}
     * ({@link #PLAIN} otherwise, as on Android). About 3x faster than {@link #PLAIN} once the JIT has
     * compiled them, which takes 1-2 s of inferences.
     */
    VECTOR,
    /**
     * The plain-Java kernels, on every JVM: up to speed within 0.2 s, so a JVM that runs only some
     * hundreds of inferences finishes first on these.
     */
    PLAIN,
    /** The straightforward reference kernels the others are tested against: slow. */
    REFERENCE;

    private static final String PROPERTY = "blurfilter.kernels";
    /** What {@link #PLAIN} was called until it was named for what it holds; scripts may still pass it. */
    private static final String PLAIN_ALIAS = "fast";

    /**
     * The family {@code -Dblurfilter.kernels} names, {@link #AUTO} when it is not set; read at each
     * call. {@link Model#load} and {@link Model#of(io.blurfilter.engine.format.ModelFile)} use it.
     *
     * @throws IllegalArgumentException when the property names no family: a typo must not quietly run
     *     other kernels than the ones asked for
     */
    public static KernelFamily configured() {
        String wanted = System.getProperty(PROPERTY, "auto");
        KernelFamily f = named(wanted);
        if (f == null) {
            throw new IllegalArgumentException("-D" + PROPERTY + "=" + wanted
                    + " is not a kernel family; use auto, vector, plain or reference");
        }
        return f;
    }

    /**
     * The family whose {@link #propertyValue()} is {@code value} ({@code fast} names {@link #PLAIN}, as
     * it did before the rename), or null when none is: for tools that take a family's name.
     */
    public static KernelFamily named(String value) {
        for (KernelFamily f : values()) {
            if (f.propertyValue().equals(value)) {
                return f;
            }
        }
        return PLAIN_ALIAS.equals(value) ? PLAIN : null;
    }

    /** Whether this JVM runs this family's own kernels ({@link #VECTOR} needs {@code jdk.incubator.vector}). */
    public boolean isAvailable() {
        return this != VECTOR || KernelSelector.vectorOrNull() != null;
    }

    /**
     * Why this JVM does not run this family's own kernels (for {@link #VECTOR}: the module is missing,
     * the CPU's vectors are too narrow, or loading failed), empty when it does. {@link #AUTO} answers
     * for the Vector API it would prefer.
     */
    public Optional<String> unavailableReason() {
        return this == VECTOR || this == AUTO ? Optional.ofNullable(KernelSelector.vectorUnavailableReason())
                : Optional.empty();
    }

    /** This family's value of {@code -Dblurfilter.kernels}: {@code auto}, {@code vector}, {@code plain} or {@code reference}. */
    public String propertyValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The family that runs here when this one is asked for: {@link #AUTO} and {@link #VECTOR} are
     * {@link #PLAIN} on a JVM without the Vector API kernels (saying so once, {@link VectorFallbackNotice}).
     */
    KernelFamily runningHere() {
        if (this == PLAIN || this == REFERENCE) {
            return this;
        }
        if (KernelSelector.vectorOrNull() != null) {
            return VECTOR;
        }
        VectorFallbackNotice.once(this == VECTOR);
        return PLAIN;
    }

    /** The layers of a family {@link #runningHere()} answered, for the planner. */
    LayerOps layerOps() {
        switch (this) {
            case REFERENCE:
                return KernelSelector.reference();
            case PLAIN:
                return KernelSelector.plain();
            case VECTOR:
                return KernelSelector.vectorOrNull();
            default:
                throw new IllegalStateException(this + " is no family that runs");
        }
    }
}
