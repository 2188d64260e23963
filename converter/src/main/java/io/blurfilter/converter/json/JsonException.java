package io.blurfilter.converter.json;

/** Malformed or over-limit JSON; the caller adds the file name. */
public final class JsonException extends Exception {
    private static final long serialVersionUID = 1L;

    public JsonException(String message) {
        super(message);
    }
}
