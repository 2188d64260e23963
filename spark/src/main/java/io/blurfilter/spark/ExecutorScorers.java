package io.blurfilter.spark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link BlurScorer} per model per JVM, made on first use: an executor's task threads share the
 * model's weights and session pool instead of each task loading its own (tens of MB, and the JIT
 * warm-up of the kernels would be paid again). Each load is logged (INFO) with the JVM's process id,
 * so executor logs show where and how often a model was loaded.
 */
final class ExecutorScorers {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorScorers.class);
    private static final Map<String, BlurScorer> SCORERS = new ConcurrentHashMap<>();

    private ExecutorScorers() {}

    static BlurScorer get(ModelSource source) {
        return SCORERS.computeIfAbsent(source.key(), key -> {
            long start = System.nanoTime();
            io.blurfilter.engine.Model model = source.load();
            BlurScorer scorer = BlurScorer.of(model);
            LOG.info("blurfilter: loaded {} ({} kernels) in {} ms, once for this JVM (pid {})", source.name(),
                    model.kernels().propertyValue(), (System.nanoTime() - start) / 1_000_000, ProcessHandle.current().pid());
            return scorer;
        });
    }
}
