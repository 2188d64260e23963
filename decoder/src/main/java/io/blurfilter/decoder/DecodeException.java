package io.blurfilter.decoder;

import java.io.IOException;

/**
 * Bytes that this module cannot turn into pixels: corrupt, truncated, too large or using a feature it
 * does not implement. The message names the problem for people ("truncated JPEG: ...").
 */
public class DecodeException extends IOException {
    private static final long serialVersionUID = 1L;

    public DecodeException(String message) {
        super(message);
    }

    public DecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
