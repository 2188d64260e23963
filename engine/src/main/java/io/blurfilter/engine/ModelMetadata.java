package io.blurfilter.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a model file says about itself besides its graph: name, the concrete input shape it was made
 * for, preprocessing, labels, postprocessing and provenance (source format, source file hashes,
 * converter version, free keys). Immutable.
 */
public final class ModelMetadata {
    private final String name;
    private final int[] inputShape;
    private final Preprocessing preprocessing;
    private final List<String> labels;
    private final Postprocessing postprocessing;
    private final Map<String, String> provenance;

    public ModelMetadata(String name, int[] inputShape, Preprocessing preprocessing, List<String> labels,
            Postprocessing postprocessing, Map<String, String> provenance) {
        this.name = name;
        this.inputShape = inputShape.clone();
        this.preprocessing = preprocessing;
        this.labels = Collections.unmodifiableList(new ArrayList<>(labels));
        for (String label : this.labels) {
            if (label == null) {
                throw new NullPointerException("a label is null");
            }
        }
        this.postprocessing = postprocessing;
        this.provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
        if (postprocessing.kind() == Postprocessing.Kind.THRESHOLD && labels.size() != 2) {
            throw new IllegalArgumentException("a threshold model needs exactly 2 labels, has " + labels.size());
        }
    }

    public String name() {
        return name;
    }

    /** The concrete input shape (NCHW) the model is run at by default. */
    public int[] inputShape() {
        return inputShape.clone();
    }

    public Preprocessing preprocessing() {
        return preprocessing;
    }

    public List<String> labels() {
        return labels;
    }

    public Postprocessing postprocessing() {
        return postprocessing;
    }

    public Map<String, String> provenance() {
        return provenance;
    }

    public ModelMetadata withName(String newName) {
        return new ModelMetadata(newName, inputShape, preprocessing, labels, postprocessing, provenance);
    }

    @Override
    public String toString() {
        return name + " input " + Arrays.toString(inputShape) + ", " + preprocessing + ", labels " + labels + ", "
                + postprocessing;
    }
}
