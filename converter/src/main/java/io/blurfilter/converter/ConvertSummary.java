package io.blurfilter.converter;

import io.blurfilter.engine.ModelMetadata;
import io.blurfilter.engine.graph.Graph;
import io.blurfilter.engine.graph.OpType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** What a conversion produced, for people: source, ops per type, parameters, input, labels. */
public final class ConvertSummary {
    private final String sourceFormat;
    private final List<String> sourceFiles;
    private final Map<String, Integer> sourceOps;
    private final Map<OpType, Integer> ops;
    private final long parameters;
    private final ModelMetadata metadata;
    private final int[] graphInput;

    ConvertSummary(String sourceFormat, List<String> sourceFiles, Map<String, Integer> sourceOps, Graph graph,
            ModelMetadata metadata) {
        this.sourceFormat = sourceFormat;
        this.sourceFiles = List.copyOf(sourceFiles);
        this.sourceOps = Map.copyOf(sourceOps);
        this.ops = graph.opCounts();
        this.parameters = graph.parameterCount();
        this.metadata = metadata;
        this.graphInput = graph.inputShape();
    }

    public String sourceFormat() {
        return sourceFormat;
    }

    /** Op counts by the source's own op names (Paddle types or ONNX op_types). */
    public Map<String, Integer> sourceOps() {
        return sourceOps;
    }

    /** Op counts of the engine graph as written. */
    public Map<OpType, Integer> ops() {
        return ops;
    }

    public long parameterCount() {
        return parameters;
    }

    /** Human-readable, several lines; {@code outputPath} may be null. */
    public String format(String outputPath) {
        StringBuilder sb = new StringBuilder();
        sb.append("source:      ").append(sourceFormat).append(' ').append(String.join(", ", sourceFiles)).append('\n');
        sb.append("model:       ").append(metadata.name()).append('\n');
        sb.append("input:       ").append(Arrays.toString(metadata.inputShape()));
        if (Arrays.stream(graphInput).anyMatch(d -> d < 0)) {
            sb.append(" (graph accepts ").append(Arrays.toString(graphInput).replace("-1", "?")).append(')');
        }
        sb.append('\n');
        sb.append("preprocess:  ").append(metadata.preprocessing()).append('\n');
        sb.append("labels:      ").append(metadata.labels()).append(" (").append(metadata.postprocessing()).append(")\n");
        sb.append("parameters:  ").append(parameters).append('\n');
        sb.append("ops:         ").append(ops.values().stream().mapToInt(Integer::intValue).sum()).append(" (");
        boolean first = true;
        for (Map.Entry<OpType, Integer> e : ops.entrySet()) {
            sb.append(first ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue());
            first = false;
        }
        sb.append(")\n");
        if (outputPath != null) {
            sb.append("written:     ").append(outputPath).append('\n');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return format(null);
    }
}
