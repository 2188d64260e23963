package io.blurfilter.engine.format;

import io.blurfilter.engine.ModelFormatException;
import io.blurfilter.engine.ModelMetadata;
import io.blurfilter.engine.Postprocessing;
import io.blurfilter.engine.Preprocessing;
import io.blurfilter.engine.Shapes;
import io.blurfilter.engine.Tensor;
import io.blurfilter.engine.graph.Attributes;
import io.blurfilter.engine.graph.Graph;
import io.blurfilter.engine.graph.GraphValidator;
import io.blurfilter.engine.graph.MapOutput;
import io.blurfilter.engine.graph.Node;
import io.blurfilter.engine.graph.OpSchema;
import io.blurfilter.engine.graph.OpType;
import io.blurfilter.engine.graph.ShapeInference;
import io.blurfilter.engine.graph.ValueNames;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and validates a model file (format versions 1 and 2, docs/MODEL-FORMAT.md). Every size is checked
 * against the bytes actually present before anything is allocated for it; every problem becomes a
 * {@link ModelFormatException} whose message starts with the source name.
 */
public final class ModelReader {
    private static final long MAX_FILE_BYTES = ModelFile.MAX_WEIGHT_BYTES + ModelFile.MAX_HEADER_BYTES + 1024;
    private static final int MAX_LINES = 1_000_000;

    private ModelReader() {}

    public static ModelFile read(Path file) throws IOException {
        String source = String.valueOf(file.getFileName());
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new IOException(file + ": cannot read model file: " + e.getMessage(), e);
        }
        if (size > MAX_FILE_BYTES) {
            throw new ModelFormatException(source + ": file of " + size + " bytes is larger than any valid model");
        }
        return read(Files.readAllBytes(file), source);
    }

    /** Reads the whole stream (bounded by the largest valid model size) and parses it. */
    public static ModelFile read(InputStream in, String source) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[1 << 16];
        long total = 0;
        for (int n; (n = in.read(chunk)) > 0; ) {
            total += n;
            if (total > MAX_FILE_BYTES) {
                throw new ModelFormatException(source + ": stream is larger than any valid model");
            }
            buf.write(chunk, 0, n);
        }
        return read(buf.toByteArray(), source);
    }

    public static ModelFile read(byte[] bytes, String source) throws ModelFormatException {
        try {
            return parse(bytes, source);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new ModelFormatException(source + ": " + e.getMessage(), e);
        }
    }

    private static ModelFile parse(byte[] bytes, String source) throws ModelFormatException {
        if (bytes.length < ModelFile.PREFIX_BYTES + 4) {
            throw fail(source, "too short to be a model file (" + bytes.length + " bytes)");
        }
        if (!Arrays.equals(Arrays.copyOf(bytes, 8), ModelFile.MAGIC)) {
            throw fail(source, "not a blurfilter model (bad magic bytes)");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int version = buf.getInt(8);
        if (version < ModelFile.OLDEST_READABLE_VERSION || version > ModelFile.VERSION) {
            throw fail(source, "format version " + Integer.toUnsignedString(version)
                    + " is not supported (this engine reads versions " + ModelFile.OLDEST_READABLE_VERSION + " to "
                    + ModelFile.VERSION + ")");
        }
        int flags = buf.getInt(12);
        if (flags != 0) {
            throw fail(source, "unknown flags 0x" + Integer.toHexString(flags));
        }
        long headerBytes = Integer.toUnsignedLong(buf.getInt(16));
        long weightBytes = buf.getLong(20);
        if (headerBytes > ModelFile.MAX_HEADER_BYTES || weightBytes < 0 || weightBytes > ModelFile.MAX_WEIGHT_BYTES) {
            throw fail(source, "declared section sizes out of range (header " + headerBytes + ", weights "
                    + weightBytes + ")");
        }
        long weightsStart = ModelFile.align(ModelFile.PREFIX_BYTES + headerBytes);
        long expected = weightsStart + weightBytes + 4;
        if (expected != bytes.length) {
            throw fail(source, "file is " + bytes.length + " bytes but its header declares " + expected
                    + (bytes.length < expected ? " (truncated)" : " (trailing data)"));
        }
        int computed = Crc32c.of(bytes, 0, bytes.length - 4);
        int stored = buf.getInt(bytes.length - 4);
        if (computed != stored) {
            throw fail(source, "checksum mismatch (file is corrupt): stored 0x" + Integer.toHexString(stored)
                    + ", computed 0x" + Integer.toHexString(computed));
        }
        for (long i = ModelFile.PREFIX_BYTES + headerBytes; i < weightsStart; i++) {
            if (bytes[(int) i] != 0) {
                throw fail(source, "non-zero padding after the header");
            }
        }
        String header;
        try {
            header = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, ModelFile.PREFIX_BYTES, (int) headerBytes)).toString();
        } catch (CharacterCodingException e) {
            throw fail(source, "header is not valid UTF-8");
        }
        return new HeaderParser(version, header, buf, (int) weightsStart, weightBytes).parse();
    }

    private static ModelFormatException fail(String source, String message) {
        return new ModelFormatException(source + ": " + message);
    }

    /** Parses the statements of the header and assembles the model. */
    private static final class HeaderParser {
        private final int version;
        private final String text;
        private final ByteBuffer file;
        private final int weightsStart;
        private final long weightBytes;

        private String name;
        private String inputName;
        private int[] inputShape;
        private int[] dynamicAxes = new int[0];
        private String outputName;
        private MapOutput mapOutput;
        private final Map<String, List<String>> preprocess = new LinkedHashMap<>();
        private List<String> labels;
        private Postprocessing postprocessing;
        private final Map<String, Float> operatingPoints = new LinkedHashMap<>();
        private final Map<String, String> provenance = new LinkedHashMap<>();
        private Long declaredWeightBytes;
        private final Map<String, Tensor> weights = new LinkedHashMap<>();
        private final List<long[]> extents = new ArrayList<>();
        private final List<Node> nodes = new ArrayList<>();
        private int lineNo;

        HeaderParser(int version, String text, ByteBuffer file, int weightsStart, long weightBytes) {
            this.version = version;
            this.text = text;
            this.file = file;
            this.weightsStart = weightsStart;
            this.weightBytes = weightBytes;
        }

        ModelFile parse() {
            String[] lines = text.split("\n", -1);
            if (lines.length > MAX_LINES) {
                throw new IllegalArgumentException("header has too many lines");
            }
            boolean ended = false;
            boolean versioned = false;
            for (int i = 0; i < lines.length; i++) {
                lineNo = i + 1;
                List<String> t = HeaderText.tokens(lines[i], lineNo);
                if (t.isEmpty()) {
                    continue;
                }
                if (ended) {
                    throw error("statement after 'end'");
                }
                if (!versioned) {
                    if (!t.equals(Arrays.asList("blurfilter-model", String.valueOf(version)))) {
                        throw error("header must start with 'blurfilter-model " + version
                                + "' (the version in the binary prefix)");
                    }
                    versioned = true;
                    continue;
                }
                ended = statement(t);
            }
            if (!ended) {
                throw new IllegalArgumentException("header has no 'end' line (truncated header)");
            }
            return assemble();
        }

        /** Handles one statement; true for 'end'. */
        private boolean statement(List<String> t) {
            String keyword = t.get(0);
            switch (keyword) {
                case "name":
                    arity(t, 2, 2);
                    name = once(name, t.get(1), keyword);
                    return false;
                case "input":
                    arity(t, 3, 7);
                    inputName = once(inputName, t.get(1), keyword);
                    inputShape = ints(t.subList(2, t.size()), 1, GraphValidator.MAX_DIM);
                    return false;
                case "dynamic":
                    arity(t, 2, 5);
                    dynamicAxes = ints(t.subList(1, t.size()), 0, 3);
                    return false;
                case "output":
                    if (t.size() == 5 && t.get(1).equals("map") && t.get(3).equals("stride")) {
                        if (mapOutput != null) {
                            throw error("duplicate 'output map'");
                        }
                        mapOutput = new MapOutput(t.get(2), ints(t.subList(4, 5), 1, MapOutput.MAX_STRIDE)[0]);
                        return false;
                    }
                    arity(t, 2, 2);
                    outputName = once(outputName, t.get(1), keyword);
                    return false;
                case "preprocess":
                    arity(t, 2, 5);
                    if (preprocess.put(t.get(1), t.subList(2, t.size())) != null) {
                        throw error("duplicate 'preprocess " + t.get(1) + "'");
                    }
                    return false;
                case "labels":
                    if (labels != null) {
                        throw error("duplicate 'labels'");
                    }
                    labels = new ArrayList<>(t.subList(1, t.size()));
                    return false;
                case "postprocess":
                    postprocessing(t);
                    return false;
                case "operating_point":
                    arity(t, 3, 3);
                    if (operatingPoints.put(t.get(1), parseFloat(t.get(2))) != null) {
                        throw error("duplicate operating point '" + t.get(1) + "'");
                    }
                    return false;
                case "provenance":
                    arity(t, 3, 3);
                    if (provenance.put(t.get(1), t.get(2)) != null) {
                        throw error("duplicate provenance key '" + t.get(1) + "'");
                    }
                    return false;
                case "weights_bytes":
                    arity(t, 2, 2);
                    if (declaredWeightBytes != null) {
                        throw error("duplicate 'weights_bytes'");
                    }
                    declaredWeightBytes = parseLong(t.get(1));
                    if (declaredWeightBytes != weightBytes) {
                        throw error("weights_bytes " + declaredWeightBytes + " disagrees with the binary prefix ("
                                + weightBytes + ")");
                    }
                    return false;
                case "tensor":
                    tensor(t);
                    return false;
                case "node":
                    node(t);
                    return false;
                case "end":
                    arity(t, 1, 1);
                    return true;
                default:
                    throw error("unknown statement '" + keyword + "'");
            }
        }

        private void postprocessing(List<String> t) {
            if (postprocessing != null) {
                throw error("duplicate 'postprocess'");
            }
            arity(t, 2, 4);
            if (t.get(1).equals("top1")) {
                arity(t, 2, 2);
                postprocessing = Postprocessing.top1();
            } else if (t.get(1).equals("threshold")) {
                arity(t, 4, 4);
                postprocessing = Postprocessing.threshold(parseFloat(t.get(2)), parseInt(t.get(3)));
            } else {
                throw error("unknown postprocess '" + t.get(1) + "'");
            }
        }

        private void tensor(List<String> t) {
            arity(t, 4, 10);
            String tname = t.get(1);
            if (!ValueNames.isValid(tname)) {
                throw error("invalid tensor name '" + tname + "'");
            }
            if (!t.get(2).equals("f32")) {
                throw error("tensor '" + tname + "' has unsupported dtype '" + t.get(2) + "' (this version stores f32)");
            }
            long offset = parseLong(t.get(3));
            int[] shape = ints(t.subList(4, t.size()), 1, GraphValidator.MAX_DIM);
            long count = Shapes.elementCount(shape);
            long length = 4 * count;
            if (count > GraphValidator.MAX_ELEMENTS || offset < 0 || offset % 4 != 0 || offset + length > weightBytes) {
                throw error("tensor '" + tname + "' " + Arrays.toString(shape) + " at offset " + offset
                        + " does not lie inside the " + weightBytes + "-byte weights section");
            }
            for (long[] e : extents) {
                if (offset < e[1] && e[0] < offset + length) {
                    throw error("tensor '" + tname + "' overlaps another tensor");
                }
            }
            extents.add(new long[] {offset, offset + length});
            float[] data = new float[(int) count];
            ByteBuffer slice = file.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            ((Buffer) slice).position((int) (weightsStart + offset)); // Android has only Buffer.position
            slice.asFloatBuffer().get(data);
            if (weights.put(tname, new Tensor(shape, data)) != null) {
                throw error("duplicate tensor '" + tname + "'");
            }
        }

        private void node(List<String> t) {
            arity(t, 5, 64);
            OpType op = OpType.fromFileName(t.get(1));
            if (op == null) {
                throw error("unknown op '" + t.get(1) + "'");
            }
            String nodeName = t.get(2);
            List<String> inputs = null;
            String output = null;
            Attributes.Builder attrs = Attributes.builder();
            Set<String> seen = new HashSet<>();
            for (String kv : t.subList(3, t.size())) {
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    throw error("node '" + nodeName + "': expected key=value, got '" + kv + "'");
                }
                String key = kv.substring(0, eq);
                String value = kv.substring(eq + 1);
                if (key.equals("in")) {
                    inputs = Arrays.asList(value.split(",", -1));
                } else if (key.equals("out")) {
                    output = value;
                } else {
                    OpSchema.Spec spec = OpSchema.spec(op, key);
                    if (spec == null) {
                        throw error("node '" + nodeName + "' (" + op + ") has unsupported attribute '" + key + "'");
                    }
                    if (!seen.add(key)) {
                        throw error("node '" + nodeName + "' repeats attribute '" + key + "'");
                    }
                    String[] parts = value.isEmpty() ? new String[0] : value.split(",", -1);
                    switch (spec.kind) {
                        case INTS: {
                            int[] v = new int[parts.length];
                            for (int i = 0; i < v.length; i++) {
                                try {
                                    v[i] = Integer.parseInt(parts[i]);
                                } catch (NumberFormatException e) {
                                    throw error("node '" + nodeName + "' (" + op + ") attribute '" + key
                                            + "': not an integer: '" + parts[i] + "'");
                                }
                            }
                            attrs.ints(key, v);
                            break;
                        }
                        case FLOATS: {
                            float[] v = new float[parts.length];
                            for (int i = 0; i < v.length; i++) {
                                v[i] = parseFloat(parts[i]);
                            }
                            attrs.floats(key, v);
                            break;
                        }
                        default:
                            attrs.string(key, value);
                    }
                }
            }
            if (inputs == null || output == null) {
                throw error("node '" + nodeName + "' needs in= and out=");
            }
            nodes.add(new Node(op, nodeName, inputs, output, attrs.build()));
        }

        private ModelFile assemble() {
            if (name == null || inputName == null || outputName == null || labels == null || postprocessing == null
                    || declaredWeightBytes == null) {
                throw new IllegalArgumentException(
                        "header lacks one of the required statements name, input, output, labels, postprocess, weights_bytes");
            }
            if (!operatingPoints.isEmpty()) {
                if (postprocessing.kind() != Postprocessing.Kind.THRESHOLD) {
                    throw new IllegalArgumentException("operating points need 'postprocess threshold'");
                }
                postprocessing = postprocessing.withOperatingPoints(operatingPoints);
            }
            int[] declared = inputShape.clone();
            for (int axis : dynamicAxes) {
                if (axis >= declared.length) {
                    throw new IllegalArgumentException("dynamic axis " + axis + " beyond the input rank");
                }
                declared[axis] = -1;
            }
            Graph graph = new Graph(inputName, declared, outputName, mapOutput, nodes, weights);
            GraphValidator.validate(graph);
            Map<String, int[]> shapes = ShapeInference.infer(graph, inputShape);
            if (mapOutput != null) {
                mapOutput.checkShape(inputShape, shapes.get(mapOutput.value()));
            }
            return new ModelFile(new ModelMetadata(name, inputShape, preprocessing(), labels, postprocessing,
                    provenance), graph);
        }

        private Preprocessing preprocessing() {
            Preprocessing.Resize resize = Preprocessing.Resize.NONE;
            int resizeShort = 0;
            int rw = 0;
            int rh = 0;
            int cw = 0;
            int ch = 0;
            float scale = 1f / 255f;
            float[] mean = {0, 0, 0};
            float[] std = {1, 1, 1};
            Preprocessing.ChannelOrder order = Preprocessing.ChannelOrder.RGB;
            Preprocessing.Interpolation interpolation = Preprocessing.Interpolation.LINEAR;
            for (Map.Entry<String, List<String>> e : preprocess.entrySet()) {
                List<String> v = e.getValue();
                switch (e.getKey()) {
                    case "resize_short":
                        need(v, 1, e.getKey());
                        resize = Preprocessing.Resize.SHORT_SIDE;
                        resizeShort = parseInt(v.get(0));
                        break;
                    case "resize":
                        need(v, 2, e.getKey());
                        resize = Preprocessing.Resize.EXACT;
                        rw = parseInt(v.get(0));
                        rh = parseInt(v.get(1));
                        break;
                    case "crop":
                        need(v, 2, e.getKey());
                        cw = parseInt(v.get(0));
                        ch = parseInt(v.get(1));
                        break;
                    case "scale":
                        need(v, 1, e.getKey());
                        scale = parseFloat(v.get(0));
                        break;
                    case "mean":
                        need(v, 3, e.getKey());
                        mean = floats(v);
                        break;
                    case "std":
                        need(v, 3, e.getKey());
                        std = floats(v);
                        break;
                    case "channels":
                        need(v, 1, e.getKey());
                        try {
                            order = Preprocessing.ChannelOrder.valueOf(v.get(0));
                        } catch (IllegalArgumentException ex) {
                            throw new IllegalArgumentException("unknown channel order '" + v.get(0) + "'");
                        }
                        break;
                    case "interpolation":
                        if (version < 2) {
                            throw new IllegalArgumentException("preprocess interpolation needs format version 2");
                        }
                        need(v, 1, e.getKey());
                        interpolation = Preprocessing.Interpolation.ofToken(v.get(0));
                        break;
                    default:
                        throw new IllegalArgumentException("unknown preprocess step '" + e.getKey() + "'");
                }
            }
            if (preprocess.containsKey("resize_short") && preprocess.containsKey("resize")) {
                throw new IllegalArgumentException("preprocess has both resize_short and resize");
            }
            return Preprocessing.of(resize, resizeShort, rw, rh, cw, ch, scale, mean, std, order)
                    .withInterpolation(interpolation);
        }

        private static void need(List<String> v, int n, String what) {
            if (v.size() != n) {
                throw new IllegalArgumentException("preprocess " + what + " needs " + n + " value(s)");
            }
        }

        private float[] floats(List<String> v) {
            float[] out = new float[v.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = parseFloat(v.get(i));
            }
            return out;
        }

        private int[] ints(List<String> v, int min, int max) {
            int[] out = new int[v.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = parseInt(v.get(i));
                if (out[i] < min || out[i] > max) {
                    throw error("value " + out[i] + " out of range [" + min + ", " + max + "]");
                }
            }
            return out;
        }

        private String once(String previous, String value, String keyword) {
            if (previous != null) {
                throw error("duplicate '" + keyword + "'");
            }
            return value;
        }

        private void arity(List<String> t, int min, int max) {
            if (t.size() < min || t.size() > max) {
                throw error("'" + t.get(0) + "' takes " + (min - 1) + (min == max ? "" : ".." + (max - 1))
                        + " argument(s), has " + (t.size() - 1));
            }
        }

        private int parseInt(String s) {
            try {
                return Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw error("not an integer: '" + s + "'");
            }
        }

        private long parseLong(String s) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw error("not an integer: '" + s + "'");
            }
        }

        private float parseFloat(String s) {
            if (s.isEmpty() || !(Character.isDigit(s.charAt(s.length() - 1)))) {
                throw error("not a finite number: '" + s + "'");
            }
            try {
                float f = Float.parseFloat(s);
                if (!Float.isFinite(f)) {
                    throw error("not a finite number: '" + s + "'");
                }
                return f;
            } catch (NumberFormatException e) {
                throw error("not a number: '" + s + "'");
            }
        }

        private IllegalArgumentException error(String message) {
            return new IllegalArgumentException("header line " + lineNo + ": " + message);
        }
    }
}
