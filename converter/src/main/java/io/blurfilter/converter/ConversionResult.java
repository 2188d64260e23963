package io.blurfilter.converter;

import io.blurfilter.engine.format.ModelFile;

/** A converted model and its summary. */
public final class ConversionResult {
    private final ModelFile model;
    private final ConvertSummary summary;

    ConversionResult(ModelFile model, ConvertSummary summary) {
        this.model = model;
        this.summary = summary;
    }

    /** The model, ready for {@link io.blurfilter.engine.format.ModelWriter#write}. */
    public ModelFile model() {
        return model;
    }

    public ConvertSummary summary() {
        return summary;
    }
}
