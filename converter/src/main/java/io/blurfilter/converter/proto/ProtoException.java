package io.blurfilter.converter.proto;

/** A malformed protobuf message; the reader of a concrete format wraps it with the file name. */
public final class ProtoException extends Exception {
    private static final long serialVersionUID = 1L;

    public ProtoException(String message) {
        super(message);
    }
}
