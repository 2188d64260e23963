package io.blurfilter.engine.graph;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An op's attributes: immutable, each an int list, a float list or a string. Which names and kinds an op
 * accepts is {@link OpSchema}'s business; this class only stores them.
 */
public final class Attributes {
    public static final Attributes NONE = new Attributes(Collections.emptyMap());

    private final Map<String, Object> values;

    private Attributes(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding a copy of these attributes, to derive a changed set. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.values.putAll(values);
        return b;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public Map<String, Object> asMap() {
        return values;
    }

    public int[] ints(String name, int... fallback) {
        Object v = values.get(name);
        return v == null ? fallback.clone() : ((int[]) v).clone();
    }

    public int intValue(String name, int fallback) {
        Object v = values.get(name);
        return v == null ? fallback : ((int[]) v)[0];
    }

    public float floatValue(String name, float fallback) {
        Object v = values.get(name);
        return v == null ? fallback : ((float[]) v)[0];
    }

    public float[] floats(String name, float... fallback) {
        Object v = values.get(name);
        return v == null ? fallback.clone() : ((float[]) v).clone();
    }

    public String string(String name, String fallback) {
        Object v = values.get(name);
        return v == null ? fallback : (String) v;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Attributes)) {
            return false;
        }
        Map<String, Object> other = ((Attributes) o).values;
        if (!other.keySet().equals(values.keySet())) {
            return false;
        }
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (!Arrays.deepEquals(new Object[] {e.getValue()}, new Object[] {other.get(e.getKey())})) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return values.keySet().hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append(e.getKey()).append('=');
            Object v = e.getValue();
            if (v instanceof int[]) {
                sb.append(Arrays.toString((int[]) v));
            } else if (v instanceof float[]) {
                sb.append(Arrays.toString((float[]) v));
            } else {
                sb.append(v);
            }
        }
        return sb.append('}').toString();
    }

    /** Collects attributes; insertion order is kept so files are written in a stable order. */
    public static final class Builder {
        private final Map<String, Object> values = new LinkedHashMap<>();

        public Builder ints(String name, int... v) {
            values.put(name, v.clone());
            return this;
        }

        public Builder floats(String name, float... v) {
            values.put(name, v.clone());
            return this;
        }

        public Builder string(String name, String v) {
            values.put(name, v);
            return this;
        }

        public Builder remove(String name) {
            values.remove(name);
            return this;
        }

        public Attributes build() {
            return new Attributes(new LinkedHashMap<>(values));
        }
    }
}
