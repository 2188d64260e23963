package io.blurfilter.converter.onnx;

import io.blurfilter.converter.lower.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The parts of an ONNX ModelProto the converter reads (reference §5.2 field numbers). */
final class OnnxModel {
    /** A NodeProto. */
    static final class Node {
        final List<String> inputs = new ArrayList<>();
        final List<String> outputs = new ArrayList<>();
        String name = "";
        String opType = "";
        String domain = "";
        final Map<String, Attribute> attributes = new LinkedHashMap<>();
    }

    /** An AttributeProto (graph-valued attributes are kept only as a marker). */
    static final class Attribute {
        String name;
        int type;
        float f;
        long i;
        byte[] s;
        Value t;
        float[] floats = new float[0];
        long[] ints = new long[0];
        boolean hasF;
        boolean hasI;
        boolean hasGraph;
        String refAttrName;
    }

    /** A graph input or output: name, element type, dims (-1 where dim_param or unknown). */
    static final class ValueInfo {
        String name;
        int elemType;
        int[] dims;
    }

    long irVersion;
    /** Opset version of the default domain ("" / "ai.onnx"). */
    long opset = -1;
    final Map<String, Long> otherOpsets = new LinkedHashMap<>();
    final List<Node> nodes = new ArrayList<>();
    final Map<String, Value> initializers = new LinkedHashMap<>();
    final List<ValueInfo> inputs = new ArrayList<>();
    final List<ValueInfo> outputs = new ArrayList<>();
    boolean hasGraph;
}
