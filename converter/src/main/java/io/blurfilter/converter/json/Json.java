package io.blurfilter.converter.json;

import io.blurfilter.converter.ConversionException;
import java.util.List;
import java.util.Map;

/**
 * Typed access to parsed JSON that turns a wrong shape into a {@link ConversionException} naming
 * where it was expected, instead of a ClassCastException.
 */
public final class Json {
    private Json() {}

    @SuppressWarnings("unchecked")
    public static Map<String, Object> obj(Object v, String where) throws ConversionException {
        if (v instanceof Map) {
            return (Map<String, Object>) v;
        }
        throw new ConversionException(where + ": expected an object, got " + describe(v));
    }

    @SuppressWarnings("unchecked")
    public static List<Object> arr(Object v, String where) throws ConversionException {
        if (v instanceof List) {
            return (List<Object>) v;
        }
        throw new ConversionException(where + ": expected an array, got " + describe(v));
    }

    public static String str(Object v, String where) throws ConversionException {
        if (v instanceof String) {
            return (String) v;
        }
        throw new ConversionException(where + ": expected a string, got " + describe(v));
    }

    public static long lng(Object v, String where) throws ConversionException {
        if (v instanceof Long) {
            return (Long) v;
        }
        if (v instanceof Boolean) {
            return (Boolean) v ? 1 : 0;
        }
        throw new ConversionException(where + ": expected an integer, got " + describe(v));
    }

    public static double num(Object v, String where) throws ConversionException {
        if (v instanceof Long || v instanceof Double) {
            return ((Number) v).doubleValue();
        }
        throw new ConversionException(where + ": expected a number, got " + describe(v));
    }

    public static Object field(Map<String, Object> m, String key, String where) throws ConversionException {
        Object v = m.get(key);
        if (v == null) {
            throw new ConversionException(where + ": missing \"" + key + "\"");
        }
        return v;
    }

    /** A short description for messages (never the whole value: it may be huge). */
    public static String describe(Object v) {
        if (v == null) {
            return "nothing";
        }
        if (v instanceof Map) {
            return "an object";
        }
        if (v instanceof List) {
            return "an array";
        }
        String s = v instanceof String ? "\"" + v + "\"" : String.valueOf(v);
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
