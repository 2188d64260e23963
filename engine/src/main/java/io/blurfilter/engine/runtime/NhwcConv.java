package io.blurfilter.engine.runtime;

/**
 * One convolution as a family runs it over NHWC values ({@link LayerOps#conv}): what it needs before
 * the {@link Planner} has slots for it, and how to build the layer once it has.
 */
public final class NhwcConv {
    /** Builds the layer over the slots the planner chose. */
    public interface Build {
        Layer layer(boolean nchwInput, int in, int out, int[] scratch);
    }

    private final boolean readsNchw;
    private final int[] scratchFloats;
    private final Build build;

    /**
     * {@code readsNchw}: whether the layer can read its input NCHW (a direct convolution can, so the stem
     * reads the graph input as it arrives). {@code scratchFloats}: per scratch slot the layer uses while
     * it runs, its size (an entry of 0 gets slot -1). Several slots, because plain Java's loops vectorize
     * only over arrays each indexed from 0.
     */
    public NhwcConv(boolean readsNchw, int[] scratchFloats, Build build) {
        this.readsNchw = readsNchw;
        this.scratchFloats = scratchFloats.clone();
        this.build = build;
    }

    public boolean readsNchw() {
        return readsNchw;
    }

    public int[] scratchFloats() {
        return scratchFloats.clone();
    }

    /** The layer, reading NCHW when {@code nchwInput} (only where {@link #readsNchw()}). */
    public Layer layer(boolean nchwInput, int in, int out, int[] scratch) {
        return build.layer(nchwInput, in, out, scratch);
    }
}
