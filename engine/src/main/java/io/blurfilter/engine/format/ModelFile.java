package io.blurfilter.engine.format;

import io.blurfilter.engine.ModelMetadata;
import io.blurfilter.engine.graph.Graph;

/** The contents of a model file: metadata and graph (weights included). */
public final class ModelFile {
    /** Bytes 0..7 of every model file. */
    public static final byte[] MAGIC = {'B', 'L', 'U', 'R', 'F', 'M', 'D', 'L'};
    /**
     * The format version this engine writes. Version 2 added {@code preprocess interpolation}; the
     * engine still reads version 1 files (everything else is unchanged).
     */
    public static final int VERSION = 2;
    /** The oldest version this engine reads. */
    public static final int OLDEST_READABLE_VERSION = 1;
    /** Fixed binary prefix: magic, version, flags, header length, weights length. */
    static final int PREFIX_BYTES = 28;
    /** Weights start and every tensor is placed on this alignment. */
    static final int ALIGNMENT = 64;
    static final int MAX_HEADER_BYTES = 16 << 20;
    static final long MAX_WEIGHT_BYTES = 1L << 30;

    private final ModelMetadata metadata;
    private final Graph graph;

    public ModelFile(ModelMetadata metadata, Graph graph) {
        this.metadata = metadata;
        this.graph = graph;
    }

    public ModelMetadata metadata() {
        return metadata;
    }

    public Graph graph() {
        return graph;
    }

    static long align(long n) {
        return (n + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }
}
