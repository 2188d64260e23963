package io.blurfilter.spark;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;

/**
 * The UDF behind {@code blurScore(content)}, {@code blur_score(content)} and {@link BlurDetector}:
 * an encoded image's bytes to a {@link BlurStruct}. Ships to executors as a model source and a
 * threshold; the model itself is loaded there, once per JVM ({@link ExecutorScorers}).
 */
final class BlurScoreFunction implements UDF1<byte[], Row> {
    private static final long serialVersionUID = 1L;

    private final ModelSource model;
    private final float threshold;

    /** @param threshold blurred at or above it; NaN for the model's own */
    BlurScoreFunction(ModelSource model, float threshold) {
        this.model = model;
        this.threshold = threshold;
    }

    @Override
    public Row call(byte[] content) {
        return ExecutorScorers.get(model).score(content, threshold);
    }
}
