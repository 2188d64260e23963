package io.blurfilter.converter.onnx;

import io.blurfilter.converter.ConversionException;
import io.blurfilter.engine.graph.Graph;
import java.util.Map;

/** Converts an ONNX model into an engine graph. */
public final class OnnxConverter {
    /** The graph plus the source's op counts. */
    public static final class Result {
        private final Graph graph;
        private final Map<String, Integer> opCounts;

        Result(Graph graph, Map<String, Integer> opCounts) {
            this.graph = graph;
            this.opCounts = opCounts;
        }

        public Graph graph() {
            return graph;
        }

        public Map<String, Integer> opCounts() {
            return opCounts;
        }
    }

    private OnnxConverter() {}

    public static Result convert(String fileName, byte[] bytes) throws ConversionException {
        throw new ConversionException(fileName + ": ONNX not yet supported");
    }
}
