package io.blurfilter.cli.report;

/** Escaping for text and attribute values in XHTML markup. */
final class Xml {
    private Xml() {}

    /** Where a path may wrap: after these, not inside a name's letters or digits. */
    private static final String PATH_BREAKS = "/\\_-.";

    /**
     * A file path, escaped, that a narrow box wraps after its separators rather than mid-word
     * ({@code <wbr/>} after each); CSS may still break a single part too long for the box.
     */
    static String escapePath(String path) {
        StringBuilder sb = new StringBuilder(path.length() + 16);
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            sb.append(escape(String.valueOf(c)));
            if (PATH_BREAKS.indexOf(c) >= 0 && i + 1 < path.length()) {
                sb.append("<wbr/>");
            }
        }
        return sb.toString();
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&': sb.append("&amp;"); break;
                case '<': sb.append("&lt;"); break;
                case '>': sb.append("&gt;"); break;
                case '"': sb.append("&quot;"); break;
                case '\'': sb.append("&#39;"); break;
                default:
                    // characters XML 1.0 forbids (control codes in odd file names) become U+FFFD
                    boolean allowed = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF)
                            || (c >= 0xE000 && c <= 0xFFFD) || Character.isSurrogate(c);
                    sb.append(allowed ? c : '\uFFFD');
            }
        }
        return sb.toString();
    }
}
