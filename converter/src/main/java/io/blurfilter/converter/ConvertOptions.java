package io.blurfilter.converter;

import io.blurfilter.engine.Preprocessing;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a conversion may be told besides the model files: an {@code inference.yml} and flags for
 * the metadata (flags win over the yml). Unset fields are null. A mutable builder; not thread-safe.
 */
public final class ConvertOptions {
    Path config;
    boolean configGiven;
    String name;
    Integer resizeShort;
    int[] resize;
    int[] crop;
    float[] mean;
    float[] std;
    Float scale;
    List<String> labels;
    Float threshold;
    final Map<String, Float> operatingPoints = new LinkedHashMap<>();
    Boolean bgr;
    Preprocessing.Interpolation interpolation;
    int[] inputShape;
    boolean optimize = true;
    String mapOutput;
    int mapStride;

    /** A PaddleClas/PaddleX inference.yml to read preprocessing, labels and postprocessing from. */
    public ConvertOptions config(Path file) {
        this.config = file;
        this.configGiven = file != null;
        return this;
    }

    public ConvertOptions name(String value) {
        this.name = value;
        return this;
    }

    /** Resize the short side to this size (keeping aspect), as PaddleClas ResizeImage resize_short. */
    public ConvertOptions resizeShort(int size) {
        this.resizeShort = size;
        return this;
    }

    /** Resize straight to width x height. */
    public ConvertOptions resize(int width, int height) {
        this.resize = new int[] {width, height};
        return this;
    }

    /**
     * The resize filter; PaddleClas's bilinear when unset. {@code AREA} averages when shrinking (see
     * {@link Preprocessing.Interpolation}); needs model format version 2.
     */
    public ConvertOptions interpolation(Preprocessing.Interpolation filter) {
        this.interpolation = filter;
        return this;
    }

    public ConvertOptions crop(int width, int height) {
        this.crop = new int[] {width, height};
        return this;
    }

    public ConvertOptions mean(float... values) {
        this.mean = values.clone();
        return this;
    }

    public ConvertOptions std(float... values) {
        this.std = values.clone();
        return this;
    }

    public ConvertOptions scale(float value) {
        this.scale = value;
        return this;
    }

    public ConvertOptions labels(List<String> values) {
        this.labels = List.copyOf(values);
        return this;
    }

    /** Two-class ThreshOutput: label 1 when probability[1] is at least this. */
    public ConvertOptions threshold(float value) {
        this.threshold = value;
        return this;
    }

    /** A named threshold on the same score (a model's operating point), kept in the order given. */
    public ConvertOptions operatingPoint(String name, float value) {
        this.operatingPoints.put(name, value);
        return this;
    }

    /** Feed the network BGR instead of RGB. */
    public ConvertOptions bgr(boolean value) {
        this.bgr = value;
        return this;
    }

    /** The concrete NCHW input shape recorded in the model (needed when the source's H/W are dynamic). */
    public ConvertOptions inputShape(int... shape) {
        this.inputShape = shape.clone();
        return this;
    }

    /**
     * The source's second output is a blur-map head's, one cell every {@code stride} input pixels: written
     * as the model's {@code output map} (a trailing Sigmoid left to the engine). Without it a source
     * with two outputs is refused.
     */
    public ConvertOptions mapOutput(String sourceName, int stride) {
        this.mapOutput = sourceName;
        this.mapStride = stride;
        return this;
    }

    /** Whether to run the engine's graph optimizer (BN folding, activation fusion) before writing. */
    public ConvertOptions optimize(boolean value) {
        this.optimize = value;
        return this;
    }
}
