package io.blurfilter.cli.report;

/** Escaping for text and attribute values in XHTML markup. */
final class Xml {
    private Xml() {}

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
