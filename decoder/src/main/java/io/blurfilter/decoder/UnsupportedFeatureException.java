package io.blurfilter.decoder;

/**
 * A well-formed file that uses a feature this module does not decode (arithmetic coding, 12-bit or
 * lossless JPEG, ...). Callers with another decoder at hand can try it; the file is not known to be
 * damaged.
 */
public final class UnsupportedFeatureException extends DecodeException {
    private static final long serialVersionUID = 1L;

    private final String feature;

    public UnsupportedFeatureException(String feature) {
        super("unsupported: " + feature);
        this.feature = feature;
    }

    /** The feature, e.g. {@code "arithmetic-coded JPEG"}. */
    public String feature() {
        return feature;
    }
}
