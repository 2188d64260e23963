/**
 * The blurfilter inference engine: model format, graph, kernels, PaddleClas preprocessing and the
 * public API. Depends on java.base alone, so it runs on Android and restricted JVMs.
 */
module io.blurfilter.engine {
    exports io.blurfilter.engine;
    exports io.blurfilter.engine.graph;
    exports io.blurfilter.engine.format;
}
