package io.blurfilter.converter.yaml;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the YAML subset that PaddleClas and PaddleX {@code inference.yml} files use: block mappings
 * and sequences (including {@code - - x} and a sequence at its key's indentation), single-line flow
 * sequences/mappings, plain and quoted scalars, comments, anchors and aliases. Scalars stay strings
 * (the caller converts numbers where it expects them); {@code null}, {@code ~} and empty values become
 * {@link #NULL}. Anything else (block scalars, multi-line flow, tabs, tags) is refused with the line.
 * Aliases share the anchored object, so no alias bomb can blow up memory.
 */
public final class YamlSubset {
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private static final int MAX_DEPTH = 100;
    private static final int MAX_LINES = 100_000;

    private static final class Line {
        int indent;
        String text;
        final int number;

        Line(int indent, String text, int number) {
            this.indent = indent;
            this.text = text;
            this.number = number;
        }
    }

    private final List<Line> lines = new ArrayList<>();
    private final Map<String, Object> anchors = new HashMap<>();
    private int index;
    private int depth;

    private YamlSubset() {}

    /** Parses a document; an empty document is an empty map. */
    public static Object parse(String text) throws YamlException {
        YamlSubset y = new YamlSubset();
        y.split(text);
        if (y.lines.isEmpty()) {
            return new LinkedHashMap<String, Object>();
        }
        Object root = y.node(y.lines.get(0).indent);
        if (y.index < y.lines.size()) {
            throw y.error(y.lines.get(y.index), "unexpected indentation");
        }
        return root;
    }

    private void split(String text) throws YamlException {
        String[] raw = text.split("\r?\n", -1);
        if (raw.length > MAX_LINES) {
            throw new YamlException("more than " + MAX_LINES + " lines");
        }
        for (int i = 0; i < raw.length; i++) {
            String s = raw[i];
            int indent = 0;
            while (indent < s.length() && s.charAt(indent) == ' ') {
                indent++;
            }
            String body = stripComment(s.substring(indent)).strip();
            if (body.isEmpty() || (i == 0 && body.equals("---")) || body.equals("...")) {
                continue;
            }
            if (body.startsWith("---")) {
                throw new YamlException("line " + (i + 1) + ": multiple documents are not supported");
            }
            if (s.indexOf('\t') >= 0 && s.indexOf('\t') < indent + 1) {
                throw new YamlException("line " + (i + 1) + ": tab in indentation");
            }
            lines.add(new Line(indent, body, i + 1));
        }
    }

    /** Removes a comment: '#' at the start or after whitespace, outside quotes. */
    private static String stripComment(String s) {
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '#' && (i == 0 || s.charAt(i - 1) == ' ')) {
                return s.substring(0, i);
            }
        }
        return s;
    }

    private Object node(int indent) throws YamlException {
        if (++depth > MAX_DEPTH) {
            throw error(lines.get(index), "nesting deeper than " + MAX_DEPTH);
        }
        try {
            Line line = lines.get(index);
            if (isSequenceItem(line.text)) {
                return sequence(indent);
            }
            if (keyEnd(line) >= 0) {
                return mapping(indent);
            }
            index++;
            return scalarOrFlow(line, line.text);
        } finally {
            depth--;
        }
    }

    private static boolean isSequenceItem(String text) {
        return text.equals("-") || text.startsWith("- ");
    }

    private List<Object> sequence(int indent) throws YamlException {
        List<Object> list = new ArrayList<>();
        while (index < lines.size()) {
            Line line = lines.get(index);
            if (line.indent != indent || !isSequenceItem(line.text)) {
                if (line.indent > indent) {
                    throw error(line, "unexpected indentation in a sequence");
                }
                break;
            }
            if (line.text.equals("-")) {
                index++;
                list.add(nested(indent, false));
                continue;
            }
            // "- rest": continue as if rest stood on its own line, indented to where it starts,
            // so an inline mapping's further keys line up with its first one.
            int offset = 2;
            while (offset < line.text.length() && line.text.charAt(offset) == ' ') {
                offset++;
            }
            line.indent = indent + offset;
            line.text = line.text.substring(offset);
            list.add(node(line.indent));
        }
        return list;
    }

    private Map<String, Object> mapping(int indent) throws YamlException {
        Map<String, Object> map = new LinkedHashMap<>();
        while (index < lines.size()) {
            Line line = lines.get(index);
            if (line.indent != indent) {
                if (line.indent > indent) {
                    throw error(line, "unexpected indentation in a mapping");
                }
                break;
            }
            int colon = keyEnd(line);
            if (colon < 0) {
                throw error(line, "expected 'key: value'");
            }
            String key = unquote(line, line.text.substring(0, colon).strip());
            String rest = line.text.substring(colon + 1).strip();
            index++;
            String anchor = null;
            if (rest.startsWith("&")) {
                int sp = rest.indexOf(' ');
                anchor = sp < 0 ? rest.substring(1) : rest.substring(1, sp);
                rest = sp < 0 ? "" : rest.substring(sp + 1).strip();
            }
            Object value = rest.isEmpty() ? nested(indent, true) : scalarOrFlow(line, rest);
            if (anchor != null) {
                anchors.put(anchor, value);
            }
            if (map.put(key, value) != null) {
                throw error(line, "duplicate key '" + key + "'");
            }
        }
        return map;
    }

    /** The value that follows an empty "key:" or "-": a deeper block, a same-indent sequence, or null. */
    private Object nested(int indent, boolean sequenceMayShareIndent) throws YamlException {
        if (index < lines.size()) {
            Line next = lines.get(index);
            if (next.indent > indent) {
                return node(next.indent);
            }
            if (sequenceMayShareIndent && next.indent == indent && isSequenceItem(next.text)) {
                return sequence(indent);
            }
        }
        return NULL;
    }

    /** Index of the ':' that ends a mapping key on this line, or -1. */
    private static int keyEnd(Line line) {
        String s = line.text;
        int i = 0;
        if (s.startsWith("'") || s.startsWith("\"")) {
            int close = s.indexOf(s.charAt(0), 1);
            if (close < 0) {
                return -1;
            }
            i = close + 1;
        } else if (s.startsWith("[") || s.startsWith("{")) {
            return -1;
        }
        for (; i < s.length(); i++) {
            if (s.charAt(i) == ':' && (i + 1 == s.length() || s.charAt(i + 1) == ' ')) {
                return i;
            }
        }
        return -1;
    }

    private Object scalarOrFlow(Line line, String text) throws YamlException {
        if (text.startsWith("*")) {
            Object v = anchors.get(text.substring(1));
            if (v == null) {
                throw error(line, "unknown alias '" + text + "'");
            }
            return v;
        }
        if (text.startsWith("|") || text.startsWith(">") || text.startsWith("!")) {
            throw error(line, "block scalars and tags are not supported");
        }
        if (text.startsWith("[") || text.startsWith("{")) {
            int[] pos = {0};
            Object v = flow(line, text, pos, 0);
            if (pos[0] != text.length()) {
                throw error(line, "trailing characters after a flow collection");
            }
            return v;
        }
        return scalar(line, text);
    }

    private Object flow(Line line, String s, int[] pos, int level) throws YamlException {
        if (level > MAX_DEPTH) {
            throw error(line, "flow nesting too deep");
        }
        skipSpaces(s, pos);
        if (pos[0] >= s.length()) {
            throw error(line, "unterminated flow collection (multi-line flow is not supported)");
        }
        char open = s.charAt(pos[0]);
        if (open != '[' && open != '{') {
            int start = pos[0];
            char quote = 0;
            while (pos[0] < s.length()) {
                char c = s.charAt(pos[0]);
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    }
                } else if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == ',' || c == ']' || c == '}' || (c == ':' && level > 0
                        && (pos[0] + 1 == s.length() || s.charAt(pos[0] + 1) == ' '))) {
                    break;
                }
                pos[0]++;
            }
            String item = s.substring(start, pos[0]).strip();
            return item.isEmpty() ? NULL : scalar(line, item);
        }
        pos[0]++;
        char close = open == '[' ? ']' : '}';
        List<Object> items = new ArrayList<>();
        Map<String, Object> map = new LinkedHashMap<>();
        skipSpaces(s, pos);
        if (pos[0] < s.length() && s.charAt(pos[0]) == close) {
            pos[0]++;
            return open == '[' ? items : map;
        }
        while (true) {
            Object v = flow(line, s, pos, level + 1);
            skipSpaces(s, pos);
            if (open == '{') {
                if (pos[0] >= s.length() || s.charAt(pos[0]) != ':') {
                    throw error(line, "expected ':' in a flow mapping");
                }
                pos[0]++;
                Object value = flow(line, s, pos, level + 1);
                map.put(String.valueOf(v), value);
                skipSpaces(s, pos);
            } else {
                items.add(v);
            }
            if (pos[0] >= s.length()) {
                throw error(line, "unterminated flow collection (multi-line flow is not supported)");
            }
            char c = s.charAt(pos[0]++);
            if (c == close) {
                return open == '[' ? items : map;
            }
            if (c != ',') {
                throw error(line, "expected ',' or '" + close + "' in a flow collection");
            }
        }
    }

    private static void skipSpaces(String s, int[] pos) {
        while (pos[0] < s.length() && s.charAt(pos[0]) == ' ') {
            pos[0]++;
        }
    }

    private Object scalar(Line line, String text) throws YamlException {
        if (text.equals("null") || text.equals("~") || text.equals("Null") || text.equals("NULL")) {
            return NULL;
        }
        return unquote(line, text);
    }

    private String unquote(Line line, String text) throws YamlException {
        if (text.startsWith("'")) {
            if (text.length() < 2 || !text.endsWith("'")) {
                throw error(line, "unterminated quoted string");
            }
            return text.substring(1, text.length() - 1).replace("''", "'");
        }
        if (text.startsWith("\"")) {
            if (text.length() < 2 || !text.endsWith("\"")) {
                throw error(line, "unterminated quoted string");
            }
            String inner = text.substring(1, text.length() - 1);
            if (inner.indexOf('\\') >= 0) {
                inner = inner.replace("\\\"", "\"").replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\");
            }
            return inner;
        }
        return text;
    }

    private YamlException error(Line line, String what) {
        return new YamlException("line " + line.number + ": " + what);
    }
}
