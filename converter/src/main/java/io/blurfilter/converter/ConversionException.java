package io.blurfilter.converter;

/**
 * The one exception a conversion produces for a bad, hostile or unsupported source model. The message
 * names the source file and, where it applies, the op type, the op's name or index and the attribute.
 * Plain I/O failures (file missing, unreadable) stay {@link java.io.IOException}s.
 */
public final class ConversionException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConversionException(String message) {
        super(message);
    }

    public ConversionException(String message, Throwable cause) {
        super(message, cause);
    }
}
