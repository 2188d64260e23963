package io.blurfilter.engine.graph;

/**
 * What a value, weight or node name may be: 1..200 printable ASCII characters without space, quote,
 * comma, equals sign or '#'. Converters map source names into this set so the file stays readable.
 */
public final class ValueNames {
    public static final int MAX_LENGTH = 200;

    private ValueNames() {}

    public static boolean isValid(String s) {
        if (s == null || s.isEmpty() || s.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isAllowed(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Replaces every character outside the allowed set by '_' and trims to the length limit. */
    public static String sanitize(String s) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), MAX_LENGTH));
        for (int i = 0; i < s.length() && sb.length() < MAX_LENGTH; i++) {
            char c = s.charAt(i);
            sb.append(isAllowed(c) ? c : '_');
        }
        return sb.length() == 0 ? "_" : sb.toString();
    }

    private static boolean isAllowed(char c) {
        return c > ' ' && c < 127 && c != '"' && c != ',' && c != '=' && c != '#';
    }
}
