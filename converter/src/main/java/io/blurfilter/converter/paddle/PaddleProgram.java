package io.blurfilter.converter.paddle;

import io.blurfilter.converter.lower.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Paddle inference program as read from {@code inference.json} (PIR) or {@code inference.pdmodel}
 * (legacy): its parameters (name, dims), graph input and output, constants and ops in execution order.
 * Weights come separately from the {@code .pdiparams} file, in {@link #parameterNamesInFileOrder()}.
 */
public final class PaddleProgram {
    /** A persistable parameter the program reads. */
    public static final class Parameter {
        final String name;
        final String key;
        final long[] dims;

        Parameter(String name, String key, long[] dims) {
            this.name = name;
            this.key = key;
            this.dims = dims;
        }

        public String name() {
            return name;
        }

        public long[] dims() {
            return dims.clone();
        }
    }

    final String fileName;
    final String format;
    final List<Parameter> parameters = new ArrayList<>();
    final Map<String, Value> constants = new LinkedHashMap<>();
    final List<PaddleOp> ops = new ArrayList<>();
    String inputKey;
    String inputName;
    int[] inputShape;
    String outputKey;
    /** Op types that only carry data (feed/fetch/data/parameter/constants), counted for summaries. */
    final Map<String, Integer> otherOps = new TreeMap<>();

    PaddleProgram(String fileName, String format) {
        this.fileName = fileName;
        this.format = format;
    }

    public String fileName() {
        return fileName;
    }

    /** "paddle-pir" or "paddle-legacy". */
    public String format() {
        return format;
    }

    public List<Parameter> parameters() {
        return Collections.unmodifiableList(parameters);
    }

    /**
     * Parameter names in {@code .pdiparams} order: ascending byte-wise (Paddle sorts std::string /
     * Python str; UTF-8 byte order is code point order), not graph order (trap §0.5).
     */
    public List<String> parameterNamesInFileOrder() {
        List<String> names = new ArrayList<>();
        for (Parameter p : parameters) {
            names.add(p.name);
        }
        names.sort(BYTEWISE);
        return names;
    }

    public Parameter parameter(String name) {
        for (Parameter p : parameters) {
            if (p.name.equals(name)) {
                return p;
            }
        }
        return null;
    }

    public String inputName() {
        return inputName;
    }

    public int[] inputShape() {
        return inputShape == null ? null : inputShape.clone();
    }

    /** Count of every op type in the program, compute ops and data ops (feed, fetch, ...) alike. */
    public Map<String, Integer> opCounts() {
        Map<String, Integer> counts = new TreeMap<>(otherOps);
        for (PaddleOp op : ops) {
            counts.merge(op.type, 1, Integer::sum);
        }
        return counts;
    }

    static final Comparator<String> BYTEWISE = (a, b) -> Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
}
