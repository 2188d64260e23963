package io.blurfilter.imageio;

import java.io.IOException;

/** A file that could not be turned into pixels; the message is written for the scan's error column. */
public final class ImageDecodeException extends IOException {
    private static final long serialVersionUID = 1L;

    public ImageDecodeException(String message) {
        super(message);
    }

    public ImageDecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
