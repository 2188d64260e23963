package io.blurfilter.cli.output;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 quoting, a splitter of one record into fields, and a reader that finds the records in a
 * text whose quoted fields may hold line breaks (file names can).
 */
public final class Csv {
    private Csv() {}

    /** The value, quoted when it holds a comma, quote or line break. */
    public static String field(String value) {
        if (value == null) {
            return "";
        }
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    /** One record as written (quoted line breaks kept, no line end) and the line it starts on, from 1. */
    public record Record(int line, String text) {
        /** The record's fields; null when it ends inside a quoted field (cut short). */
        public List<String> fields() {
            return split(text);
        }
    }

    /**
     * Splits the text into records at line breaks outside quotes ({@code \n} or {@code \r\n}). Blank
     * records are left out; a last record that ends inside quotes is kept, and its {@link
     * Record#fields} is null.
     */
    public static List<Record> records(Reader in) throws IOException {
        List<Record> records = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        boolean quoted = false;
        int line = 1;
        int start = 1;
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n' && !quoted) {
                addRecord(records, start, text);
                start = line + 1;
            } else {
                text.append((char) c);
                // a doubled quote inside quotes toggles twice: the state stays right without lookahead
                quoted ^= c == '"';
            }
            if (c == '\n') {
                line++;
            }
        }
        addRecord(records, start, text);
        return records;
    }

    private static void addRecord(List<Record> records, int line, StringBuilder text) {
        int end = text.length();
        if (end > 0 && text.charAt(end - 1) == '\r') {
            end--;
        }
        if (end > 0) {
            records.add(new Record(line, text.substring(0, end)));
        }
        text.setLength(0);
    }

    /** Splits one CSV line into fields; null when the line ends inside a quoted field (truncated). */
    public static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            return null;
        }
        fields.add(cur.toString());
        return fields;
    }
}
