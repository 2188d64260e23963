package io.blurfilter.spark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link BlurScorer} per model per JVM, made on first use: an executor's task threads share the
 * model's weights and session pool instead of each task loading its own (tens of MB, and the JIT
 * warm-up of the kernels would be paid again).
 */
final class ExecutorScorers {
    private static final Map<String, BlurScorer> SCORERS = new ConcurrentHashMap<>();

    private ExecutorScorers() {}

    static BlurScorer get(ModelSource source) {
        return SCORERS.computeIfAbsent(source.key(), key -> BlurScorer.of(source.load()));
    }
}
