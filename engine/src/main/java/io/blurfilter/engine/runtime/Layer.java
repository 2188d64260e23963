package io.blurfilter.engine.runtime;

/**
 * One compiled step of a plan. Reads its input slots and writes its output slot of the workspace;
 * holds its (pre-packed) weights itself. Layers are immutable and shared by all sessions.
 */
public interface Layer {
    void forward(float[][] slots);
}
