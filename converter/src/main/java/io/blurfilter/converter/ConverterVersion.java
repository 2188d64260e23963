package io.blurfilter.converter;

/** The converter's version, recorded in every model's provenance. */
public final class ConverterVersion {
    public static final String VERSION = "blurfilter-converter 0.1.0";

    private ConverterVersion() {}
}
