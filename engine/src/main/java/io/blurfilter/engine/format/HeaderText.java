package io.blurfilter.engine.format;

import java.util.ArrayList;
import java.util.List;

/**
 * Lexical rules of the text header: one statement a line, tokens separated by spaces; a token is either
 * bare (printable ASCII, no space, quote or '#') or a double-quoted string with the escapes
 * \\ \" \n \t and \\uXXXX. '#' starts a comment outside quotes.
 */
final class HeaderText {
    private HeaderText() {}

    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\t': sb.append("\\t"); break;
                default:
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        return sb.append('"').toString();
    }

    /** Splits one line into tokens; quoted tokens come back unescaped. */
    static List<String> tokens(String line, int lineNo) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r') {
                i++;
            } else if (c == '#') {
                break;
            } else if (c == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                boolean closed = false;
                while (i < n) {
                    char d = line.charAt(i++);
                    if (d == '"') {
                        closed = true;
                        break;
                    }
                    if (d == '\\') {
                        if (i >= n) {
                            break;
                        }
                        char e = line.charAt(i++);
                        switch (e) {
                            case '"': sb.append('"'); break;
                            case '\\': sb.append('\\'); break;
                            case 'n': sb.append('\n'); break;
                            case 't': sb.append('\t'); break;
                            case 'u':
                                if (i + 4 > n) {
                                    throw new IllegalArgumentException("line " + lineNo + ": bad \\u escape");
                                }
                                try {
                                    sb.append((char) Integer.parseInt(line.substring(i, i + 4), 16));
                                } catch (NumberFormatException ex) {
                                    throw new IllegalArgumentException("line " + lineNo + ": bad \\u escape");
                                }
                                i += 4;
                                break;
                            default:
                                throw new IllegalArgumentException("line " + lineNo + ": unknown escape \\" + e);
                        }
                    } else {
                        sb.append(d);
                    }
                }
                if (!closed) {
                    throw new IllegalArgumentException("line " + lineNo + ": unterminated string");
                }
                out.add(sb.toString());
            } else {
                int start = i;
                while (i < n && line.charAt(i) != ' ' && line.charAt(i) != '\t' && line.charAt(i) != '\r') {
                    char d = line.charAt(i);
                    if (d == '"' || d < 0x20 || d >= 0x7f) {
                        throw new IllegalArgumentException("line " + lineNo + ": unexpected character in '"
                                + line.substring(start, Math.min(n, i + 1)) + "'");
                    }
                    i++;
                }
                out.add(line.substring(start, i));
            }
        }
        return out;
    }
}
