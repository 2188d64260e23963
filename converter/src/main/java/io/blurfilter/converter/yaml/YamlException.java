package io.blurfilter.converter.yaml;

/** YAML outside the supported subset, or malformed; the caller adds the file name. */
public final class YamlException extends Exception {
    private static final long serialVersionUID = 1L;

    public YamlException(String message) {
        super(message);
    }
}
