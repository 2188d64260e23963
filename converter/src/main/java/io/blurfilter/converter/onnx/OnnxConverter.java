package io.blurfilter.converter.onnx;

import io.blurfilter.converter.ConversionException;
import io.blurfilter.converter.lower.GraphBuilder;
import io.blurfilter.converter.lower.Value;
import io.blurfilter.engine.graph.Graph;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Converts an ONNX model (reference §5) into an engine graph: weights as initializers or Constant
 * nodes, one float input (dynamic dims allowed), one classifier output and optionally a map head's.
 */
public final class OnnxConverter {
    /** Opsets whose semantics the lowering has been written against. */
    static final long MIN_OPSET = 7;
    static final long MAX_OPSET = 23;

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
        return convert(fileName, bytes, null, 0);
    }

    /**
     * As {@link #convert(String, byte[])}; {@code mapOutput} names the source output that is a map
     * head's (stride {@code mapStride}), the other output being the classifier's; null for none.
     */
    public static Result convert(String fileName, byte[] bytes, String mapOutput, int mapStride)
            throws ConversionException {
        OnnxModel m = OnnxModelReader.read(fileName, bytes);
        if (m.opset < MIN_OPSET || m.opset > MAX_OPSET) {
            throw new ConversionException(fileName + ": default-domain opset " + m.opset + " is not supported ("
                    + MIN_OPSET + ".." + MAX_OPSET + ")");
        }
        GraphBuilder b = new GraphBuilder();
        for (Map.Entry<String, Value> init : m.initializers.entrySet()) {
            b.define(init.getKey(), init.getValue());
        }
        List<OnnxModel.ValueInfo> inputs = new ArrayList<>();
        for (OnnxModel.ValueInfo in : m.inputs) {
            // Old exporters list initializers among the inputs as well.
            if (!m.initializers.containsKey(in.name)) {
                inputs.add(in);
            }
        }
        if (inputs.size() != 1) {
            throw new ConversionException(fileName + ": the graph has " + inputs.size()
                    + " inputs; the engine runs single-input graphs");
        }
        OnnxModel.ValueInfo input = inputs.get(0);
        String inWhere = fileName + ": input '" + input.name + "'";
        if (input.elemType != OnnxTensor.FLOAT) {
            throw new ConversionException(inWhere + ": element type " + input.elemType + " is not float32");
        }
        if (input.dims == null) {
            throw new ConversionException(inWhere + ": has no declared shape");
        }
        b.input(input.name, input.name, input.dims, inWhere);
        int expected = mapOutput == null ? 1 : 2;
        if (m.outputs.size() != expected) {
            throw new ConversionException(fileName + ": the graph has " + m.outputs.size() + " outputs; the engine"
                    + " runs one classifier output" + (mapOutput == null ? " (name a map head's output to convert"
                    + " a second one)" : " and the map head's '" + mapOutput + "'"));
        }
        String classifier = null;
        boolean mapFound = false;
        for (OnnxModel.ValueInfo o : m.outputs) {
            if (o.name.equals(mapOutput)) {
                mapFound = true;
            } else {
                classifier = o.name;
            }
        }
        if (mapOutput != null && !mapFound) {
            throw new ConversionException(fileName + ": the map output '" + mapOutput + "' is not a graph output");
        }
        OnnxLowering lowering = new OnnxLowering(b, m.opset);
        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < m.nodes.size(); i++) {
            OnnxModel.Node n = m.nodes.get(i);
            String where = fileName + ": node #" + i + " " + n.opType + (n.name.isEmpty() ? "" : " '" + n.name + "'");
            lowering.lower(n, where);
            counts.merge(n.opType, 1, Integer::sum);
        }
        b.output(b.get(classifier, fileName + ": graph output"), fileName + ": graph output '" + classifier + "'");
        if (mapOutput != null) {
            b.mapOutput(b.get(mapOutput, fileName + ": map output"), mapStride,
                    fileName + ": map output '" + mapOutput + "'");
        }
        return new Result(b.build(fileName), counts);
    }
}
