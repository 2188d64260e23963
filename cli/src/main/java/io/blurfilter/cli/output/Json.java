package io.blurfilter.cli.output;

/** The few JSON spellings the CLI writes: strings with escapes and floats that read back exactly. */
public final class Json {
    private Json() {}

    public static String string(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                default:
                    if (c < 0x20 || Character.isSurrogate(c) && !validSurrogate(s, i)) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        return sb.append('"').toString();
    }

    private static boolean validSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    /**
     * A float as the shortest decimal that reads back as the same float ({@link Float#toString}),
     * which JSON accepts; NaN and infinities, which JSON has no spelling for, become null.
     */
    public static String number(float f) {
        if (!Float.isFinite(f)) {
            return "null";
        }
        return Float.toString(f);
    }

    /**
     * An integer as itself, a double as the shortest decimal that reads back as the same double
     * ({@code 0.02}, {@code 35.0}); null (no value), NaN and infinities as null.
     */
    public static String number(Number n) {
        if (n instanceof Double d) {
            return Double.isFinite(d) ? Double.toString(d) : "null";
        }
        if (n instanceof Float f) {
            return number(f.floatValue());
        }
        return n == null ? "null" : n.toString();
    }
}
